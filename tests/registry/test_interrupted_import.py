"""An import interrupted half-way, by an exception or by the process being killed, leaves nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

import audit.registry.store as store
from audit.registry.store import import_registry
from audit.workspace import open_workspace


def _registry(path, n, name="ISP"):
    path.write_text("slug,name,website\n" + "".join(f"isp{i},{name} {i},isp{i}.ru\n" for i in range(n)),
                    encoding="utf-8")
    return path


def _state(ws):
    return (ws.db.execute("SELECT COUNT(*), GROUP_CONCAT(name) FROM isps").fetchone()[:],
            ws.db.execute("SELECT COUNT(*) FROM imports").fetchone()[0])


def test_exception_half_way_rolls_back(tmp_path, ws, monkeypatch):
    import_registry(ws, _registry(tmp_path / "v1.csv", 10))
    before = _state(ws)
    real = store._write_record
    calls = {"n": 0}

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == 500:
            raise RuntimeError("disk on fire")
        real(*args)

    monkeypatch.setattr(store, "_write_record", failing)
    with pytest.raises(RuntimeError):
        import_registry(ws, _registry(tmp_path / "v2.csv", 1000, "Renamed"))
    assert calls["n"] == 500
    assert _state(ws) == before


def test_killed_process_half_way_leaves_nothing(tmp_path):
    folder = tmp_path / "ws"
    script = textwrap.dedent(f"""
        import os, signal
        import audit.registry.store as store
        from audit.workspace import init_workspace
        real = store._write_record
        calls = {{"n": 0}}
        def dying(*args):
            calls["n"] += 1
            if calls["n"] == 500:
                os.kill(os.getpid(), signal.SIGKILL)
            real(*args)
        store._write_record = dying
        ws = init_workspace({str(folder)!r})
        store.import_registry(ws, {str(_registry(tmp_path / "big.csv", 1000))!r})
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    with open_workspace(folder) as ws:
        assert _state(ws) == ((0, None), 0)
