"""Benchmark: the web audit (with --submit) over 100 local ISP sites built from the corpus's working
patterns, at concurrency 1 and N. Prints sites per minute and the status counts.

Run: .venv/bin/python benchmarks/bench_web_audit.py [--sites 100] [--concurrency 1 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from audit.campaigns import create_campaign
from audit.registry.store import import_registry
from audit.shopper import Shopper
from audit.sim.siteserver import SiteFarm, corpus
from audit.web.run import run_web_audit

HOSTILE = {"hang", "redirect_loop", "refused", "not_found"}
SHOPPER = Shopper("Анна Петрова", "+79120001122", "anna@example.com", "ул. Ленина, д. 10", "Прошу перезвонить",
                  "9120001122", "7", "8")


def sites(n: int):
    """``n`` sites cycling through the corpus's non-hostile patterns, plus the CRM helper hosts."""
    loaded = corpus()
    patterns = [s for s in loaded if s.is_isp and s.name not in HOSTILE]
    helpers = [s for s in loaded if not s.is_isp]
    made = [replace(patterns[i % len(patterns)], name=f"{patterns[i % len(patterns)].name}-{i:03d}", received=[])
            for i in range(n)]
    return made + helpers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {args.sites} sites; submit mode")
    for concurrency in args.concurrency:
        with tempfile.TemporaryDirectory() as tmp, SiteFarm(sites(args.sites)) as farm:
            from audit.workspace import init_workspace

            ws = init_workspace(Path(tmp) / "ws")
            isps = [s for s in farm.sites.values() if s.is_isp]
            registry = Path(tmp) / "reg.csv"
            registry.write_text("slug,name,website\n" + "".join(
                f"{s.name.replace('_', '-')},{s.name},{s.url}\n" for s in isps), encoding="utf-8")
            import_registry(ws, registry)
            create_campaign(ws, "bench", "sector")
            started = time.perf_counter()
            summary = asyncio.run(run_web_audit(ws, "bench", SHOPPER, slugs=[s.name.replace("_", "-") for s in isps],
                                                submit=True, concurrency=concurrency, progress=False))
            took = time.perf_counter() - started
            received = sum(len(s.received) for s in farm.sites.values())
            print(f"concurrency {concurrency}: {len(summary.results)} sites in {took:6.1f} s = "
                  f"{len(summary.results) / took * 60:5.1f} sites/min; requests received {received}; "
                  f"{dict(sorted(summary.counts().items()))}")
            ws.close()


if __name__ == "__main__":
    main()
