"""Campaigns: a named audit (prospect audit, sector study or self-assessment) over a set of ISPs."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from audit.errors import AuditError
from audit.workspace import Workspace, utc_now

KINDS = ("prospect", "sector", "self")


@dataclass(frozen=True)
class Campaign:
    """One campaign row."""

    id: int
    name: str
    kind: str
    started_at: str
    observation_days: int


def _row(row: sqlite3.Row) -> Campaign:
    return Campaign(row["id"], row["name"], row["kind"], row["started_at"], row["observation_days"])


def create_campaign(ws: Workspace, name: str, kind: str, observation_days: int = 30) -> Campaign:
    """Create a campaign, or return the existing one of that name if it has the same kind.

    Args:
        ws: the workspace.
        name: a short unique name, e.g. ``"tyumen-2026"``.
        kind: ``prospect``, ``sector`` or ``self``.
        observation_days: how long after a request a callback is still awaited.

    Raises:
        AuditError: an unknown kind, or a campaign of that name with another kind.
    """
    name = (name or "").strip()
    if not name:
        raise AuditError("a campaign needs a name, e.g. --campaign tyumen-2026")
    if kind not in KINDS:
        raise AuditError(f"unknown campaign kind '{kind}'; use one of: {', '.join(KINDS)}")
    if observation_days < 1:
        raise AuditError("the observation window must be at least 1 day")
    existing = find_campaign(ws, name)
    if existing:
        if existing.kind != kind:
            raise AuditError(f"campaign '{name}' already exists as a {existing.kind} campaign")
        return existing
    with ws.transaction() as db:
        db.execute("INSERT INTO campaigns (name, kind, started_at, observation_days) VALUES (?,?,?,?)",
                   (name, kind, utc_now(), observation_days))
    return get_campaign(ws, name)


def find_campaign(ws: Workspace, name: str) -> Campaign | None:
    """The campaign of that name, or None."""
    row = ws.db.execute("SELECT * FROM campaigns WHERE name = ?", (name,)).fetchone()
    return _row(row) if row else None


def get_campaign(ws: Workspace, name: str) -> Campaign:
    """The campaign of that name.

    Raises:
        AuditError: there is none; the message lists those that exist.
    """
    found = find_campaign(ws, name)
    if found:
        return found
    names = [r[0] for r in ws.db.execute("SELECT name FROM campaigns ORDER BY name")]
    known = ", ".join(names) if names else "none yet"
    raise AuditError(f"no campaign '{name}' in {ws.root} (campaigns: {known}); "
                     f"create it with 'ispaudit campaign create {name} --kind sector'")


def list_campaigns(ws: Workspace) -> list[Campaign]:
    """Every campaign, oldest first."""
    return [_row(r) for r in ws.db.execute("SELECT * FROM campaigns ORDER BY id")]


def campaign_slugs(ws: Workspace, campaign: Campaign) -> list[str]:
    """The slugs of the ISPs in a campaign, sorted."""
    rows = ws.db.execute("SELECT i.slug FROM campaign_isps c JOIN isps i ON i.id = c.isp_id "
                         "WHERE c.campaign_id = ? ORDER BY i.slug", (campaign.id,))
    return [r[0] for r in rows]


def add_isps(ws: Workspace, campaign: Campaign, slugs: list[str],
             strata: dict[str, str] | None = None) -> int:
    """Add ISPs to a campaign (ISPs already in it are left as they are).

    Args:
        ws: the workspace.
        campaign: the campaign.
        slugs: the ISPs' slugs.
        strata: optional stratum label per slug (from sampling).

    Returns:
        How many were added.

    Raises:
        AuditError: a slug is not in the registry (nothing is added).
    """
    ids = dict(ws.db.execute("SELECT slug, id FROM isps").fetchall())
    missing = [s for s in slugs if s not in ids]
    if missing:
        raise AuditError(f"not in the registry: {', '.join(missing[:10])}; import them first with "
                         f"'ispaudit registry import FILE'")
    now = utc_now()
    with ws.transaction() as db:
        before = db.total_changes
        db.executemany(
            "INSERT OR IGNORE INTO campaign_isps (campaign_id, isp_id, stratum, added_at) VALUES (?,?,?,?)",
            [(campaign.id, ids[s], (strata or {}).get(s), now) for s in slugs])
        return db.total_changes - before


def sample_campaign(ws: Workspace, name: str, n: int, by: list[str], seed: int,
                    replace: bool = False) -> list[tuple[str, str]]:
    """Draw a stratified sample of the registry into a sector campaign (created if missing).

    Args:
        ws: the workspace.
        name: the campaign.
        n: the sample size.
        by: stratifying columns (``region``, ``size``, ``timezone`` or a registry column).
        seed: the random seed; the same registry, n, by and seed give the same sample.
        replace: drop an existing sample first.

    Returns:
        (slug, stratum) for each ISP drawn.
    """
    from audit.registry.queries import isps_frame
    from audit.registry.sample import stratified_sample

    campaign = find_campaign(ws, name) or create_campaign(ws, name, "sector")
    current = campaign_slugs(ws, campaign)
    if current and not replace:
        raise AuditError(f"campaign '{name}' already has {len(current)} ISP(s); pass --replace to draw "
                         "a new sample, or use another campaign name")
    isps = isps_frame(ws)
    if isps.empty:
        raise AuditError("the registry is empty; import ISPs first with 'ispaudit registry import FILE'")
    drawn = stratified_sample(isps, n, by, seed)
    with ws.transaction() as db:
        db.execute("DELETE FROM campaign_isps WHERE campaign_id = ?", (campaign.id,))
    add_isps(ws, campaign, drawn["slug"].tolist(), dict(zip(drawn["slug"], drawn["stratum"], strict=True)))
    return list(zip(drawn["slug"], drawn["stratum"], strict=True))
