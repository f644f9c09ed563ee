"""Field shoppers filling scripted-call sheets for the demo, with outcomes drawn to follow the seed study
(half list a price range, 2% sell add-ons, 63 / 28 / 9% on churn)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import load_workbook

from audit.calls.model import YESNO, load_scenario

OUTCOME_ODDS = {
    "recommendation": {"one_tariff": 0.5, "range_listed": 0.45, "no_offer": 0.05},
    "speed_estimate": {"given": 0.4, "after_prompt": 0.4, "not_given": 0.2},
    "addons_offer": {"none": 0.8, "on_request": 0.18, "proactive_one": 0.01, "proactive_several": 0.01},
    "churn_answer": {"stop_paying": 0.63, "office_or_scan": 0.28, "retention_attempt": 0.09, "other": 0.0},
}
YES_ODDS = {"needs_discovery": 0.5, "faster_recommended": 0.3, "above_100": 0.7, "argued": 0.5, "reason_asked": 0.3,
            "offer_made": 0.2, "diagnosis": 0.6, "resolved_first_contact": 0.5, "escalated": 0.7,
            "operator_first_level": 0.6, "operator_reached": 0.97, "greeting_brand": 0.8, "greeting_name": 0.55}


def fill_sheet(path: Path, shopper: str, seed: int, start: datetime) -> Path:
    """Fill every planned call of a shopper sheet the way a field shopper would (labels from the lists,
    real date-time cells, whole numbers), with outcomes drawn from the odds above."""
    rng = np.random.default_rng(seed)
    book = load_workbook(path)
    meta = {r[0]: r[1] for r in book["meta"].iter_rows(values_only=True)}
    scenario, lang = load_scenario(meta["scenario"]), meta["lang"]
    sheet = book.worksheets[1]
    first = 5  # the four fixed columns come first
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 4).value = shopper
        values: dict = {}
        for offset, item in enumerate(scenario.items):
            values[item.id] = _draw(item, rng, start + timedelta(minutes=17 * row), values)
            sheet.cell(row, first + offset).value = _label(item, values[item.id], lang)
    book.save(path)
    return path


def _draw(item, rng, when: datetime, values: dict):
    from audit.calls.scoring import applicable

    if not applicable(item, values):
        return None
    if item.type == "time":
        return when
    if item.type == "seconds":
        return int(rng.lognormal(np.log(35 if item.id == "time_to_answer_s" else 200), 0.6))
    if item.type == "count":
        return int(rng.choice([0, 1, 2], p=[0.3, 0.5, 0.2]))
    if item.type == "rating":
        return int(rng.choice([2, 3, 4, 5], p=[0.1, 0.3, 0.4, 0.2]))
    if item.type == "yesno":
        return "yes" if rng.random() < YES_ODDS.get(item.id, 0.5) else "no"
    odds = OUTCOME_ODDS.get(item.id) or {o.code: 1 / len(item.options) for o in item.options}
    codes = list(odds)
    weights = np.array([odds[c] for c in codes])
    return str(rng.choice(codes, p=weights / weights.sum()))


def _label(item, value, lang: str):
    if value is None:
        return None
    if item.type == "yesno":
        return YESNO[lang][value]
    if item.type == "choice":
        option = next(o for o in item.options if o.code == value)
        return option.label.get(lang) or option.label["ru"]
    return value
