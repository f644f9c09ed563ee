"""Benchmark: 128 per-ISP reports rendered by `ispaudit report isp` (warm kernels, 2 workers, in-process
HTML export) against a naive loop (papermill with a fresh kernel per report, then `jupyter nbconvert
--to html --no-input`), on the same machine and data, in one run. Prints both times and the ratio.

The data: a synthetic sector of N ISPs with web results, simulated callbacks and scripted calls (no browser).

Run: .venv/bin/python benchmarks/bench_reports.py [--isps 128] [--naive 128]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import papermill

from audit.callbacks.service import import_call_log
from audit.calls.model import scenario_ids
from audit.calls.service import import_sheet, plan_sheet
from audit.campaigns import create_campaign, sample_campaign
from audit.registry.store import import_registry
from audit.reports.service import NOTEBOOKS, build_jobs, render
from audit.sim.callcentre import requests_from_workspace, simulate, write_asterisk
from audit.sim.scripted import fill_sheet
from audit.sim.sector import make_sector, write_registry_csv
from audit.web import store
from audit.web.store import SiteResult
from audit.workspace import init_workspace


def build(root: Path, n: int):
    isps = make_sector(n, seed=4)
    registry = write_registry_csv(isps, {i.slug: f"https://{i.slug}.example.ru/" for i in isps}, root / "reg.csv")
    ws = init_workspace(root / "ws")
    import_registry(ws, registry)
    create_campaign(ws, "bench", "sector")
    sample_campaign(ws, "bench", n, [], seed=1)
    campaign = ws.db.execute("SELECT id FROM campaigns WHERE name = 'bench'").fetchone()[0]
    start = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
    for index, isp in enumerate(isps):
        intent = store.record_intent(ws, campaign, isp.slug, 1, "submit", None)
        at = (start + timedelta(minutes=7 * index)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        store.record_result(ws, campaign, SiteResult(isp.slug, "submitted", "ok", "submit", 1, submitted_at=at,
                                                     intent_id=intent, promise="Перезвоним в течение 15 минут"))
    calls = simulate(requests_from_workspace(ws, "bench"), seed=2)
    import_call_log(ws, write_asterisk(calls, root / "Master.csv", "89120001122", "Europe/Moscow"), "asterisk",
                    "89120001122", "Europe/Moscow")
    for index, scenario in enumerate(scenario_ids()):
        sheet = plan_sheet(ws, scenario, root / f"{scenario}.xlsx", campaign="bench")
        fill_sheet(sheet, "Анна", index, datetime(2026, 11, 23, 10, 0))
        import_sheet(ws, sheet, "bench")
    return ws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--isps", type=int, default=128)
    parser.add_argument("--naive", type=int, default=None, help="ISPs for the naive loop (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = build(root, args.isps)
        started = time.perf_counter()
        outcomes, _ = render(ws, "isp", "bench", root=root / "ours", workers=2, force=True, progress=False)
        ours = time.perf_counter() - started
        failed = sum(o.status == "failed" for o in outcomes)
        print(f"ispaudit report isp: {len(outcomes)} reports in {ours:.1f} s ({ours / len(outcomes):.2f} s each, "
              f"{failed} failed)")
        jobs = build_jobs(ws, "isp", "bench")[: args.naive or args.isps]
        naive_dir = root / "naive"
        naive_dir.mkdir()
        started = time.perf_counter()
        for job in jobs:
            target = naive_dir / f"{job.parameters['isp']}.ipynb"
            papermill.execute_notebook(str(NOTEBOOKS / "isp_report.ipynb"), str(target), parameters=job.parameters,
                                       progress_bar=False, kernel_name="python3")
            subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--no-input", str(target)],
                           check=True, capture_output=True)
        naive = time.perf_counter() - started
        per_naive = naive / len(jobs)
        print(f"naive papermill + nbconvert loop: {len(jobs)} reports in {naive:.1f} s ({per_naive:.2f} s each)")
        print(f"ratio (per report): {per_naive / (ours / len(outcomes)):.1f}x faster")


if __name__ == "__main__":
    main()
