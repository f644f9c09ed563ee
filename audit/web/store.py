"""Web submissions in the workspace: the intent written before the click, the result after."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

import pandas as pd

from audit.shopper import mask_value
from audit.workspace import Workspace, utc_now


@dataclass
class SiteResult:
    """The outcome of auditing one ISP's site (one row of ``submissions``)."""

    slug: str
    status: str
    reason: str = ""
    mode: str = "dry_run"
    wave: int = 1
    submitted_at: str | None = None
    form_url: str | None = None
    request: dict | None = None
    response: dict | None = None
    promise: str | None = None
    channels: dict[str, list[str]] = field(default_factory=dict)
    evidence_dir: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    intent_id: int | None = None
    source_tz: str | None = None
    note: str | None = None


class AlreadySent(Exception):
    """An intent for this ISP, campaign and wave exists: a request may have left already."""


def isp_id(ws: Workspace, slug: str) -> int:
    """The ISP's row id (the slug must exist)."""
    return ws.db.execute("SELECT id FROM isps WHERE slug = ?", (slug,)).fetchone()[0]


def sent_waves(ws: Workspace, campaign_id: int, slug: str) -> list[int]:
    """The waves for which a request to this ISP was (or may have been) sent in the campaign."""
    rows = ws.db.execute("SELECT wave FROM submit_intents WHERE campaign_id = ? AND isp_id = "
                         "(SELECT id FROM isps WHERE slug = ?) ORDER BY wave", (campaign_id, slug))
    return [r[0] for r in rows]


def record_intent(ws: Workspace, campaign_id: int, slug: str, wave: int, mode: str, form_url: str | None) -> int:
    """Write and commit the intent to send, before the click.

    Raises:
        AlreadySent: an intent for this ISP, campaign and wave exists (nothing is written).
    """
    try:
        with ws.transaction() as db:
            cur = db.execute("INSERT INTO submit_intents (campaign_id, isp_id, wave, mode, intent_at, form_url) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             (campaign_id, isp_id(ws, slug), wave, mode, utc_now(), form_url))
            return int(cur.lastrowid)
    except sqlite3.IntegrityError as exc:
        raise AlreadySent(f"{slug}: a request was already sent in this campaign (wave {wave})") from exc


def record_result(ws: Workspace, campaign_id: int, result: SiteResult) -> int:
    """Append one submission row."""
    with ws.transaction() as db:
        cur = db.execute(
            "INSERT INTO submissions (campaign_id, isp_id, wave, intent_id, mode, status, reason, submitted_at, "
            "source_tz, form_url, request_json, response_json, promise, channels_json, evidence_dir, note, "
            "started_at, finished_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (campaign_id, isp_id(ws, result.slug), result.wave, result.intent_id, result.mode, result.status,
             result.reason, result.submitted_at, result.source_tz, result.form_url,
             json.dumps(result.request, ensure_ascii=False) if result.request else None,
             json.dumps(result.response, ensure_ascii=False) if result.response else None,
             result.promise, json.dumps(result.channels, ensure_ascii=False), result.evidence_dir, result.note,
             result.started_at, result.finished_at, utc_now()))
        return int(cur.lastrowid)


def close_orphan_intents(ws: Workspace, campaign_id: int) -> list[str]:
    """Give every intent that has no result (a crash or kill between click and record) a
    ``needs_review`` result, so it is counted and never sent again.

    Returns:
        The slugs affected.
    """
    rows = ws.db.execute(
        "SELECT t.id, t.wave, t.mode, t.form_url, t.intent_at, i.slug FROM submit_intents t "
        "JOIN isps i ON i.id = t.isp_id WHERE t.campaign_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM submissions s WHERE s.intent_id = t.id)", (campaign_id,)).fetchall()
    for row in rows:
        record_result(ws, campaign_id, SiteResult(
            row["slug"], "needs_review", "the run stopped between the click and recording its result: a request "
            "may have been sent at the intent time; check the evidence and the ISP's response",
            mode=row["mode"], wave=row["wave"], submitted_at=row["intent_at"], form_url=row["form_url"],
            intent_id=row["id"], finished_at=utc_now()))
    return [r["slug"] for r in rows]


def add_site_numbers(ws: Workspace, slug: str, numbers: list[str]) -> int:
    """Add phone numbers found on the ISP's site to its known numbers (for callback matching)."""
    now = utc_now()
    with ws.transaction() as db:
        before = db.total_changes
        db.executemany("INSERT OR IGNORE INTO isp_numbers (isp_id, e164, source, added_at) VALUES (?, ?, 'site', ?)",
                       [(isp_id(ws, slug), n, now) for n in numbers if n.startswith("+")])
        return db.total_changes - before


SUBMISSION_COLUMNS = ["isp_slug", "isp_name", "wave", "mode", "status", "submitted_at", "reason", "form_url",
                      "promise", "channels", "request_method", "request_url", "request_fields", "response_status",
                      "evidence_dir", "started_at", "finished_at"]


def submissions_frame(ws: Workspace, campaign_id: int | None = None, latest: bool = True) -> pd.DataFrame:
    """Submissions as users analyse them: one row per ISP and wave (the latest result), or every row.

    The shopper's details in the request fields are masked (``+791*****22``, ``А. П.``).

    Args:
        ws: the workspace.
        campaign_id: one campaign, or all.
        latest: keep only each ISP's and wave's latest row.
    """
    query = ("SELECT s.*, i.slug AS isp_slug, i.name AS isp_name FROM submissions s JOIN isps i ON i.id = s.isp_id"
             + (" WHERE s.campaign_id = ?" if campaign_id else "") + " ORDER BY s.id")
    frame = pd.read_sql_query(query, ws.db, params=(campaign_id,) if campaign_id else ())
    if latest and not frame.empty:
        frame = frame.groupby(["campaign_id", "isp_id", "wave"], as_index=False).tail(1)
    requests = frame["request_json"].map(lambda s: json.loads(s) if isinstance(s, str) else {})
    responses = frame["response_json"].map(lambda s: json.loads(s) if isinstance(s, str) else {})

    def masked_fields(req: dict) -> str:
        typed = {str(v) for v in (req.get("filled") or {}).values()}
        fields = {k: (mask_value(v) if isinstance(v, str) and v and v in typed else v)
                  for k, v in (req.get("fields") or {}).items()}
        return json.dumps(fields, ensure_ascii=False) if fields else ""

    frame = frame.assign(
        channels=frame["channels_json"].map(lambda s: "; ".join(f"{k}: {', '.join(v)}"
                                                                for k, v in json.loads(s or "{}").items())),
        request_method=requests.map(lambda r: r.get("method", "")),
        request_url=requests.map(lambda r: r.get("url", "")),
        request_fields=requests.map(masked_fields),
        response_status=responses.map(lambda r: r.get("status")).astype("Int64"),
    )
    return frame[SUBMISSION_COLUMNS].sort_values(["isp_slug", "wave"]).reset_index(drop=True)
