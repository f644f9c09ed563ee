"""Scoring scripted calls (per call, per ISP) and outcome shares across a sample. Pure."""

from __future__ import annotations

import pandas as pd

from audit.callbacks.timing import wilson
from audit.calls.model import CallItem, Scenario


def applicable(item: CallItem, values: dict) -> bool:
    """False when the item's ``na_when`` condition holds for this call."""
    return not any(str(values.get(other)) == str(value) for other, value in (item.na_when or {}).items())


def item_score(item: CallItem, value) -> float | None:
    """An item's score in [0, 1], or None when it has no weight or no value."""
    if value is None or item.weight == 0:
        return None
    if item.type == "yesno":
        return 1.0 if value == "yes" else 0.0
    if item.type == "rating":
        return (float(value) - 1) / 4
    if item.type == "choice":
        return next(o.score for o in item.options if o.code == value)
    if item.type in ("seconds", "count") and item.good is not None:
        number = float(value)
        if item.better == "lower":
            return 1.0 if number <= item.good else 0.5 if number <= item.ok else 0.0
        return 1.0 if number >= item.good else 0.5 if number >= item.ok else 0.0
    return None


def score_call(scenario: Scenario, values: dict) -> dict:
    """One call's score: weighted mean of applicable scored items, 0 on an auto-fail.

    Returns:
        ``score`` (0–100, or None if nothing was scorable), ``auto_fail`` (the item that failed it, or None),
        ``items`` (item id → score or None).
    """
    scores, weights = {}, {}
    failed = None
    for item in scenario.items:
        value = values.get(item.id)
        if value is not None and str(value) in item.auto_fail:
            failed = failed or item.id
        if not applicable(item, values):
            scores[item.id] = None
            continue
        scores[item.id] = item_score(item, value)
        if scores[item.id] is not None:
            weights[item.id] = item.weight
    total = sum(weights.values())
    value = None if total == 0 else 100 * sum(scores[k] * w for k, w in weights.items()) / total
    return {"score": 0.0 if failed else value, "auto_fail": failed, "items": scores}


def per_isp(calls: pd.DataFrame) -> pd.DataFrame:
    """Mean call score per ISP and scenario (``calls`` has ``isp_slug``, ``scenario``, ``score``)."""
    return calls.groupby(["isp_slug", "scenario"], as_index=False).agg(calls=("score", "size"),
                                                                        score=("score", "mean"))


def shares(calls: pd.DataFrame, item_id: str, codes: list[str]) -> pd.DataFrame:
    """Each answer's share of the calls with Wilson 95% intervals.

    Args:
        calls: one row per call with a column named ``item_id`` holding answer codes.
        item_id: the item.
        codes: the answer codes in display order.
    """
    answered = calls[item_id].dropna()
    rows = []
    for code in codes:
        count = int((answered == code).sum())
        share, low, high = wilson(count, len(answered))
        rows.append({"answer": code, "count": count, "share": share, "low": low, "high": high})
    return pd.DataFrame(rows)
