"""One place for paths, environment variables and defaults. Importing this module does nothing else."""

from __future__ import annotations

import os
from pathlib import Path

WORKSPACE_ENV = "ISPAUDIT_WORKSPACE"
CHROMIUM_ENV = "ISPAUDIT_CHROMIUM"
DEFAULT_WORKSPACE = Path("audit-workspace")
DB_NAME = "audit.sqlite"
EVIDENCE_DIR = "evidence"

DEFAULT_PHONE_REGION = "RU"
DEFAULT_OBSERVATION_DAYS = 30

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def workspace_dir(given: str | Path | None = None) -> Path:
    """Resolve the workspace folder: the given path, else $ISPAUDIT_WORKSPACE, else ./audit-workspace.

    Args:
        given: a path the user passed, or None.

    Returns:
        The folder (not created).
    """
    if given:
        return Path(given)
    env = os.environ.get(WORKSPACE_ENV)
    return Path(env) if env else DEFAULT_WORKSPACE
