"""Money at stake per month, from parameters the ISP can change. Pure functions; every default is
documented here and can be overridden; results are ranges (low, high), never single figures.

Every driver is measured the same way: the monthly recurring revenue that one month without the practice
fails to add (customers not won or not kept, upsells and add-ons not sold that month). It compounds:
three months without it miss three times that.

Drivers:
- ``callback_speed``: leads lost because web requests are answered late or never. Leads per month =
  subscribers × ``lead_rate``; of those, ``lost_to_slow`` (low–high) would have connected had they been
  called within minutes (HBR 2011: firms contacting within an hour were ~7× likelier to qualify the lead);
  each lost lead would have become a subscriber with probability ``conversion`` paying ARPU.
  For one ISP the share of that loss it incurs grows with its callback delay: none within ``instant_min``
  (5 minutes), then the odds of reaching the lead halve every ``contact_half_life_min`` (30 minutes) — an
  assumption shaped on InsideSales' 2014 lead-response study (odds of contact fall steeply after the first
  5 minutes); change both to your own data. See :func:`callback_gap`.
- ``tariff_recommendation``: sales calls that end without a recommendation convert worse:
  leads × ``recommendation_uplift`` × ARPU.
- ``upsell``: subscribers × ``upsell_rate`` per month taking a faster tariff worth ``upsell_delta`` more.
- ``addons``: subscribers × ``addon_rate`` per month taking an add-on at ``addon_price``.
- ``retention``: leavers (subscribers × ``churn``) × ``saveable`` kept by asking why and making an offer,
  each keeping ARPU.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

DRIVERS = ("callback_speed", "tariff_recommendation", "upsell", "addons", "retention")


@dataclass(frozen=True)
class MoneyParams:
    """Parameters of the money model; ``(low, high)`` pairs are ranges."""

    subscribers: int = 5000
    arpu: float = 600.0
    currency: str = "RUB"
    lead_rate: float = 0.01
    conversion: float = 0.5
    lost_to_slow: tuple[float, float] = (0.15, 0.35)
    recommendation_uplift: tuple[float, float] = (0.05, 0.15)
    upsell_rate: tuple[float, float] = (0.002, 0.006)
    upsell_delta: float = 150.0
    addon_rate: tuple[float, float] = (0.002, 0.008)
    addon_price: float = 250.0
    churn: tuple[float, float] = (0.01, 0.02)
    saveable: tuple[float, float] = (0.1, 0.25)
    instant_min: float = 5.0
    contact_half_life_min: float = 30.0

    def as_dict(self) -> dict:
        """The parameters, for display."""
        return asdict(self)


def callback_gap(delay_s: float | None, p: MoneyParams) -> float:
    """The share of the callback-speed loss an ISP incurs: 0 when it calls within ``instant_min``, rising as
    the odds of reaching the lead halve every ``contact_half_life_min``; 1 when it never calls."""
    if delay_s is None or delay_s != delay_s:
        return 1.0
    late = max(0.0, delay_s / 60 - p.instant_min)
    return 1 - 0.5 ** (late / p.contact_half_life_min)


def driver_monthly(driver: str, p: MoneyParams) -> tuple[float, float]:
    """The monthly money a driver puts at stake when the practice is entirely missing, as (low, high).

    Args:
        driver: one of :data:`DRIVERS`.
        p: the parameters.
    """
    leads = p.subscribers * p.lead_rate
    if driver == "callback_speed":
        low, high = (leads * share * p.conversion * p.arpu for share in p.lost_to_slow)
    elif driver == "tariff_recommendation":
        low, high = (leads * up * p.arpu for up in p.recommendation_uplift)
    elif driver == "upsell":
        low, high = (p.subscribers * rate * p.upsell_delta for rate in p.upsell_rate)
    elif driver == "addons":
        low, high = (p.subscribers * rate * p.addon_price for rate in p.addon_rate)
    elif driver == "retention":
        low = p.subscribers * p.churn[0] * p.saveable[0] * p.arpu
        high = p.subscribers * p.churn[1] * p.saveable[1] * p.arpu
    else:
        raise ValueError(f"unknown money driver '{driver}'; use one of {', '.join(DRIVERS)}")
    return (low, high)
