"""The workspace: SQLite in WAL mode, versioned schema, transactions, clear errors."""

from __future__ import annotations

import sqlite3

import pytest

from audit.campaigns import create_campaign, get_campaign
from audit.errors import AuditError, WorkspaceError
from audit.workspace import SCHEMA_VERSION, init_workspace, open_workspace


def test_new_workspace_is_wal_and_current(tmp_path):
    with init_workspace(tmp_path / "w") as ws:
        assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert (tmp_path / "w" / "evidence").is_dir()
    with init_workspace(tmp_path / "w") as ws:  # twice is fine
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_env_var_names_the_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("ISPAUDIT_WORKSPACE", str(tmp_path / "from-env"))
    with init_workspace() as ws:
        assert ws.root == tmp_path / "from-env"


def test_open_missing_workspace_says_what_to_do(tmp_path):
    with pytest.raises(WorkspaceError) as err:
        open_workspace(tmp_path / "none")
    assert str(err.value) == (f"no workspace at {tmp_path / 'none'} (no audit.sqlite); create one with "
                              f"'ispaudit init --workspace {tmp_path / 'none'}'")


def test_newer_schema_is_refused(tmp_path):
    init_workspace(tmp_path / "w").close()
    db = sqlite3.connect(tmp_path / "w" / "audit.sqlite")
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(WorkspaceError, match="schema version 99, newer than this kit's"):
        open_workspace(tmp_path / "w")


def test_transaction_rolls_back(ws):
    with pytest.raises(ZeroDivisionError), ws.transaction() as db:
        db.execute("INSERT INTO campaigns (name, kind, started_at) VALUES ('x', 'sector', 'now')")
        1 / 0  # noqa: B018
    assert ws.db.execute("SELECT COUNT(*) FROM campaigns").fetchone()[0] == 0


def test_campaigns(ws):
    c = create_campaign(ws, "ural-2026", "sector")
    assert create_campaign(ws, "ural-2026", "sector") == c
    with pytest.raises(AuditError, match="already exists as a sector campaign"):
        create_campaign(ws, "ural-2026", "prospect")
    with pytest.raises(AuditError, match="unknown campaign kind 'big'"):
        create_campaign(ws, "x", "big")
    with pytest.raises(AuditError) as err:
        get_campaign(ws, "nope")
    assert str(err.value).startswith(f"no campaign 'nope' in {ws.root} (campaigns: ural-2026)")
