"""The one-command demo: a whole audit campaign over a synthetic sector, on this machine only."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from audit.campaigns import create_campaign, sample_campaign
from audit.export import export_table
from audit.registry.store import import_registry
from audit.sim.sector import make_sector, write_registry_csv
from audit.workspace import init_workspace

CAMPAIGN = "demo-sector"


def run_demo(out: Path, n_isps: int = 48, seed: int = 2026,
             echo: Callable[[str], None] = print) -> dict[str, Path]:
    """Build a synthetic sector and run the campaign's steps over it; safe to run again.

    Args:
        out: the folder for the workspace, inputs and outputs.
        n_isps: how many fictional ISPs.
        seed: the random seed.
        echo: where progress lines go.

    Returns:
        The main files made, by name.
    """
    started = time.monotonic()
    out = Path(out)
    isps = make_sector(n_isps, seed)
    websites = {isp.slug: f"http://{isp.slug}.demo.test/" for isp in isps}
    registry = write_registry_csv(isps, websites, out / "inputs" / "registry.csv")
    echo(f"1. synthetic sector: {len(isps)} fictional ISPs -> {registry}")
    with init_workspace(out / "workspace") as ws:
        summary = import_registry(ws, registry)
        echo(f"2. registry imported: {summary.lines()[0]}")
        create_campaign(ws, CAMPAIGN, "sector")
        drawn = sample_campaign(ws, CAMPAIGN, min(40, len(isps)), ["region", "size"], seed, replace=True)
        echo(f"3. campaign '{CAMPAIGN}': stratified sample of {len(drawn)} ISPs by region and size")
        xlsx, rows = export_table(ws, "isps", out / "exports" / "isps.xlsx", campaign=CAMPAIGN)
        echo(f"4. exported {rows} ISPs -> {xlsx}")
    echo(f"done in {time.monotonic() - started:.1f} s; workspace: {(out / 'workspace').resolve()}")
    return {"registry": registry, "workspace": out / "workspace", "isps_xlsx": xlsx}
