"""Matching calls to requests without guessing. Pure functions over DataFrames.

A call is a callback for a request when it reaches the shopper's line at or after the request, within the
campaign's observation window, and either comes from one of the ISP's known numbers (registry or site), or
(an unknown or hidden caller, e.g. a callback widget's own number) exactly one request is pending at that
moment. Several candidates go to review, never guessed; review decisions override the rules.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import pandas as pd

REQUEST_COLUMNS = ["submission_id", "isp_slug", "submitted_at", "window_end"]
CALL_COLUMNS = ["source", "call_key", "caller", "started_at", "answered"]


@dataclass(frozen=True)
class Matching:
    """The outcome of matching.

    Attributes:
        requests: one row per request: ``outcome`` (``called_back``, ``no_callback``, ``review``),
            ``first_call_at``, ``call_source``, ``call_key``, ``matched_by``, ``answered``.
        calls: one row per call: ``attributed_to`` (submission id or None), ``how``, ``candidates``
            (submission ids for the review queue).
    """

    requests: pd.DataFrame
    calls: pd.DataFrame

    @property
    def review_queue(self) -> pd.DataFrame:
        """Calls waiting for a person's decision, with their candidate requests."""
        return self.calls[self.calls["how"] == "review"].reset_index(drop=True)


def match_calls(requests: pd.DataFrame, numbers: pd.DataFrame, calls: pd.DataFrame,
                reviews: pd.DataFrame | None = None) -> Matching:
    """Attribute calls to requests.

    Args:
        requests: ``submission_id``, ``isp_slug``, ``submitted_at`` and ``window_end`` (UTC Timestamps).
        numbers: ``isp_slug``, ``e164``, ``source`` (``registry``/``site``/``manual``): the ISPs' known numbers.
        calls: ``source``, ``call_key``, ``caller``, ``started_at`` (UTC Timestamp), ``answered``.
        reviews: ``source``, ``call_key``, ``submission_id``, ``decision`` (``confirm``/``reject``); the
            latest decision per call counts.

    Returns:
        The per-request and per-call results (new frames; the inputs are not changed).
    """
    owners: dict[str, dict[str, str]] = {}
    for row in numbers.itertuples(index=False):
        owners.setdefault(row.e164, {}).setdefault(row.isp_slug, row.source)
    decided = {}
    if reviews is not None and not reviews.empty:
        for row in reviews.itertuples(index=False):
            decided[(row.source, row.call_key)] = (row.decision, row.submission_id)
    reqs = requests.sort_values("submitted_at").reset_index(drop=True)
    rows = list(reqs.itertuples(index=False))
    by_id = {int(r.submission_id): r for r in rows}
    starts = [r.submitted_at for r in rows]
    longest = max(((r.window_end - r.submitted_at) for r in rows), default=pd.Timedelta(0))
    by_isp: dict[str, list] = {}
    for r in rows:
        by_isp.setdefault(r.isp_slug, []).append(r)
    first: dict[int, dict] = {}
    call_rows = []
    for call in calls.sort_values(["started_at", "source", "call_key"]).itertuples(index=False):
        at = call.started_at
        lo, hi = bisect.bisect_left(starts, at - longest), bisect.bisect_right(starts, at)
        open_reqs = [r for r in rows[lo:hi] if at <= r.window_end]
        attributed, how, candidates = None, "", []
        decision = decided.get((call.source, call.call_key))
        if decision is not None:
            kind, submission = decision
            if kind == "confirm" and submission is not None and int(submission) in by_id:
                attributed, how = int(submission), "confirmed in review"
            else:
                how = "rejected in review"
        else:
            mine = owners.get(call.caller or "", {})
            if mine:
                hits = [r for r in open_reqs if r.isp_slug in mine]
                isps = {r.isp_slug for r in hits}
                if len(isps) == 1:
                    latest = max(hits, key=lambda r: r.submitted_at)
                    attributed = int(latest.submission_id)
                    how = f"known number ({mine[latest.isp_slug]})"
                elif len(isps) > 1:
                    how, candidates = "review", [int(r.submission_id) for r in hits]
                else:
                    before = any(at < r.submitted_at for isp in mine for r in by_isp.get(isp, []))
                    how = "before the request" if before else "outside the observation window"
            else:
                pending = [r for r in open_reqs if int(r.submission_id) not in first]
                if len(pending) == 1:
                    attributed, how = int(pending[0].submission_id), "timing: the only pending request"
                elif len(pending) > 1:
                    how, candidates = "review", [int(r.submission_id) for r in pending]
                else:
                    how = "no pending request"
        if attributed is not None and attributed not in first:
            first[attributed] = {"first_call_at": at, "call_source": call.source, "call_key": call.call_key,
                                 "matched_by": how, "answered": bool(call.answered)}
        call_rows.append({"source": call.source, "call_key": call.call_key, "caller": call.caller,
                          "started_at": at, "answered": bool(call.answered), "attributed_to": attributed,
                          "how": how, "candidates": candidates})
    calls_out = pd.DataFrame(call_rows, columns=[*CALL_COLUMNS, "attributed_to", "how", "candidates"])
    review_times: dict[int, list] = {}
    for row in call_rows:
        if row["how"] == "review":
            for candidate in row["candidates"]:
                review_times.setdefault(candidate, []).append(row["started_at"])
    out = []
    for r in rows:
        sid = int(r.submission_id)
        hit = first.get(sid)
        # A request with a callback found is settled unless an unresolved call before it may be its own.
        waiting = [t for t in review_times.get(sid, []) if hit is None or t < hit["first_call_at"]]
        if waiting:
            outcome = "review"
        elif hit:
            outcome = "called_back"
        else:
            outcome = "no_callback"
        out.append({"submission_id": sid, "isp_slug": r.isp_slug, "submitted_at": r.submitted_at,
                    "window_end": r.window_end, "outcome": outcome,
                    "first_call_at": hit["first_call_at"] if hit and outcome == "called_back" else pd.NaT,
                    "call_source": hit["call_source"] if hit and outcome == "called_back" else None,
                    "call_key": hit["call_key"] if hit and outcome == "called_back" else None,
                    "matched_by": hit["matched_by"] if hit and outcome == "called_back" else (
                        "review pending" if outcome == "review" else None),
                    "answered": hit["answered"] if hit and outcome == "called_back" else None,
                    "in_review": sid in review_times})
    requests_out = pd.DataFrame(out)
    if not requests_out.empty:
        requests_out["first_call_at"] = pd.to_datetime(requests_out["first_call_at"], utc=True)
    return Matching(requests_out, calls_out)
