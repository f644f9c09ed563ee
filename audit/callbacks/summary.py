"""Summaries of a campaign's callback table for notebooks and reports. Pure."""

from __future__ import annotations

import pandas as pd

from audit.callbacks import timing


def summarise(table: pd.DataFrame) -> dict:
    """Headline figures: counts, shares with Wilson intervals, the Kaplan–Meier median and curve.

    Args:
        table: one row per request from :func:`audit.callbacks.service.time_requests`.

    Returns:
        ``requests``, ``decided`` (not in review), ``called`` and ``never`` (with share, low, high),
        ``within_hour``, ``median_min`` (with low, high), ``curve``, ``buckets``, ``review``.
    """
    decided = table[table["outcome"] != "review"]
    called = decided["outcome"] == "called_back"
    out = {"requests": len(table), "decided": len(decided), "review": int((table["outcome"] == "review").sum()),
           "called": timing.wilson(int(called.sum()), len(decided)),
           "never": timing.wilson(int((decided["bucket"] == "never").sum()), len(decided)),
           "within_hour": timing.wilson(int((called & (decided["delay_s"] <= 3600)).sum()), len(decided)),
           "buckets": timing.bucket_counts(decided) if len(decided) else None, "curve": None,
           "median_min": (float("nan"),) * 3}
    if len(decided):
        fitter = timing.kaplan_meier(decided["observed_s"], called)
        out["median_min"] = timing.median_with_ci(fitter)
        out["curve"] = timing.called_share_curve(fitter)
    return out


def per_isp(table: pd.DataFrame) -> pd.DataFrame:
    """One row per ISP: outcome, minutes on the wall clock and in working time, promise and whether kept."""
    out = table.assign(delay_min=table["delay_s"] / 60, working_min=table["working_delay_s"] / 60)
    return out[["isp_slug", "outcome", "bucket", "delay_min", "working_min", "matched_by", "promise",
                "promise_kept"]].sort_values(["outcome", "delay_min"]).reset_index(drop=True)
