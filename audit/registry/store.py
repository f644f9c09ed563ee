"""Writing validated registry records into the workspace, all or nothing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from audit.errors import InputError, Problem
from audit.registry.validate import IspRecord, validate_sheet
from audit.tabular import read_sheet
from audit.workspace import Workspace, utc_now

_FIELDS = ("name", "website", "region", "timezone", "timezone_source", "subscribers", "arpu",
           "working_hours", "working_hours_json", "notes")
# Optional columns whose absence from a file leaves stored values alone.
_FOLLOWS = {"region": ("region",), "timezone": ("timezone", "timezone_source"),
            "subscribers": ("subscribers",), "arpu": ("arpu",),
            "working_hours": ("working_hours", "working_hours_json"), "notes": ("notes",)}


@dataclass
class ImportSummary:
    """What a registry import did."""

    file: str
    rows: int
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    not_in_file: int = 0

    def lines(self) -> list[str]:
        """A human summary, one line each."""
        out = [f"{self.file}: {self.rows} row(s): {len(self.created)} new, {len(self.updated)} updated, "
               f"{len(self.unchanged)} unchanged"]
        if self.not_in_file:
            out.append(f"{self.not_in_file} ISP(s) already in the workspace are not in this file; kept")
        out += [f"warning: {w}" for w in self.warnings]
        return out


def import_registry(ws: Workspace, path: str | Path, phone_region: str = "RU",
                    sheet_name: str | None = None) -> ImportSummary:
    """Import a registry file (CSV or XLSX): validate every row, then write all rows or none.

    ISPs are matched by slug: a known slug is updated in place, so campaigns, submissions and calls
    linked to it stay linked. Optional columns that the file does not have keep their stored values;
    registry phone numbers are replaced, numbers found on the ISP's site are kept.

    Args:
        ws: the workspace.
        path: the file.
        phone_region: the region for numbers written without a country code.
        sheet_name: for XLSX, the sheet (default: the first).

    Raises:
        InputError: any row has a problem; nothing was written.
    """
    sheet = read_sheet(path, sheet_name)
    result = validate_sheet(sheet, phone_region)
    if result.problems:
        raise InputError(result.problems)
    summary = ImportSummary(sheet.file, len(sheet.rows), warnings=result.warnings)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    now = utc_now()
    with ws.transaction() as db:
        existing = {r["slug"]: r for r in db.execute("SELECT * FROM isps")}
        for record in result.records:
            _write_record(db, record, existing.get(record.slug), now, summary)
        slugs = {r.slug for r in result.records}
        summary.not_in_file = sum(1 for s in existing if s not in slugs)
        db.execute("INSERT INTO imports (kind, file, sha256, rows, summary_json, imported_at) "
                   "VALUES ('registry', ?, ?, ?, ?, ?)",
                   (sheet.file, digest, len(sheet.rows),
                    json.dumps({"created": len(summary.created), "updated": len(summary.updated),
                                "unchanged": len(summary.unchanged), "encoding": sheet.encoding}), now))
    return summary


def _values(record: IspRecord, old) -> dict[str, object]:
    values = {f: getattr(record, f) for f in _FIELDS}
    if old is not None:
        for column, fields in _FOLLOWS.items():
            if column not in record.present:
                for f in fields:
                    values[f] = old[f]
        extras = json.loads(old["extras_json"])
        extras.update(record.extras)
    else:
        extras = record.extras
    values["extras_json"] = json.dumps(extras, ensure_ascii=False, sort_keys=True)
    return values


def _write_record(db, record: IspRecord, old, now: str, summary: ImportSummary) -> None:
    values = _values(record, old)
    if old is None:
        cols = ["slug", *values, "created_at", "updated_at"]
        db.execute(f"INSERT INTO isps ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                   [record.slug, *values.values(), now, now])
        isp_id = db.execute("SELECT id FROM isps WHERE slug = ?", (record.slug,)).fetchone()[0]
        summary.created.append(record.slug)
    else:
        isp_id = old["id"]
        old_phones = {r[0] for r in db.execute(
            "SELECT e164 FROM isp_numbers WHERE isp_id = ? AND source = 'registry'", (isp_id,))}
        phones_same = "phones" not in record.present or old_phones == set(record.phones)
        if all(old[k] == v for k, v in values.items()) and phones_same:
            summary.unchanged.append(record.slug)
            return
        db.execute(f"UPDATE isps SET {', '.join(f'{k} = ?' for k in values)}, updated_at = ? WHERE id = ?",
                   [*values.values(), now, isp_id])
        summary.updated.append(record.slug)
    if "phones" in record.present:
        db.execute("DELETE FROM isp_numbers WHERE isp_id = ? AND source = 'registry'", (isp_id,))
        db.executemany("INSERT OR IGNORE INTO isp_numbers (isp_id, e164, source, added_at) "
                       "VALUES (?, ?, 'registry', ?)", [(isp_id, p, now) for p in record.phones])
