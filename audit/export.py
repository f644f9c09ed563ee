"""Exporting the workspace's tables for analysis (CSV/XLSX, escaped against formula injection)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from audit.campaigns import campaign_slugs, get_campaign
from audit.errors import AuditError
from audit.registry.queries import isps_frame
from audit.tabular import write_table
from audit.workspace import Workspace


def table_frame(ws: Workspace, table: str, campaign: str | None = None, isp: str | None = None) -> pd.DataFrame:
    """The named table as users analyse it.

    Args:
        ws: the workspace.
        table: ``isps``.
        campaign: only this campaign's ISPs.
    """
    slugs = campaign_slugs(ws, get_campaign(ws, campaign)) if campaign else None
    if table == "isps":
        return isps_frame(ws, slugs)
    if table == "submissions":
        from audit.web.store import submissions_frame

        frame = submissions_frame(ws, get_campaign(ws, campaign).id if campaign else None)
        return frame
    if table == "callbacks":
        if not campaign:
            raise AuditError("export callbacks needs --campaign")
        from audit.callbacks.service import callbacks_export_frame

        return callbacks_export_frame(ws, campaign)
    if table == "calls":
        from audit.calls.service import calls_export_frame

        frame = calls_export_frame(ws)
        return frame[frame["isp_slug"].isin(slugs)] if slugs is not None and not frame.empty else frame
    if table == "checklist":
        from audit.checklist.service import checklist_export_frame

        return checklist_export_frame(ws, isp)
    raise AuditError(f"unknown table '{table}'; use: isps, submissions, callbacks, calls, checklist")


def export_table(ws: Workspace, table: str, out: str | Path, fmt: str | None = None,
                 campaign: str | None = None, isp: str | None = None) -> tuple[Path, int]:
    """Write a table to CSV or XLSX (atomically: a failed export leaves no partial file).

    Returns:
        The path written and the number of rows.
    """
    frame = table_frame(ws, table, campaign, isp)
    return write_table(frame, out, fmt, sheet_title=table), len(frame)
