"""Callbacks against the workspace: importing logs, manual entries, matching runs, review decisions and
the per-request table that exports and reports use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from audit.callbacks import readers, timing
from audit.callbacks.match import Matching, match_calls
from audit.callbacks.model import Leg, ReadResult
from audit.callbacks.readers import ShopperLine, local_to_utc
from audit.callbacks.store import add_manual, calls_frame, store_legs
from audit.campaigns import Campaign, get_campaign
from audit.errors import AuditError
from audit.phones import to_e164
from audit.timezones import is_timezone
from audit.web.channels import promise_minutes
from audit.workspace import Workspace, utc_now

FORMATS = ("asterisk", "freeswitch", "csv", "android")


@dataclass
class CallImport:
    """What one call-log import did."""

    file: str
    rows_read: int
    legs_found: int
    legs_added: int
    skipped: dict[str, int]

    def lines(self) -> list[str]:
        """A human summary."""
        out = [f"{self.file}: {self.rows_read} row(s) read, {self.legs_found} call leg(s) to the shopper, "
               f"{self.legs_added} new ({self.legs_found - self.legs_added} already imported)"]
        out += [f"skipped {n}: {reason}" for reason, n in sorted(self.skipped.items())]
        return out


def import_call_log(ws: Workspace, path: str | Path, fmt: str, shopper_number: str, zone: str | None = None,
                    mapping: str | Path | None = None, region: str = "RU") -> CallImport:
    """Read a call-log file and store its legs (all or nothing; re-importing adds nothing).

    Args:
        ws: the workspace.
        path: the file.
        fmt: ``asterisk``, ``freeswitch``, ``csv`` (with ``mapping``) or ``android``.
        shopper_number: the shopper's number or PBX extension that received the calls.
        zone: the zone of the log's local times (PBX formats).
        mapping: the column mapping for ``csv``.
        region: region of numbers without a country code.
    """
    line = ShopperLine(shopper_number, region)
    if fmt == "asterisk":
        read = readers.read_asterisk(path, line, zone)
    elif fmt == "freeswitch":
        read = readers.read_freeswitch(path, line, zone)
    elif fmt == "android":
        read = readers.read_android(path, line)
    elif fmt == "csv":
        if not mapping:
            raise AuditError("--format csv needs --mapping FILE.yaml naming the columns "
                             "(see 'callbacks import --help')")
        read = readers.read_mapped_csv(path, line, zone, readers.load_mapping(mapping))
    else:
        raise AuditError(f"unknown format '{fmt}'; use one of: {', '.join(FORMATS)}")
    return _store(ws, f"file:{fmt}", str(path), shopper_number, read)


def store_pulled(ws: Workspace, service: str, description: str, shopper_number: str, read: ReadResult) -> CallImport:
    """Store legs pulled from a telephony API."""
    return _store(ws, f"api:{service}", description, shopper_number, read)


def _store(ws: Workspace, source: str, file: str, shopper_number: str, read: ReadResult) -> CallImport:
    added = store_legs(ws, source, file, shopper_number, read)
    return CallImport(file, read.rows_read, len(read.legs), added, read.skipped)


def add_call_by_hand(ws: Workspace, caller: str, at: str, zone: str, shopper_number: str, answered: bool = True,
                     kind: str = "call", note: str | None = None, region: str = "RU") -> str:
    """Log one inbound contact by hand (a call seen on a phone's screen, an SMS, a messenger message).

    Returns:
        The stored call key.
    """
    _zone(zone)
    try:
        started = local_to_utc(at, zone)
    except ValueError as exc:
        raise AuditError(f"--at '{at}' is not a time; write YYYY-MM-DD HH:MM:SS") from exc
    if kind not in ("call", "sms", "messenger", "email", "other"):
        raise AuditError("--kind is one of call, sms, messenger, email, other")
    number = to_e164(caller, region) or caller
    key = f"manual|{number}|{started}|{kind}"
    add_manual(ws, Leg(key, key, "inbound", number, shopper_number, started, answered, None,
                       "entered by hand", {"caller": caller, "at": at, "tz": zone, "note": note}, zone, kind))
    return key


def _zone(zone: str | None) -> None:
    if not zone or not is_timezone(zone):
        raise AuditError(f"'{zone}' is not an IANA time zone; give --tz, e.g. Europe/Moscow")


def record_manual_request(ws: Workspace, campaign_name: str, slug: str, at: str, zone: str,
                          note: str | None = None) -> str:
    """Record a request made by hand (a captcha site, a request by phone) as a submitted request.

    Returns:
        The request's time in UTC.
    """
    from audit.web import store

    _zone(zone)
    campaign = get_campaign(ws, campaign_name)
    if ws.db.execute("SELECT 1 FROM isps WHERE slug = ?", (slug,)).fetchone() is None:
        raise AuditError(f"no ISP '{slug}' in the registry")
    try:
        utc = local_to_utc(at, zone).replace("Z", ".000Z")
    except ValueError as exc:
        raise AuditError(f"--at '{at}' is not a time; write YYYY-MM-DD HH:MM:SS") from exc
    from audit.campaigns import add_isps

    add_isps(ws, campaign, [slug])
    waves = store.sent_waves(ws, campaign.id, slug)
    wave = (max(waves) if waves else 0) + 1
    intent = store.record_intent(ws, campaign.id, slug, wave, "manual", None)
    store.record_result(ws, campaign.id, store.SiteResult(
        slug, "submitted", "made by hand", "manual", wave, submitted_at=utc, intent_id=intent, source_tz=zone,
        note=note, started_at=utc_now(), finished_at=utc_now()))
    return utc


def requests_frame(ws: Workspace, campaign: Campaign) -> pd.DataFrame:
    """The campaign's requests that were sent (web ``submitted`` and manual), latest row per ISP and wave,
    with the ISP's zone, hours and printed promise."""
    frame = pd.read_sql_query(
        """SELECT s.id AS submission_id, i.slug AS isp_slug, s.wave, s.mode, s.submitted_at, s.promise,
                  i.timezone, i.working_hours_json
           FROM submissions s JOIN isps i ON i.id = s.isp_id
           WHERE s.campaign_id = ? AND s.id IN (SELECT MAX(id) FROM submissions WHERE campaign_id = ?
                                                GROUP BY isp_id, wave)
             AND s.status = 'submitted' AND s.submitted_at IS NOT NULL ORDER BY s.submitted_at""",
        ws.db, params=(campaign.id, campaign.id))
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True, format="ISO8601")
    frame["window_end"] = frame["submitted_at"] + pd.Timedelta(days=campaign.observation_days)
    return frame


def numbers_frame(ws: Workspace) -> pd.DataFrame:
    """Every ISP's known numbers."""
    return pd.read_sql_query("SELECT i.slug AS isp_slug, n.e164, n.source FROM isp_numbers n "
                             "JOIN isps i ON i.id = n.isp_id ORDER BY n.id", ws.db)


def reviews_frame(ws: Workspace) -> pd.DataFrame:
    """The latest review decision per call."""
    return pd.read_sql_query("SELECT source, call_key, submission_id, decision FROM callback_reviews WHERE id IN "
                             "(SELECT MAX(id) FROM callback_reviews GROUP BY source, call_key)", ws.db)


def match_campaign(ws: Workspace, campaign_name: str, now: datetime | None = None,
                   record: bool = True) -> tuple[pd.DataFrame, Matching]:
    """Match the campaign's requests with the imported calls and time them.

    Args:
        ws: the workspace.
        campaign_name: the campaign.
        now: the moment observation stops for requests whose window is still open (default: now).
        record: store this run's results (``callback_matches``) as the audit trail.

    Returns:
        One row per request (see :func:`time_requests`) and the raw matching.
    """
    campaign = get_campaign(ws, campaign_name)
    requests = requests_frame(ws, campaign)
    matching = match_calls(requests, numbers_frame(ws), calls_frame(ws), reviews_frame(ws))
    table = time_requests(requests, matching.requests, now or datetime.now(UTC))
    table = with_other_contacts(table, numbers_frame(ws), calls_frame(ws, calls=False))
    if record and not table.empty:
        run_at = utc_now()
        with ws.transaction() as db:
            db.executemany(
                "INSERT INTO callback_matches (run_at, campaign_id, submission_id, outcome, first_call_at, call_source,"
                " call_key, matched_by, delay_s, working_delay_s) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(run_at, campaign.id, int(r.submission_id), r.outcome,
                  None if pd.isna(r.first_call_at) else r.first_call_at.isoformat(), r.call_source, r.call_key,
                  r.matched_by, None if pd.isna(r.delay_s) else float(r.delay_s),
                  None if pd.isna(r.working_delay_s) else float(r.working_delay_s)) for r in table.itertuples()])
    return table, matching


def time_requests(requests: pd.DataFrame, matched: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """Add delays, working-time delays, censoring, buckets and promise checks. Pure.

    Args:
        requests: from :func:`requests_frame`.
        matched: ``Matching.requests``.
        now: when observation stops for windows still open.

    Returns:
        One row per request: ``isp_slug``, ``submitted_at``, ``first_call_at``, ``delay_s``,
        ``working_delay_s``, ``outcome``, ``matched_by``, ``answered``, ``observed_s`` (time under
        observation: the delay, or until the window's end or ``now``), ``bucket``, ``promise``,
        ``promise_minutes``, ``promise_kept``, ``hours_assumed``.
    """
    if requests.empty:
        return pd.DataFrame(columns=["submission_id", "isp_slug", "submitted_at", "first_call_at", "delay_s",
                                     "working_delay_s", "outcome", "matched_by", "answered", "observed_s", "bucket",
                                     "promise", "promise_minutes", "promise_kept", "hours_assumed"])
    now_ts = pd.Timestamp(now).tz_convert("UTC") if pd.Timestamp(now).tzinfo else pd.Timestamp(now, tz="UTC")
    merged = requests.drop(columns=["window_end"]).merge(
        matched[["submission_id", "outcome", "first_call_at", "matched_by", "answered", "window_end", "call_source",
                 "call_key"]], on="submission_id", how="left")
    rows = []
    for r in merged.itertuples(index=False):
        called = r.outcome == "called_back"
        delay = (r.first_call_at - r.submitted_at).total_seconds() if called else None
        zone = r.timezone if isinstance(r.timezone, str) and r.timezone else None
        week, assumed = timing.week_for(r.working_hours_json if isinstance(r.working_hours_json, str) else None)
        working = (timing.working_seconds(r.submitted_at.to_pydatetime(), r.first_call_at.to_pydatetime(), week, zone)
                   if called and zone else None)
        end = min(r.window_end, now_ts)
        observed = delay if called else max(0.0, (end - r.submitted_at).total_seconds())
        promised = promise_minutes(r.promise if isinstance(r.promise, str) else None)
        kept = None if promised is None or r.outcome == "review" else bool(called and delay <= promised * 60)
        rows.append({"submission_id": r.submission_id, "isp_slug": r.isp_slug, "wave": r.wave, "mode": r.mode,
                     "submitted_at": r.submitted_at, "first_call_at": r.first_call_at if called else pd.NaT,
                     "delay_s": delay, "working_delay_s": working, "outcome": r.outcome, "matched_by": r.matched_by,
                     "answered": r.answered if called else None, "observed_s": observed,
                     "bucket": timing.bucket(delay, r.outcome, window_open=(not called and now_ts < r.window_end)),
                     "promise": r.promise if isinstance(r.promise, str) else None, "promise_minutes": promised,
                     "promise_kept": kept, "hours_assumed": assumed or zone is None, "timezone": zone,
                     "call_source": r.call_source, "call_key": r.call_key})
    out = pd.DataFrame(rows)
    out["first_call_at"] = pd.to_datetime(out["first_call_at"], utc=True)
    return out


def with_other_contacts(table: pd.DataFrame, numbers: pd.DataFrame, contacts: pd.DataFrame) -> pd.DataFrame:
    """Add ``other_contact``: the first SMS, messenger or e-mail contact from the ISP's known numbers after
    the request (``kind at time``); these do not count as callbacks. Pure."""
    out = table.copy()
    out["other_contact"] = None
    if out.empty or contacts.empty:
        return out
    owner = numbers.groupby("e164")["isp_slug"].agg(set).to_dict()
    for index, row in out.iterrows():
        mine = contacts[contacts["caller"].map(lambda c, slug=row["isp_slug"]: slug in owner.get(c, set()))
                        & (contacts["started_at"] >= row["submitted_at"])]
        if not mine.empty:
            first = mine.iloc[0]
            out.at[index, "other_contact"] = f"{first['kind']} at {first['started_at']:%Y-%m-%dT%H:%M:%SZ}"
    return out


def decide_review(ws: Workspace, campaign_name: str, call: str, slug: str | None, decision: str,
                  note: str | None = None) -> None:
    """Confirm that a call in the review queue was a callback for an ISP's request, or reject it.

    Args:
        ws: the workspace.
        campaign_name: the campaign.
        call: the call as the queue shows it, ``SOURCE/CALL_KEY``.
        slug: the ISP whose request it answers (for ``confirm``).
        decision: ``confirm`` or ``reject``.
        note: why.
    """
    campaign = get_campaign(ws, campaign_name)
    source, _, key = call.partition("/")
    if not ws.db.execute("SELECT 1 FROM call_legs WHERE source = ? AND call_key = ?", (source, key)).fetchone():
        raise AuditError(f"no call '{call}'; copy SOURCE/CALL_KEY from 'ispaudit callbacks review'")
    submission = None
    if decision == "confirm":
        requests = requests_frame(ws, campaign)
        mine = requests[requests["isp_slug"] == slug]
        if mine.empty:
            raise AuditError(f"'{slug}' has no sent request in campaign '{campaign_name}'")
        submission = int(mine.iloc[-1]["submission_id"])
    elif decision != "reject":
        raise AuditError("the decision is confirm or reject")
    with ws.transaction() as db:
        db.execute("INSERT INTO callback_reviews (source, call_key, submission_id, decision, note, decided_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (source, key, submission, decision, note, utc_now()))


CALLBACK_COLUMNS = ["isp_slug", "wave", "mode", "submitted_at", "first_call_at", "delay_s", "working_delay_s",
                    "outcome", "matched_by", "answered", "bucket", "promise", "promise_minutes", "promise_kept",
                    "hours_assumed", "timezone", "call_source", "other_contact"]


def callbacks_export_frame(ws: Workspace, campaign_name: str, now: datetime | None = None) -> pd.DataFrame:
    """The per-request callback table for export (times as UTC ISO 8601 text)."""
    table, _ = match_campaign(ws, campaign_name, now, record=False)
    if table.empty:
        return pd.DataFrame(columns=CALLBACK_COLUMNS)
    out = table[CALLBACK_COLUMNS].copy()
    for col in ("submitted_at", "first_call_at"):
        out[col] = out[col].map(lambda t: None if pd.isna(t) else t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z")
    return out.sort_values(["isp_slug", "wave"]).reset_index(drop=True)


def review_queue(ws: Workspace, campaign_name: str) -> list[dict]:
    """Calls waiting for a decision, each with its candidate ISPs."""
    campaign = get_campaign(ws, campaign_name)
    requests = requests_frame(ws, campaign)
    _, matching = match_campaign(ws, campaign_name, record=False)
    slug_of = dict(zip(requests["submission_id"], requests["isp_slug"], strict=True))
    return [{"call": f"{r.source}/{r.call_key}", "caller": r.caller, "at": r.started_at.isoformat(),
             "candidates": [slug_of[c] for c in r.candidates if c in slug_of]}
            for r in matching.review_queue.itertuples()]
