"""Self-assessments in the workspace: scoring a filled template, storing it, reading assessments back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from audit.campaigns import get_campaign
from audit.checklist.model import Checklist, load_checklist
from audit.checklist.scoring import gaps, score
from audit.checklist.workbook import read_filled
from audit.errors import AuditError
from audit.money import MoneyParams
from audit.workspace import Workspace, utc_now


@dataclass
class Assessment:
    """A scored assessment."""

    id: int
    slug: str
    assessed_at: str
    overall: float
    items: pd.DataFrame
    sections: pd.DataFrame
    gaps: pd.DataFrame


def money_params(ws: Workspace, slug: str) -> MoneyParams:
    """Money-model parameters with the ISP's own subscribers and ARPU where the registry has them."""
    row = ws.db.execute("SELECT subscribers, arpu FROM isps WHERE slug = ?", (slug,)).fetchone()
    base = MoneyParams()
    return MoneyParams(subscribers=row["subscribers"] or base.subscribers, arpu=row["arpu"] or base.arpu) if row \
        else base


def score_file(ws: Workspace, path: str | Path, slug: str, campaign: str | None = None,
               checklist: Checklist | None = None) -> Assessment:
    """Validate, score and store a filled template (all or nothing).

    Raises:
        AuditError: an unknown ISP or campaign; InputError for a malformed or tampered file.
    """
    checklist = checklist or load_checklist()
    isp = ws.db.execute("SELECT id FROM isps WHERE slug = ?", (slug,)).fetchone()
    if isp is None:
        raise AuditError(f"no ISP '{slug}' in the registry; import it first ('ispaudit registry import')")
    campaign_id = get_campaign(ws, campaign).id if campaign else None
    answers, links, comments, lang = read_filled(checklist, path)
    items, sections, overall = score(checklist, answers)
    now = utc_now()
    with ws.transaction() as db:
        cur = db.execute("INSERT INTO checklist_assessments (isp_id, campaign_id, checklist_id, checklist_version, "
                         "lang, file, sha256, overall, assessed_at) VALUES (?,?,?,?,?,?,?,?,?)",
                         (isp["id"], campaign_id, checklist.id, checklist.version, lang, str(path),
                          hashlib.sha256(Path(path).read_bytes()).hexdigest(), overall, now))
        assessment_id = int(cur.lastrowid)
        db.executemany("INSERT INTO checklist_answers (assessment_id, item_id, answer, evidence_link, comment) "
                       "VALUES (?,?,?,?,?)", [(assessment_id, k, json.dumps(v), links.get(k), comments.get(k))
                                              for k, v in answers.items()])
    return Assessment(assessment_id, slug, now, overall, items, sections,
                      gaps(checklist, items, money_params(ws, slug), lang))


def assessments(ws: Workspace, slug: str) -> list[dict]:
    """An ISP's assessments, oldest first (``id``, ``assessed_at``, ``overall``)."""
    rows = ws.db.execute("SELECT a.id, a.assessed_at, a.overall FROM checklist_assessments a JOIN isps i "
                         "ON i.id = a.isp_id WHERE i.slug = ? ORDER BY a.id", (slug,))
    return [dict(r) for r in rows]


def load_assessment(ws: Workspace, assessment_id: int, checklist: Checklist | None = None,
                    lang: str = "ru") -> Assessment:
    """Re-score a stored assessment from its answers."""
    checklist = checklist or load_checklist()
    head = ws.db.execute("SELECT a.*, i.slug FROM checklist_assessments a JOIN isps i ON i.id = a.isp_id "
                         "WHERE a.id = ?", (assessment_id,)).fetchone()
    if head is None:
        raise AuditError(f"no assessment {assessment_id}")
    answers = {r["item_id"]: json.loads(r["answer"]) for r in ws.db.execute(
        "SELECT item_id, answer FROM checklist_answers WHERE assessment_id = ?", (assessment_id,))}
    items, sections, overall = score(checklist, answers)
    return Assessment(assessment_id, head["slug"], head["assessed_at"], overall, items, sections,
                      gaps(checklist, items, money_params(ws, head["slug"]), lang))


def checklist_export_frame(ws: Workspace, slug: str | None = None) -> pd.DataFrame:
    """Every stored answer with its score: one row per assessment and item."""
    checklist = load_checklist()
    query = ("SELECT a.id AS assessment_id, i.slug AS isp_slug, a.assessed_at, a.checklist_version, a.overall "
             "FROM checklist_assessments a JOIN isps i ON i.id = a.isp_id" + (" WHERE i.slug = ?" if slug else "")
             + " ORDER BY a.id")
    heads = pd.read_sql_query(query, ws.db, params=(slug,) if slug else ())
    frames = []
    for head in heads.itertuples():
        scored = load_assessment(ws, int(head.assessment_id), checklist)
        notes = pd.read_sql_query("SELECT item_id, evidence_link, comment FROM checklist_answers WHERE "
                                  "assessment_id = ?", ws.db, params=(int(head.assessment_id),))
        frame = scored.items.merge(notes, on="item_id", how="left")
        frame.insert(0, "assessed_at", head.assessed_at)
        frame.insert(0, "isp_slug", head.isp_slug)
        frame.insert(0, "assessment_id", head.assessment_id)
        frame["answer"] = frame["answer"].map(lambda v: v if v is None else str(v))
        frames.append(frame)
    columns = ["assessment_id", "isp_slug", "assessed_at", "section", "item_id", "answer", "score", "points",
               "earned", "available", "lost", "evidence_link", "comment"]
    return pd.concat(frames)[columns].reset_index(drop=True) if frames else pd.DataFrame(columns=columns)
