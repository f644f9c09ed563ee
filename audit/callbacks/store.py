"""Storing call-log legs in the workspace (all or nothing; a leg already stored is not added again)
and reading calls back (legs of one call counted once)."""

from __future__ import annotations

import json

import pandas as pd

from audit.callbacks.model import Leg, ReadResult
from audit.workspace import Workspace, utc_now


def store_legs(ws: Workspace, source: str, file: str, shopper_number: str, read: ReadResult) -> int:
    """Write every leg of one import in one transaction; legs already present (same source and key)
    are skipped, so re-importing the same or an overlapping file adds nothing.

    Returns:
        How many legs were new.
    """
    now = utc_now()
    with ws.transaction() as db:
        cur = db.execute("INSERT INTO call_imports (source, file, shopper_number, rows_read, legs_added, "
                         "skipped_json, imported_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                         (source, file, shopper_number, read.rows_read, json.dumps(read.skipped, ensure_ascii=False),
                          now))
        import_id = cur.lastrowid
        before = db.total_changes
        db.executemany(
            "INSERT OR IGNORE INTO call_legs (import_id, source, leg_key, call_key, direction, kind, caller, callee, "
            "started_at, source_tz, answered, duration_s, disposition, raw_json) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((import_id, source, leg.leg_key, leg.call_key, leg.direction, leg.kind, leg.caller, leg.callee,
              leg.started_at, leg.source_tz, int(leg.answered), leg.duration_s, leg.disposition,
              json.dumps(leg.raw, ensure_ascii=False, default=str)) for leg in read.legs))
        added = db.total_changes - before
        db.execute("UPDATE call_imports SET legs_added = ? WHERE id = ?", (added, import_id))
    return added


def add_manual(ws: Workspace, leg: Leg) -> int:
    """Store one call (or other contact) entered by hand."""
    return store_legs(ws, "manual", "(entered by hand)", leg.callee or "", ReadResult([leg], 1))


def calls_frame(ws: Workspace, direction: str = "inbound", calls: bool = True) -> pd.DataFrame:
    """Calls (legs grouped by source and call key): the first ring, the caller, answered if any leg was.

    Args:
        ws: the workspace.
        direction: ``inbound`` or ``outbound``.
        calls: phone calls only; False for the other contacts (SMS, messenger, e-mail) instead.

    Returns:
        Columns ``source``, ``call_key``, ``kind``, ``caller``, ``callee``, ``started_at`` (UTC, pandas
        Timestamp), ``answered``, ``legs``, ``duration_s``.
    """
    query = """
        SELECT source, call_key, MIN(kind) AS kind, MIN(caller) AS caller, MIN(callee) AS callee,
               MIN(started_at) AS started_at, MAX(answered) AS answered, COUNT(*) AS legs,
               MAX(duration_s) AS duration_s
        FROM call_legs WHERE direction = ? AND (kind = 'call') = ?
        GROUP BY source, call_key ORDER BY started_at, source, call_key"""
    frame = pd.read_sql_query(query, ws.db, params=(direction, int(calls)))
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True)
    frame["answered"] = frame["answered"].astype(bool)
    return frame
