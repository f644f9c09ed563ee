"""Reading the registry back out of the workspace as DataFrames."""

from __future__ import annotations

import json

import pandas as pd

from audit.workspace import Workspace

EXPORT_COLUMNS = ["slug", "name", "website", "region", "timezone", "timezone_source", "phones",
                  "site_phones", "subscribers", "arpu", "working_hours", "working_hours_json", "notes",
                  "extras", "created_at", "updated_at"]


def isps_frame(ws: Workspace, slugs: list[str] | None = None) -> pd.DataFrame:
    """Every ISP (or those named) with its registry and site phone numbers as ``;``-joined E.164.

    Args:
        ws: the workspace.
        slugs: only these ISPs; None for all.

    Returns:
        One row per ISP, columns :data:`EXPORT_COLUMNS`, sorted by slug.
    """
    isps = pd.read_sql_query("SELECT * FROM isps ORDER BY slug", ws.db)
    numbers = pd.read_sql_query("SELECT isp_id, e164, source FROM isp_numbers ORDER BY id", ws.db)

    def joined(source: str) -> pd.Series:
        part = numbers[numbers["source"] == source]
        return part.groupby("isp_id")["e164"].agg(lambda s: "; ".join(dict.fromkeys(s)))

    isps["phones"] = isps["id"].map(joined("registry")).fillna("")
    isps["site_phones"] = isps["id"].map(joined("site")).fillna("")
    isps["extras"] = isps["extras_json"].map(lambda s: "; ".join(f"{k}={v}" for k, v in json.loads(s).items()))
    isps["subscribers"] = isps["subscribers"].astype("Int64")
    if slugs is not None:
        isps = isps[isps["slug"].isin(slugs)]
    return isps[EXPORT_COLUMNS].reset_index(drop=True)
