"""The call-centre simulator writes logs that the importers read back exactly."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from audit.callbacks.readers import ShopperLine, read_android, read_asterisk
from audit.hours import parse_hours
from audit.sim.callcentre import Habits, SimRequest, _advance, simulate, write_android, write_asterisk

WEEK = parse_hours("Пн-Пт 9:00-18:00")


def reqs(n=40):
    start = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)  # Friday 10:00 in Yekaterinburg
    return [SimRequest(f"isp{i}", start, (f"+7345250{i:04d}",), "Asia/Yekaterinburg", WEEK) for i in range(n)]


def test_working_hours_push_calls_to_monday():
    friday_1750 = datetime(2026, 11, 20, 12, 50, tzinfo=UTC)  # 17:50 local
    assert _advance(friday_1750, 30, WEEK, "Asia/Yekaterinburg") == datetime(2026, 11, 23, 4, 20, tzinfo=UTC)


def test_simulation_is_reproducible_and_honours_habits():
    habits = {f"isp{i}": Habits(never=1.0 if i < 10 else 0.0, missed=0.0, ring_group=0.0, unknown_number=0.0)
              for i in range(40)}
    calls = simulate(reqs(), seed=3, habits=habits)
    assert calls == simulate(reqs(), seed=3, habits=habits)
    assert {c.slug for c in calls} == {f"isp{i}" for i in range(10, 40)}
    assert all(c.caller == f"+7345250{int(c.slug[3:]):04d}" for c in calls)


def test_written_logs_read_back(tmp_path):
    calls = simulate(reqs(), seed=5)
    line = ShopperLine("89120001122")
    master = write_asterisk(calls, tmp_path / "Master.csv", "89120001122", "Europe/Moscow", noise=50)
    read = read_asterisk(master, line, "Europe/Moscow")
    assert len({leg.call_key for leg in read.legs}) == len(calls)
    assert read.skipped == {"not to the shopper's line": 50}
    firsts = sorted({leg.call_key: leg.started_at for leg in read.legs}.values())
    assert firsts == sorted(c.started_at.isoformat().replace("+00:00", "Z") for c in calls)
    android = read_android(write_android(calls, tmp_path / "calls.xml"), line)
    assert [leg.answered for leg in android.legs] == [c.answered for c in calls]


def test_script_runs(tmp_path):
    script = Path(__file__).resolve().parents[2] / "scripts" / "callcentre_sim.py"
    result = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "Master.csv" in result.stdout
