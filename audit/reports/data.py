"""Everything a campaign's reports read, gathered once from the workspace into DataFrames."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from audit.callbacks.service import match_campaign
from audit.calls.service import calls_frame
from audit.campaigns import campaign_slugs, get_campaign
from audit.web.store import submissions_frame
from audit.workspace import Workspace


@dataclass
class CampaignData:
    """A campaign's data as reports use it.

    Attributes:
        isps: ``slug``, ``name``, ``region``, ``subscribers``, ``arpu`` for the campaign's ISPs.
        web: the latest web result per ISP (``isp_slug``, ``status``, ``promise``, ``channels``, ``evidence_dir``).
        callbacks: one row per request (see :func:`audit.callbacks.service.time_requests`).
        calls: one row per scripted call (latest version), every scenario.
        as_of: when observation stops (requests whose window is still open then count as waiting).
    """

    name: str
    isps: pd.DataFrame
    web: pd.DataFrame
    callbacks: pd.DataFrame
    calls: pd.DataFrame
    as_of: datetime


def load_campaign(ws: Workspace, campaign: str, as_of: datetime | None = None) -> CampaignData:
    """Read a campaign's data (nothing is written)."""
    c = get_campaign(ws, campaign)
    slugs = campaign_slugs(ws, c)
    isps = pd.read_sql_query("SELECT slug, name, region, subscribers, arpu, timezone FROM isps ORDER BY slug", ws.db)
    isps = isps[isps["slug"].isin(slugs)].reset_index(drop=True)
    web = submissions_frame(ws, c.id)
    if not web.empty:
        web = web.sort_values(["isp_slug", "wave"]).groupby("isp_slug", as_index=False).tail(1)
        raw = pd.read_sql_query("SELECT i.slug AS isp_slug, s.channels_json FROM submissions s JOIN isps i "
                                "ON i.id = s.isp_id WHERE s.campaign_id = ? ORDER BY s.id", ws.db, params=(c.id,))
        channels = raw.groupby("isp_slug")["channels_json"].last().map(lambda t: json.loads(t or "{}"))
        web = web.assign(channel_map=web["isp_slug"].map(channels))
    as_of = as_of or datetime.now(UTC)
    callbacks, _ = match_campaign(ws, campaign, now=as_of, record=False)
    calls = calls_frame(ws)
    if not calls.empty:
        calls = calls[calls["isp_slug"].isin(slugs)].reset_index(drop=True)
    return CampaignData(c.name, isps, web.reset_index(drop=True), callbacks, calls, as_of)
