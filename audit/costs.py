"""Support-cost calculator: in-house support against outsourcing priced per active subscriber. Pure;
every parameter editable; the currency and payroll-tax rate come per country and are not hard-wired."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

# Employer payroll contributions as a share of gross salary: typical general rates, to be checked against
# the year's law and the ISP's own regime (reduced rates for IT and small business exist).
COUNTRIES = {"RU": ("RUB", 0.30), "UA": ("UAH", 0.22), "KZ": ("KZT", 0.135), "BY": ("BYN", 0.34)}


@dataclass(frozen=True)
class SupportCosts:
    """Inputs: the ISP's size and contact load, staff costs, and the outsourcer's price."""

    subscribers: int = 5000
    contacts_per_sub_month: float = 0.25
    minutes_per_contact: float = 6.0
    occupancy: float = 0.7
    hours_per_agent_month: float = 160.0
    salary: float = 55000.0
    country: str = "RU"
    payroll_tax: float | None = None
    evening_night_cover: int = 2
    night_premium: float = 0.2
    workplace_month: float = 3000.0
    premises_per_seat_month: float = 6000.0
    outsourcing_per_sub: float = 25.0

    @property
    def currency(self) -> str:
        """The country's currency."""
        return COUNTRIES.get(self.country, ("?", 0.0))[0]

    @property
    def tax(self) -> float:
        """The payroll-tax rate: given, or the country's."""
        return self.payroll_tax if self.payroll_tax is not None else COUNTRIES.get(self.country, ("?", 0.0))[1]


def compare_costs(p: SupportCosts) -> dict:
    """Monthly in-house cost against outsourcing.

    Returns:
        ``agents`` (day staff needed for the load), ``in_house`` with its parts, ``outsourcing``,
        ``difference`` (in-house minus outsourcing), per-subscriber figures, the ``currency`` and inputs.
    """
    workload_hours = p.subscribers * p.contacts_per_sub_month * p.minutes_per_contact / 60
    agents = max(1, math.ceil(workload_hours / (p.hours_per_agent_month * p.occupancy)))
    staff = agents + p.evening_night_cover
    salaries = p.salary * (agents + p.evening_night_cover * (1 + p.night_premium))
    parts = {"salaries": salaries, "payroll_tax": salaries * p.tax, "workplaces": staff * p.workplace_month,
             "premises": staff * p.premises_per_seat_month}
    parts = {k: round(v, 2) for k, v in parts.items()}
    in_house = round(sum(parts.values()), 2)
    outsourcing = p.subscribers * p.outsourcing_per_sub
    return {"agents": agents, "staff": staff, "in_house": in_house, "parts": parts, "outsourcing": outsourcing,
            "difference": in_house - outsourcing, "in_house_per_sub": in_house / p.subscribers,
            "outsourcing_per_sub": p.outsourcing_per_sub, "currency": p.currency, "inputs": asdict(p)}
