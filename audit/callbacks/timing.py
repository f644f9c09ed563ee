"""Callback timing as pure functions: wall-clock and working-time delays (the ISP's zone, hours and public
holidays), buckets, Kaplan–Meier curves with censored non-responders, and Wilson intervals."""

from __future__ import annotations

import importlib.resources
import math
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
import pandas as pd

from audit.hours import Week, parse_hours

DEFAULT_HOURS = "Пн-Пт 9:00-18:00"
BUCKETS = (("≤ 5 min", 5 * 60), ("5–15 min", 15 * 60), ("15–60 min", 3600), ("1–4 h", 4 * 3600),
           ("4–24 h", 24 * 3600), ("> 24 h", math.inf))
BUCKET_ORDER = [b for b, _ in BUCKETS] + ["never", "waiting"]
BUCKET_LABELS_RU = {"≤ 5 min": "до 5 мин", "5–15 min": "5–15 мин", "15–60 min": "15–60 мин", "1–4 h": "1–4 ч",
                    "4–24 h": "4–24 ч", "> 24 h": "больше суток", "never": "не перезвонили",
                    "waiting": "ещё ждём"}


@cache
def _zone_countries() -> dict[str, str]:
    text = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            out[parts[2]] = parts[0]
    out.setdefault("Europe/Kiev", "UA")
    return out


def country_of_zone(zone: str) -> str | None:
    """The ISO country of an IANA zone (``Asia/Omsk`` → ``RU``), from the tz database's zone.tab."""
    return _zone_countries().get(zone)


@cache
def _holidays(country: str | None, year: int) -> frozenset[date]:
    if not country:
        return frozenset()
    try:
        return frozenset(holidays.country_holidays(country, years=year).keys())
    except NotImplementedError:
        return frozenset()


def working_seconds(start: datetime, end: datetime, week: Week, zone: str, country: str | None = None) -> float:
    """Seconds of the ISP's working time between two instants.

    Args:
        start: an aware datetime (the request).
        end: an aware datetime (the first call), not before ``start``.
        week: working hours (weekday → (start, end) minutes; an end past 1440 runs over midnight).
        zone: the ISP's IANA zone.
        country: for public holidays (default: the zone's country); a holiday has no working time.

    Returns:
        The working seconds in ``[start, end]``.
    """
    if end <= start:
        return 0.0
    tz = ZoneInfo(zone)
    country = country if country is not None else country_of_zone(zone)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    total = 0.0
    day = local_start.date() - timedelta(days=1)
    while day <= local_end.date():
        if day not in _holidays(country, day.year):
            midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
            for open_min, close_min in week.get(day.weekday(), []):
                opens = _at(midnight, open_min, tz)
                closes = _at(midnight, close_min, tz)
                lo, hi = max(opens, start), min(closes, end)
                if hi > lo:
                    total += (hi - lo).total_seconds()
        day += timedelta(days=1)
    return total


def _at(midnight: datetime, minutes: int, tz: ZoneInfo) -> datetime:
    days, rest = divmod(minutes, 1440)
    base = midnight.date() + timedelta(days=days)
    return datetime(base.year, base.month, base.day, rest // 60, rest % 60, tzinfo=tz)


def week_for(hours_json: str | None) -> tuple[Week, bool]:
    """The ISP's week from its stored hours, or :data:`DEFAULT_HOURS` (flagged True) when unknown."""
    if hours_json:
        from audit.hours import week_from_json

        return week_from_json(hours_json), False
    return parse_hours(DEFAULT_HOURS), True


def bucket(delay_s: float | None, outcome: str, window_open: bool = False) -> str:
    """The delay bucket of one request: ``≤ 5 min`` … ``> 24 h``, ``never``, or ``waiting`` while the
    observation window is still open and nobody has called."""
    if outcome == "called_back" and delay_s is not None:
        return next(name for name, limit in BUCKETS if delay_s <= limit)
    return "waiting" if window_open else "never"


def bucket_counts(frame: pd.DataFrame) -> pd.Series:
    """Requests per bucket in :data:`BUCKET_ORDER` (``frame`` has a ``bucket`` column)."""
    return frame["bucket"].value_counts().reindex(BUCKET_ORDER, fill_value=0)


def wilson(count: int, total: int, alpha: float = 0.05) -> tuple[float, float, float]:
    """A share with its Wilson score interval (statsmodels), as (share, low, high); NaNs for no data."""
    if total == 0:
        return (math.nan, math.nan, math.nan)
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(count, total, alpha=alpha, method="wilson")
    return count / total, float(low), float(high)


def kaplan_meier(durations_s: pd.Series, called: pd.Series):
    """Fit a Kaplan–Meier estimator of time to callback (lifelines); non-responders are censored.

    Args:
        durations_s: seconds from request to first call, or to the end of observation for non-responders.
        called: True where a callback was observed.

    Returns:
        The fitted ``KaplanMeierFitter`` (durations in minutes).
    """
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter(label="callback")
    fitter.fit(durations_s.astype(float) / 60.0, event_observed=called.astype(bool))
    return fitter


def median_with_ci(fitter) -> tuple[float, float, float]:
    """Median minutes to callback and its 95% interval; ``inf`` where half were never called back."""
    from lifelines.utils import median_survival_times

    median = float(fitter.median_survival_time_)
    ci = median_survival_times(fitter.confidence_interval_)
    return median, float(ci.iloc[0, 0]), float(ci.iloc[0, 1])


def called_share_curve(fitter) -> pd.DataFrame:
    """The share called back by each minute (1 − S(t)) with its band, for charts."""
    curve = 1 - fitter.survival_function_.iloc[:, 0]
    band = 1 - fitter.confidence_interval_
    return pd.DataFrame({"minutes": curve.index, "share": curve.values, "low": band.iloc[:, 1].values,
                         "high": band.iloc[:, 0].values})
