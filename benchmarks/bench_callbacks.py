"""Benchmark: importing a 1,000,000-row Asterisk Master.csv (a busy PBX: ~2% of rows to the shopper's
line, ring-group legs), and matching + timing 10,000 requests against their calls.

Run: .venv/bin/python benchmarks/bench_callbacks.py [--rows 1000000] [--requests 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from audit.callbacks.match import match_calls
from audit.callbacks.service import import_call_log, time_requests
from audit.hours import week_to_json
from audit.sim.callcentre import SimCall, _cdr
from audit.workspace import init_workspace

LINE = "89120001122"


def write_master(path: Path, rows: int, seed: int = 1) -> int:
    """A Master.csv of ``rows`` rows; returns how many calls go to the shopper's line."""
    rng = np.random.default_rng(seed)
    start = datetime(2026, 11, 1, 9, 0)
    to_shopper = 0
    with path.open("w", encoding="utf-8") as handle:
        for index in range(rows):
            at = start + timedelta(seconds=int(index * 2.5))
            if rng.random() < 0.02:
                caller, dst = f"+7345250{int(rng.integers(0, 10_000)):04d}", LINE
                to_shopper += 1
            else:
                caller, dst = f"8912{int(rng.integers(1_000_000, 9_999_999))}", str(200 + index % 80)
            call = SimCall("x", caller, at, bool(rng.random() < 0.7), 1, int(rng.integers(0, 300)))
            handle.write(",".join(_cdr(call.caller, dst, at, 10, call.talk_s, call.answered, f"{index}.1",
                                       f"SIP/{dst}-{index:08x}", 1)) + "\n")
    return to_shopper


def bench_import(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Master.csv"
        started = time.perf_counter()
        shopper_calls = write_master(path, rows)
        size = path.stat().st_size / 2**20
        print(f"generated {rows:,} rows ({size:.0f} MiB) in {time.perf_counter() - started:.1f} s")
        with init_workspace(Path(tmp) / "ws") as ws:
            started = time.perf_counter()
            report = import_call_log(ws, path, "asterisk", LINE, "Europe/Moscow")
            took = time.perf_counter() - started
            print(f"import: {rows:,} rows in {took:.1f} s = {rows / took:,.0f} rows/s; "
                  f"{report.legs_added:,} legs to the shopper (expected {shopper_calls:,})")
            started = time.perf_counter()
            again = import_call_log(ws, path, "asterisk", LINE, "Europe/Moscow")
            print(f"re-import (adds {again.legs_added}): {time.perf_counter() - started:.1f} s")


def bench_matching(n: int) -> None:
    rng = np.random.default_rng(2)
    base = pd.Timestamp("2026-11-02 06:00", tz="UTC")
    submitted = base + pd.to_timedelta(np.sort(rng.integers(0, 30 * 86400, n)), unit="s")
    slugs = [f"isp{i:05d}" for i in range(n)]
    requests = pd.DataFrame({"submission_id": range(1, n + 1), "isp_slug": slugs, "submitted_at": submitted,
                             "window_end": submitted + pd.Timedelta(days=30), "wave": 1, "mode": "submit",
                             "promise": None, "timezone": "Asia/Yekaterinburg",
                             "working_hours_json": week_to_json({d: [(540, 1080)] for d in range(5)})})
    numbers = pd.DataFrame({"isp_slug": slugs, "e164": [f"+7345{i:07d}" for i in range(n)], "source": "registry"})
    called = rng.random(n) < 0.75
    delays = pd.to_timedelta(rng.lognormal(np.log(3600), 1.5, n).astype(int), unit="s")
    calls = pd.DataFrame({"source": "file:asterisk", "call_key": [str(i) for i in range(n)],
                          "caller": numbers["e164"], "started_at": submitted + delays, "answered": True})[called]
    started = time.perf_counter()
    matching = match_calls(requests, numbers, calls)
    took_match = time.perf_counter() - started
    started = time.perf_counter()
    table = time_requests(requests, matching.requests, datetime(2027, 1, 1, tzinfo=UTC))
    took_time = time.perf_counter() - started
    print(f"matching: {n:,} requests, {len(calls):,} calls in {took_match:.2f} s; working-time timing "
          f"{took_time:.2f} s; called back {int((table['outcome'] == 'called_back').sum()):,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    bench_matching(args.requests)
    bench_import(args.rows)


if __name__ == "__main__":
    main()
