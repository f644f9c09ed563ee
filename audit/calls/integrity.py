"""Cross-checking logged calls with the shopper's own phone log: a call logged with no outgoing call to the
ISP's numbers near that time is flagged. Pure."""

from __future__ import annotations

import pandas as pd


def check_calls(calls: pd.DataFrame, outgoing: pd.DataFrame, numbers: pd.DataFrame,
                tolerance_min: float = 15) -> pd.DataFrame:
    """Flag logged calls the phone log does not show.

    Args:
        calls: ``call_id``, ``shopper``, ``isp_slug``, ``call_started`` (UTC Timestamp).
        outgoing: the shopper's outgoing calls: ``shopper``, ``callee`` (E.164), ``started_at`` (UTC).
        numbers: ``isp_slug``, ``e164``.
        tolerance_min: how far apart the logged and the phone's times may be.

    Returns:
        ``calls`` with ``phone_log`` (``confirmed``, ``missing`` or ``no phone log``).
    """
    owned = numbers.groupby("isp_slug")["e164"].agg(set).to_dict()
    tolerance = pd.Timedelta(minutes=tolerance_min)
    verdicts = []
    for row in calls.itertuples(index=False):
        mine = outgoing[outgoing["shopper"] == row.shopper]
        if mine.empty:
            verdicts.append("no phone log")
            continue
        near = mine[(mine["started_at"] - row.call_started).abs() <= tolerance]
        hit = near["callee"].isin(owned.get(row.isp_slug, set())).any()
        verdicts.append("confirmed" if hit else "missing")
    return calls.assign(phone_log=verdicts)
