"""Benchmark: import a 10,000-row registry (cp1251, ';', Russian phones and hours) into a new workspace,
then re-import it unchanged. Prints rows per second.

Run: .venv/bin/python benchmarks/bench_registry_import.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from audit.registry.store import import_registry
from audit.sim.sector import make_sector, write_registry_csv
from audit.workspace import init_workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        isps = make_sector(args.rows, seed=1)
        path = write_registry_csv(isps, {i.slug: f"https://{i.slug}.example.ru/" for i in isps},
                                  Path(tmp) / "registry.csv")
        with init_workspace(Path(tmp) / "ws") as ws:
            for label in ("first import", "re-import (unchanged)"):
                started = time.perf_counter()
                summary = import_registry(ws, path)
                took = time.perf_counter() - started
                print(f"{label:24s} {args.rows:7d} rows  {took:6.2f} s  {args.rows / took:8.0f} rows/s  "
                      f"({len(summary.created)} new, {len(summary.unchanged)} unchanged)")


if __name__ == "__main__":
    main()
