"""The ISP's own view beside what the mystery shopper found, item by item where both speak. The facts
are read from the workspace (``audit_facts``); the comparison is pure (``own_view_vs_audit``)."""

from __future__ import annotations

import json

import pandas as pd

from audit.workspace import Workspace


def audit_facts(ws: Workspace, slug: str) -> dict:
    """What the audits recorded about an ISP: the latest web result and channels, and the first
    callback delay in any campaign (``None`` where nothing was measured)."""
    facts: dict = {"web_status": None, "channels": {}, "callback_outcome": None, "callback_min": None}
    row = ws.db.execute("SELECT s.status, s.channels_json FROM submissions s JOIN isps i ON i.id = s.isp_id "
                        "WHERE i.slug = ? ORDER BY s.id DESC LIMIT 1", (slug,)).fetchone()
    if row:
        facts["web_status"], facts["channels"] = row["status"], json.loads(row["channels_json"] or "{}")
    match = ws.db.execute("SELECT m.outcome, m.delay_s FROM callback_matches m JOIN submissions s ON "
                          "s.id = m.submission_id JOIN isps i ON i.id = s.isp_id WHERE i.slug = ? "
                          "ORDER BY m.id DESC LIMIT 1", (slug,)).fetchone()
    if match:
        facts["callback_outcome"] = match["outcome"]
        facts["callback_min"] = None if match["delay_s"] is None else match["delay_s"] / 60
    return facts


def own_view_vs_audit(answers: dict, facts: dict) -> pd.DataFrame:
    """Compare self-assessment answers with audit facts.

    Returns:
        ``item_id``, ``claimed``, ``measured``, ``agrees`` (None where the audit measured nothing).
    """
    rows = []
    minutes = facts.get("callback_min")
    outcome = facts.get("callback_outcome")
    claimed = answers.get("web_callback_minutes")
    if claimed is not None and claimed != "na":
        measured = ("never called back" if outcome == "no_callback" else
                    f"{minutes:.0f} min" if minutes is not None else None)
        agrees = None if measured is None else bool(minutes is not None and minutes <= max(float(claimed) * 2, 15))
        rows.append({"item_id": "web_callback_minutes", "claimed": f"{float(claimed):g} min", "measured": measured,
                     "agrees": agrees})
    if "web_same_standard" in answers:
        measured = None if outcome is None else ("called back" if outcome == "called_back" else "never called back")
        rows.append({"item_id": "web_same_standard", "claimed": answers["web_same_standard"], "measured": measured,
                     "agrees": None if outcome is None else (outcome == "called_back") == (
                         answers["web_same_standard"] != "no")})
    channels = facts.get("channels") or {}
    if "messengers_chat" in answers and facts.get("web_status"):
        found = [k for k in ("telegram", "whatsapp", "viber", "chat") if channels.get(k)]
        rows.append({"item_id": "messengers_chat", "claimed": answers["messengers_chat"],
                     "measured": ", ".join(found) or "none on the site",
                     "agrees": bool(found) == (answers["messengers_chat"] != "no")})
    if "personal_account" in answers and facts.get("web_status"):
        has = bool(channels.get("account"))
        rows.append({"item_id": "personal_account", "claimed": answers["personal_account"],
                     "measured": "linked from the site" if has else "not found on the site",
                     "agrees": has == (answers["personal_account"] != "no")})
    return pd.DataFrame(rows, columns=["item_id", "claimed", "measured", "agrees"])
