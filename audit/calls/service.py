"""Scripted calls in the workspace: planning sheets, importing them (all or nothing, idempotent), logging
calls from the notebook, and the tables that scoring, calibration and exports use."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from audit.calls.model import load_scenario
from audit.calls.scoring import applicable, score_call
from audit.calls.sheets import read_sheet, write_sheet
from audit.campaigns import campaign_slugs, get_campaign
from audit.errors import AuditError
from audit.workspace import Workspace, utc_now


def plan_sheet(ws: Workspace, scenario_id: str, out: str | Path, slugs: list[str] | None = None,
               campaign: str | None = None, lang: str = "ru", tz: str = "Europe/Moscow",
               calls_per_isp: int = 1) -> Path:
    """Write a shopper sheet with one row per planned call (each with a fresh call id)."""
    scenario = load_scenario(scenario_id)
    if not slugs:
        if not campaign:
            raise AuditError("name the ISPs with --isp, or a campaign with --campaign")
        slugs = campaign_slugs(ws, get_campaign(ws, campaign))
    names = dict(ws.db.execute("SELECT slug, name FROM isps"))
    unknown = [s for s in slugs if s not in names]
    if unknown:
        raise AuditError(f"not in the registry: {', '.join(unknown)}")
    stamp = utc_now()
    planned = [(hashlib.sha1(f"{scenario_id}|{slug}|{n}|{stamp}".encode()).hexdigest()[:10], slug, names[slug])
               for slug in slugs for n in range(calls_per_isp)]
    return write_sheet(scenario, planned, out, lang, tz)


def _utc(moment: datetime | None, tz: str) -> str | None:
    if moment is None:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(tz))
    return aware.astimezone(ZoneInfo("UTC")).isoformat(timespec="seconds").replace("+00:00", "Z")


def store_call(db, record: dict, scenario, tz: str, file: str, campaign_id: int | None, now: str) -> str:
    """Insert one call record unless the same version is stored; returns ``added``, ``changed`` or ``same``."""
    values = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in record.items()
              if k in {i.id for i in scenario.items}}
    text = json.dumps(values, ensure_ascii=False, sort_keys=True)
    last = db.execute("SELECT version, values_json, notes FROM scripted_calls WHERE call_id = ? AND shopper = ? "
                      "ORDER BY version DESC LIMIT 1", (record["call_id"], record["shopper"])).fetchone()
    if last and last["values_json"] == text and (last["notes"] or None) == (record.get("notes") or None):
        return "same"
    isp_id = db.execute("SELECT id FROM isps WHERE slug = ?", (record["isp_slug"],)).fetchone()[0]
    db.execute("INSERT INTO scripted_calls (call_id, shopper, version, scenario, scenario_version, isp_id, campaign_id,"
               " call_started, source_tz, values_json, notes, file, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
               (record["call_id"], record["shopper"], (last["version"] + 1) if last else 1, scenario.id,
                scenario.version, isp_id, campaign_id, _utc(record.get("call_started"), tz), tz, text,
                record.get("notes"), file, now))
    return "changed" if last else "added"


def import_sheet(ws: Workspace, path: str | Path, campaign: str | None = None) -> dict[str, int]:
    """Import a filled sheet: every row checked first; then all rows in one transaction. Re-importing
    the same sheet adds nothing; a changed answer becomes a new version of that call.

    Returns:
        Counts of ``added``, ``changed`` and ``same`` calls.
    """
    known = {r[0] for r in ws.db.execute("SELECT slug FROM isps")}
    scenario, tz, rows = read_sheet(path, load_scenario, known)
    campaign_id = get_campaign(ws, campaign).id if campaign else None
    counts = {"added": 0, "changed": 0, "same": 0}
    now = utc_now()
    with ws.transaction() as db:
        for record in rows:
            counts[store_call(db, record, scenario, tz, str(path), campaign_id, now)] += 1
    return counts


def log_call(ws: Workspace, scenario_id: str, slug: str, shopper: str, values: dict, tz: str,
             notes: str | None = None, campaign: str | None = None) -> str:
    """Store one call logged in the office (the call-log notebook); returns its call id."""
    scenario = load_scenario(scenario_id)
    call_id = hashlib.sha1(f"{scenario_id}|{slug}|{shopper}|{utc_now()}".encode()).hexdigest()[:10]
    record = {"call_id": call_id, "isp_slug": slug, "shopper": shopper, "notes": notes, **values}
    missing = [i.id for i in scenario.items if i.required and values.get(i.id) is None and applicable(i, values)]
    if missing:
        raise AuditError(f"required before saving: {', '.join(missing)}")
    campaign_id = get_campaign(ws, campaign).id if campaign else None
    with ws.transaction() as db:
        store_call(db, record, scenario, tz, "(call-log notebook)", campaign_id, utc_now())
    return call_id


def calls_frame(ws: Workspace, scenario_id: str | None = None, latest: bool = True) -> pd.DataFrame:
    """One row per call and shopper (latest version), with every item, the score and any auto-fail."""
    query = ("SELECT c.*, i.slug AS isp_slug FROM scripted_calls c JOIN isps i ON i.id = c.isp_id"
             + (" WHERE c.scenario = ?" if scenario_id else "") + " ORDER BY c.id")
    raw = pd.read_sql_query(query, ws.db, params=(scenario_id,) if scenario_id else ())
    if latest and not raw.empty:
        raw = raw.groupby(["call_id", "shopper"], as_index=False).tail(1)
    rows = []
    scenarios: dict[str, object] = {}
    for row in raw.itertuples():
        if row.scenario not in scenarios:
            scenarios[row.scenario] = load_scenario(row.scenario)
        scenario = scenarios[row.scenario]
        values = json.loads(row.values_json)
        scored = score_call(scenario, values)
        rows.append({"call_id": row.call_id, "shopper": row.shopper, "version": row.version,
                     "isp_slug": row.isp_slug, "scenario": row.scenario, "call_started": row.call_started,
                     **{k: v for k, v in values.items() if k != "call_started"},
                     "score": scored["score"], "auto_fail": scored["auto_fail"], "notes": row.notes})
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["call_started"] = pd.to_datetime(frame["call_started"], utc=True)
    return frame


def calls_export_frame(ws: Workspace, scenario_id: str | None = None) -> pd.DataFrame:
    """The calls table for export (times as UTC ISO text)."""
    frame = calls_frame(ws, scenario_id)
    if frame.empty:
        return pd.DataFrame(columns=["isp_slug", "scenario", "shopper", "call_id", "call_started", "score"])
    frame["call_started"] = frame["call_started"].map(lambda t: None if pd.isna(t) else t.isoformat())
    first = ["isp_slug", "scenario", "shopper", "call_id", "call_started"]
    return frame[first + [c for c in frame.columns if c not in first]]


def check_integrity(ws: Workspace, phones: dict[str, str], tolerance_min: float = 15) -> pd.DataFrame:
    """Logged calls checked against the shoppers' phone logs.

    Args:
        ws: the workspace.
        phones: shopper name → the number of the phone they called from (whose log was imported).
        tolerance_min: minutes allowed between the logged and the phone's time.
    """
    from audit.callbacks.service import numbers_frame
    from audit.callbacks.store import calls_frame as phone_calls
    from audit.calls.integrity import check_calls
    from audit.phones import to_e164

    calls = calls_frame(ws)
    if calls.empty:
        raise AuditError("no scripted calls imported yet")
    outgoing = phone_calls(ws, direction="outbound")
    owner = {to_e164(number) or number: name for name, number in phones.items()}
    outgoing = outgoing.assign(shopper=outgoing["caller"].map(lambda n: owner.get(to_e164(n or "") or n)))
    return check_calls(calls, outgoing.dropna(subset=["shopper"]), numbers_frame(ws), tolerance_min)
