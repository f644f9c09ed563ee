"""The campaign workspace: one folder holding ``audit.sqlite`` (WAL mode) and ``evidence/``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from audit import config
from audit.errors import WorkspaceError
from audit.migrations import MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)


def utc_now() -> str:
    """The current time in UTC as ISO 8601 with milliseconds, e.g. ``2026-11-22T05:21:03.114Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Workspace:
    """An open workspace. Use :func:`init_workspace` or :func:`open_workspace` to get one.

    Attributes:
        root: the workspace folder.
        db: the SQLite connection (autocommit; group writes with :meth:`transaction`).
    """

    def __init__(self, root: Path, db: sqlite3.Connection):
        self.root = root
        self.db = db

    @property
    def evidence_dir(self) -> Path:
        """The folder for screenshots, traces and HTML snapshots."""
        return self.root / config.EVIDENCE_DIR

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a group of writes all-or-nothing (``BEGIN IMMEDIATE`` … ``COMMIT``/``ROLLBACK``)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise WorkspaceError(f"{path} has schema version {version}, newer than this kit's "
                             f"{SCHEMA_VERSION}; upgrade the kit (pip install -U) to open it")
    for number in range(version, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number].split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def init_workspace(root: str | Path | None = None) -> Workspace:
    """Create (or upgrade) a workspace; running it again on an existing one changes nothing else.

    Args:
        root: the folder; None means ``$ISPAUDIT_WORKSPACE`` or ``./audit-workspace``.

    Returns:
        The open workspace.
    """
    folder = config.workspace_dir(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / config.EVIDENCE_DIR).mkdir(exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(f"cannot create the workspace folder {folder}: {exc.strerror}") from exc
    path = folder / config.DB_NAME
    db = _connect(path)
    _migrate(db, path)
    return Workspace(folder, db)


def open_workspace(root: str | Path | None = None) -> Workspace:
    """Open an existing workspace, upgrading its schema if this kit is newer.

    Args:
        root: the folder; None means ``$ISPAUDIT_WORKSPACE`` or ``./audit-workspace``.

    Raises:
        WorkspaceError: there is no workspace there.
    """
    folder = config.workspace_dir(root)
    path = folder / config.DB_NAME
    if not path.exists():
        raise WorkspaceError(f"no workspace at {folder} (no {config.DB_NAME}); create one with "
                             f"'ispaudit init --workspace {folder}'")
    db = _connect(path)
    _migrate(db, path)
    return Workspace(folder, db)
