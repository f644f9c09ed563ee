"""Scoring a self-assessment: item scores, points per section with not-applicable items left out,
gaps ranked by points lost and money at stake, and the change between two assessments. Pure."""

from __future__ import annotations

import pandas as pd

from audit.checklist.model import Checklist, Item
from audit.money import MoneyParams, driver_monthly

ANSWER_LABELS = {
    "ru": {"yes": "да", "partly": "частично", "no": "нет", "na": "не применимо"},
    "uk": {"yes": "так", "partly": "частково", "no": "ні", "na": "не застосовується"},
    "en": {"yes": "yes", "partly": "partly", "no": "no", "na": "n/a"},
}
ANSWER_SCORES = {"yes": 1.0, "partly": 0.5, "no": 0.0}


def answer_code(text: str) -> str | None:
    """``да``/``так``/``yes`` → ``yes`` and so on in any language; None if not an answer word."""
    low = str(text).strip().lower()
    for labels in ANSWER_LABELS.values():
        for code, label in labels.items():
            if low == label:
                return code
    return {"n/a": "na", "na": "na", "не применимо": "na"}.get(low)


def item_score(item: Item, value: str | float | None) -> float | None:
    """An item's score in [0, 1], or None when not applicable.

    Args:
        item: the item.
        value: ``yes``/``partly``/``no``/``na`` for ``ynp`` items, a number (or ``na``) for ``number`` ones.
    """
    if value == "na" or value is None:
        return None
    if item.scale == "ynp":
        return ANSWER_SCORES[str(value)]
    number = float(value)
    if item.better == "lower":
        return 1.0 if number <= item.good else 0.5 if number <= item.ok else 0.0
    return 1.0 if number >= item.good else 0.5 if number >= item.ok else 0.0


def score(checklist: Checklist, answers: dict[str, str | float | None]) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """Score an assessment.

    Args:
        checklist: the instrument.
        answers: item id → answer (see :func:`item_score`).

    Returns:
        Items (``item_id``, ``section``, ``points``, ``score``, ``earned``, ``available``, ``lost``), sections
        (``section``, ``earned``, ``available``, ``percent``) and the overall percent. Not-applicable items
        count neither way: a section's percent is earned over available points.
    """
    rows = []
    for item in checklist.items:
        value = item_score(item, answers.get(item.id))
        available = 0.0 if value is None else item.points
        earned = 0.0 if value is None else item.points * value
        rows.append({"item_id": item.id, "section": item.section, "points": item.points, "answer": answers.get(item.id),
                     "score": value, "earned": earned, "available": available, "lost": available - earned})
    items = pd.DataFrame(rows)
    sections = items.groupby("section", sort=False)[["earned", "available"]].sum().reset_index()
    sections["percent"] = (100 * sections["earned"] / sections["available"]).where(sections["available"] > 0)
    overall = 100 * items["earned"].sum() / items["available"].sum() if items["available"].sum() else float("nan")
    return items, sections, float(overall)


def gaps(checklist: Checklist, items: pd.DataFrame, params: MoneyParams | None = None,
         lang: str = "ru") -> pd.DataFrame:
    """The items that lost points, worst first: by points lost, then by money at stake.

    An item's money is its driver's monthly range (:func:`audit.money.driver_monthly`) times its share
    of that driver's points times the share of its score that is missing.

    Returns:
        ``item_id``, ``section``, ``question``, ``lost`` points, ``money_low`` and ``money_high`` per month,
        ``evidence``, ``benchmark``, ``driver``.
    """
    params = params or MoneyParams()
    by_id = {item.id: item for item in checklist.items}
    driver_points: dict[str, float] = {}
    for item in checklist.items:
        if item.driver:
            driver_points[item.driver] = driver_points.get(item.driver, 0) + item.points
    rows = []
    for row in items[items["lost"] > 0].itertuples():
        item = by_id[row.item_id]
        low = high = 0.0
        if item.driver:
            d_low, d_high = driver_monthly(item.driver, params)
            share = item.points / driver_points[item.driver] * (1 - row.score)
            low, high = d_low * share, d_high * share
        rows.append({"item_id": item.id, "section": item.section, "question": item.text("question", lang),
                     "lost": row.lost, "money_low": round(low), "money_high": round(high),
                     "evidence": item.text("evidence", lang), "benchmark": item.text("benchmark", lang) or None,
                     "driver": item.driver})
    frame = pd.DataFrame(rows, columns=["item_id", "section", "question", "lost", "money_low", "money_high",
                                        "evidence", "benchmark", "driver"])
    return frame.sort_values(["lost", "money_high"], ascending=False).reset_index(drop=True)


def compare(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The change per section between two assessments (``sections`` frames from :func:`score`).

    Returns:
        ``section``, ``before``, ``after``, ``change`` (percentage points).
    """
    merged = before[["section", "percent"]].merge(after[["section", "percent"]], on="section", how="outer",
                                                  suffixes=("_before", "_after"))
    merged = merged.rename(columns={"percent_before": "before", "percent_after": "after"})
    merged["change"] = merged["after"] - merged["before"]
    return merged
