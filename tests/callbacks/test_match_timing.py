"""Matching without guessing, and timing checked by hand (weekend, holiday, censoring)."""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from audit.callbacks import timing
from audit.callbacks.match import match_calls
from audit.hours import parse_hours

T = lambda s: pd.Timestamp(s, tz="UTC")  # noqa: E731
WINDOW = pd.Timedelta(days=30)


def requests():
    rows = [(1, "a", "2026-11-20T05:00:00"), (2, "b", "2026-11-20T06:00:00"), (3, "c", "2026-11-20T07:00:00"),
            (4, "d", "2026-11-21T10:00:00"), (5, "e", "2026-11-21T10:05:00")]
    return pd.DataFrame([{"submission_id": i, "isp_slug": s, "submitted_at": T(t), "window_end": T(t) + WINDOW}
                         for i, s, t in rows])


NUMBERS = pd.DataFrame([{"isp_slug": "a", "e164": "+73452505050", "source": "registry"},
                        {"isp_slug": "b", "e164": "+73433102030", "source": "site"},
                        {"isp_slug": "d", "e164": "+73812404040", "source": "registry"}])


def calls():
    rows = [("c1", "+73452505050", "2026-11-20T05:12:34", True),   # a, 754 s after
            ("c2", "+73433102030", "2026-11-20T05:30:00", True),   # b, before b's request: not a callback
            ("c3", "+73433102030", "2026-11-20T06:30:00", False),  # b, missed: still b's callback, 1800 s
            ("c4", "+79990000001", "2026-11-20T07:03:00", True),   # unknown; only c pending: timing
            ("c5", "+79990000002", "2026-11-21T10:10:00", True),   # unknown; d and e pending: review
            ("c6", "+73812404040", "2026-11-21T11:00:00", True),   # d's number
            ("c7", "+73452505050", "2027-01-10T05:00:00", True)]   # a again, after the window
    return pd.DataFrame([{"source": "file:asterisk", "call_key": k, "caller": c, "started_at": T(t), "answered": a}
                         for k, c, t, a in rows])


def test_matching_attributes_only_what_it_can_prove():
    result = match_calls(requests(), NUMBERS, calls())
    got = result.requests.set_index("isp_slug")
    assert got.loc["a", ["outcome", "matched_by"]].tolist() == ["called_back", "known number (registry)"]
    assert (got.loc["a", "first_call_at"] - got.loc["a", "submitted_at"]).total_seconds() == 754
    assert got.loc["b", ["outcome", "matched_by", "answered"]].tolist() == [
        "called_back", "known number (site)", False]
    assert got.loc["b", "first_call_at"] == T("2026-11-20T06:30:00")
    assert got.loc["c", ["outcome", "matched_by"]].tolist() == ["called_back", "timing: the only pending request"]
    assert got.loc["d", "outcome"] == "review" and got.loc["e", "outcome"] == "review"
    how = result.calls.set_index("call_key")["how"].to_dict()
    assert how["c2"] == "before the request" and how["c7"] == "outside the observation window"
    assert result.review_queue["call_key"].tolist() == ["c5"]
    assert result.review_queue["candidates"].tolist() == [[4, 5]]


def test_review_decisions_settle_the_queue():
    reviews = pd.DataFrame([{"source": "file:asterisk", "call_key": "c5", "submission_id": 5, "decision": "confirm"}])
    got = match_calls(requests(), NUMBERS, calls(), reviews).requests.set_index("isp_slug")
    assert got.loc["e", ["outcome", "matched_by"]].tolist() == ["called_back", "confirmed in review"]
    assert (got.loc["e", "first_call_at"] - got.loc["e", "submitted_at"]).total_seconds() == 300
    assert got.loc["d", ["outcome", "matched_by"]].tolist() == ["called_back", "known number (registry)"]
    rejected = pd.DataFrame([{"source": "file:asterisk", "call_key": "c5", "submission_id": None,
                              "decision": "reject"}])
    got = match_calls(requests(), NUMBERS, calls(), rejected).requests.set_index("isp_slug")
    assert got.loc["e", "outcome"] == "no_callback" and got.loc["d", "outcome"] == "called_back"


def test_shared_number_goes_to_review():
    numbers = pd.concat([NUMBERS, pd.DataFrame([{"isp_slug": "c", "e164": "+73452505050", "source": "site"}])])
    reqs = requests()
    reqs.loc[reqs["isp_slug"] == "c", "submitted_at"] = T("2026-11-20T04:00:00")
    result = match_calls(reqs, numbers, calls())
    assert result.calls.set_index("call_key").loc["c1", "how"] == "review"


def test_inputs_are_not_modified():
    reqs, cs = requests(), calls()
    before = (reqs.copy(), cs.copy())
    match_calls(reqs, NUMBERS, cs)
    pd.testing.assert_frame_equal(reqs, before[0])
    pd.testing.assert_frame_equal(cs, before[1])


YEKB, MSK = ZoneInfo("Asia/Yekaterinburg"), ZoneInfo("Europe/Moscow")
WEEKDAYS = parse_hours("Пн-Пт 9:00-18:00")


def test_working_time_across_a_weekend():
    start = datetime(2026, 11, 20, 17, 30, tzinfo=YEKB)  # Friday
    end = datetime(2026, 11, 23, 9, 10, tzinfo=YEKB)  # Monday
    assert timing.working_seconds(start, end, WEEKDAYS, "Asia/Yekaterinburg") == 30 * 60 + 10 * 60


def test_working_time_across_a_holiday():
    start = datetime(2026, 11, 3, 17, 0, tzinfo=MSK)  # Tuesday; 4 November (Wednesday) is Unity Day
    end = datetime(2026, 11, 5, 10, 0, tzinfo=MSK)
    assert timing.working_seconds(start, end, WEEKDAYS, "Europe/Moscow") == 2 * 3600
    assert timing.working_seconds(start, end, WEEKDAYS, "Europe/Moscow", country="") == 11 * 3600


def test_working_time_lunch_round_the_clock_and_overnight():
    lunch = parse_hours("Пн-Пт 9-18, обед 13-14")
    start, end = datetime(2026, 11, 19, 12, 0, tzinfo=MSK), datetime(2026, 11, 19, 15, 0, tzinfo=MSK)
    assert timing.working_seconds(start, end, lunch, "Europe/Moscow") == 2 * 3600
    assert timing.working_seconds(start, end, parse_hours("круглосуточно"), "Europe/Moscow") == 3 * 3600
    night = parse_hours("ежедневно 20:00-08:00")
    start, end = datetime(2026, 11, 19, 23, 0, tzinfo=MSK), datetime(2026, 11, 20, 9, 0, tzinfo=MSK)
    assert timing.working_seconds(start, end, night, "Europe/Moscow") == 9 * 3600


def test_country_of_zone():
    assert [timing.country_of_zone(z) for z in ("Asia/Omsk", "Europe/Kyiv", "Asia/Almaty", "Europe/Minsk")] == [
        "RU", "UA", "KZ", "BY"]


def test_buckets():
    delays = [60, 300, 301, 900, 3600, 3601, 86400, 90000]
    frame = pd.DataFrame({"bucket": [timing.bucket(d, "called_back") for d in delays]
                          + [timing.bucket(None, "no_callback"), timing.bucket(None, "no_callback", window_open=True)]})
    assert timing.bucket_counts(frame).tolist() == [2, 2, 1, 1, 1, 1, 1, 1]


def test_kaplan_meier_median_with_censoring():
    fitter = timing.kaplan_meier(pd.Series([10, 20, 30, 40, 50]) * 60, pd.Series([True, True, False, True, True]))
    median, low, high = timing.median_with_ci(fitter)
    assert median == 40
    assert low <= 40 <= high
    curve = timing.called_share_curve(fitter)
    assert curve.set_index("minutes").loc[20.0, "share"] == pytest.approx(0.4)
    never = timing.kaplan_meier(pd.Series([5, 43200, 43200]) * 60, pd.Series([True, False, False]))
    assert math.isinf(timing.median_with_ci(never)[0])


def test_wilson_interval_by_hand():
    share, low, high = timing.wilson(37, 100)
    z, n, p = 1.959963984540054, 100, 0.37
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert (share, low, high) == pytest.approx((0.37, centre - half, centre + half))
    assert all(math.isnan(x) for x in timing.wilson(0, 0))
