"""A call-centre simulator: from recorded requests and per-ISP habits, the calls a shopper's line would log,
written as real formats (Asterisk Master.csv with ring-group legs, Android call XML, Twilio call resources).

Habits follow the field's findings: HBR (2011) saw 37% of web leads answered within an hour, 16% in 1–24 h,
24% later and 23% never; regional ISPs call from their own numbers, callback widgets from the widget's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import quoteattr
from zoneinfo import ZoneInfo

import numpy as np

from audit.hours import Week, parse_hours


@dataclass(frozen=True)
class Habits:
    """How one ISP's call centre answers web requests.

    Attributes:
        never: the chance a request is never called back.
        median_min: the median working-time delay, minutes (log-normal).
        spread: the log-normal's sigma.
        unknown_number: the chance the call comes from a number the ISP never published (a widget, a
            manager's mobile).
        ring_group: the chance the shopper's PBX logs the call as several legs.
        missed: the chance the shopper does not pick up.
        working_hours_only: calls wait for the ISP's working hours.
    """

    never: float = 0.23
    median_min: float = 40.0
    spread: float = 1.6
    unknown_number: float = 0.1
    ring_group: float = 0.3
    missed: float = 0.15
    working_hours_only: bool = True


@dataclass(frozen=True)
class SimRequest:
    """A request the call centre answers."""

    slug: str
    submitted_at: datetime
    numbers: tuple[str, ...]
    timezone: str
    week: Week


@dataclass(frozen=True)
class SimCall:
    """A call to the shopper's line."""

    slug: str
    caller: str
    started_at: datetime
    answered: bool
    legs: int
    talk_s: int


def habits_for(slug: str, seed: int) -> Habits:
    """Habits that differ by ISP but are the same for the same slug and seed: some fast, some slow, some
    never call, a few use widgets."""
    rng = np.random.default_rng(int(hashlib.sha1(f"{seed}:{slug}".encode()).hexdigest()[:8], 16))
    kind = rng.choice(["fast", "average", "slow", "silent"], p=[0.3, 0.35, 0.25, 0.1])
    never = {"fast": 0.05, "average": 0.2, "slow": 0.35, "silent": 0.9}[kind]
    median = {"fast": 8.0, "average": 45.0, "slow": 300.0, "silent": 600.0}[kind]
    return Habits(never=never, median_min=median, spread=float(rng.uniform(0.8, 1.6)),
                  unknown_number=float(rng.choice([0.0, 0.0, 0.3, 1.0])), ring_group=float(rng.uniform(0, 0.6)),
                  missed=float(rng.uniform(0.05, 0.3)))


def _advance(start: datetime, working_minutes: float, week: Week, zone: str) -> datetime:
    """The moment ``working_minutes`` of the ISP's working time after ``start``."""
    tz = ZoneInfo(zone)
    local = start.astimezone(tz)
    left = working_minutes * 60
    day = local.date() - timedelta(days=1)
    for _ in range(400):
        midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
        for open_min, close_min in week.get(day.weekday(), []):
            lo = max(midnight + timedelta(minutes=open_min), local)
            hi = midnight + timedelta(minutes=close_min)
            if hi > lo:
                span = (hi - lo).total_seconds()
                if span >= left:
                    return (lo + timedelta(seconds=left)).astimezone(UTC)
                left -= span
        day += timedelta(days=1)
    return (local + timedelta(minutes=working_minutes)).astimezone(UTC)


def simulate(requests: list[SimRequest], seed: int, habits: dict[str, Habits] | None = None,
             widget_number: str = "+74993507766") -> list[SimCall]:
    """The calls each request gets (none for a never-caller), the same for the same seed.

    Args:
        requests: the requests.
        seed: the random seed.
        habits: per-ISP habits (default: :func:`habits_for`).
        widget_number: the number a callback widget calls from.
    """
    rng = np.random.default_rng(seed)
    calls = []
    for req in requests:
        habit = (habits or {}).get(req.slug) or habits_for(req.slug, seed)
        if rng.random() < habit.never:
            continue
        minutes = float(rng.lognormal(np.log(habit.median_min), habit.spread))
        week = req.week if habit.working_hours_only else parse_hours("круглосуточно")
        at = _advance(req.submitted_at, minutes, week, req.timezone).replace(microsecond=0)
        if rng.random() < habit.unknown_number or not req.numbers:
            caller = widget_number if rng.random() < 0.7 else f"+7912{rng.integers(1_000_000, 9_999_999)}"
        else:
            caller = req.numbers[int(rng.integers(len(req.numbers)))]
        answered = rng.random() >= habit.missed
        legs = int(rng.integers(2, 4)) if rng.random() < habit.ring_group else 1
        calls.append(SimCall(req.slug, caller, at, answered, legs, int(rng.integers(40, 400)) if answered else 0))
        if not answered and rng.random() < 0.5:  # they try again later
            again = at + timedelta(minutes=float(rng.uniform(10, 120)))
            calls.append(SimCall(req.slug, caller, again.replace(microsecond=0), True, 1, int(rng.integers(40, 300))))
    return sorted(calls, key=lambda c: c.started_at)


def write_asterisk(calls: list[SimCall], path: Path, shopper_line: str, zone: str, noise: int = 0,
                   seed: int = 0) -> Path:
    """Write calls as an Asterisk ``cdr_csv`` Master.csv (21 columns, local times, ring-group legs sharing
    ``linkedid``), with ``noise`` extra calls to other extensions of the same PBX."""
    tz = ZoneInfo(zone)
    rng = np.random.default_rng(seed)
    rows = []
    for index, call in enumerate(calls):
        start = call.started_at.astimezone(tz)
        uid = f"{int(call.started_at.timestamp())}.{index}"
        for leg in range(call.legs):
            answered = call.answered and leg == call.legs - 1
            ring = int(rng.integers(5, 25))
            rows.append(_cdr(call.caller, shopper_line, start, ring, call.talk_s if answered else 0, answered, uid,
                             f"SIP/{101 + leg}-{index:08x}", leg + 1))
    for index in range(noise):
        start = (calls[0].started_at if calls else datetime.now(UTC)).astimezone(tz) + timedelta(
            seconds=int(rng.integers(0, 30 * 86400)))
        rows.append(_cdr(f"8912{rng.integers(1_000_000, 9_999_999)}", str(200 + index % 50), start, 10,
                         int(rng.integers(0, 300)), bool(rng.random() < 0.7), f"{int(start.timestamp())}.n{index}",
                         f"SIP/{200 + index % 50}-n{index:08x}", 1))
    rows.sort(key=lambda r: r[9])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _cdr(caller: str, dst: str, start: datetime, ring: int, talk: int, answered: bool, uid: str, dstchannel: str,
         sequence: int) -> list[str]:
    def q(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    answer = start + timedelta(seconds=ring)
    end = answer + timedelta(seconds=talk) if answered else answer
    fmt = "%Y-%m-%d %H:%M:%S"
    return [q(""), q(caller), q(dst), q("from-trunk"), q(f'"" <{caller}>'), q(f"SIP/trunk-{uid}"), q(dstchannel),
            q("Dial"), q("SIP/101&SIP/102&SIP/103,30"), q(start.strftime(fmt)),
            q(answer.strftime(fmt)) if answered else "", q(end.strftime(fmt)), str(ring + talk),
            str(talk if answered else 0), q("ANSWERED" if answered else "NO ANSWER"), q("DOCUMENTATION"), q(uid),
            q(""), q(""), q(uid), str(sequence)]


def write_android(calls: list[SimCall], path: Path) -> Path:
    """Write calls as an Android "SMS Backup & Restore" ``calls-*.xml`` (missed calls as type 3)."""
    lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
             f'<calls count="{len(calls)}" backup_set="sim" backup_date="{int(datetime.now(UTC).timestamp() * 1000)}">']
    for call in calls:
        kind = 1 if call.answered else 3
        lines.append(f'  <call number={quoteattr(call.caller)} duration="{call.talk_s}" '
                     f'date="{int(call.started_at.timestamp() * 1000)}" type="{kind}" presentation="1" '
                     f'subscription_id="null" readable_date="{call.started_at:%d.%m.%Y %H:%M:%S}" '
                     f'contact_name="(Unknown)" />')
    lines.append("</calls>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def twilio_resources(calls: list[SimCall], shopper_number: str) -> list[dict]:
    """Calls as Twilio call resources, for :class:`audit.sim.telephony.FakeTwilio`."""
    from audit.sim.telephony import twilio_call

    return [twilio_call("CA" + hashlib.sha1(f"{c.caller}{c.started_at}".encode()).hexdigest()[:32], c.caller,
                        shopper_number, c.started_at, "completed" if c.answered else "no-answer", c.talk_s)
            for c in calls]


def requests_from_workspace(ws, campaign_name: str) -> list[SimRequest]:
    """The campaign's sent requests as the simulator needs them, with each ISP's registry numbers (zone and
    hours default to Moscow, 9–18)."""
    from audit.callbacks.service import numbers_frame, requests_frame
    from audit.callbacks.timing import week_for
    from audit.campaigns import get_campaign

    requests = requests_frame(ws, get_campaign(ws, campaign_name))
    known = numbers_frame(ws)
    # an ISP calls back from its own line (the registry's numbers); site numbers can be shared by demo sites
    numbers = known[known["source"] == "registry"].groupby("isp_slug")["e164"].agg(tuple).to_dict()
    out = []
    for row in requests.itertuples():
        week, _ = week_for(row.working_hours_json if isinstance(row.working_hours_json, str) else None)
        out.append(SimRequest(row.isp_slug, row.submitted_at.to_pydatetime(), numbers.get(row.isp_slug, ()),
                              row.timezone if isinstance(row.timezone, str) else "Europe/Moscow", week))
    return out
