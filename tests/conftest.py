"""Shared fixtures: a fresh workspace, and fixture folders copied into tmp_path before use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audit.workspace import init_workspace

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def ws(tmp_path):
    """A new, empty workspace in tmp_path."""
    workspace = init_workspace(tmp_path / "ws")
    yield workspace
    workspace.close()


@pytest.fixture
def fixture_copy(tmp_path):
    """Copy a file or folder from tests/fixtures into tmp_path and return the copy's path."""

    def copy(relative: str) -> Path:
        source = FIXTURES / relative
        target = tmp_path / "fixtures" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
        return target

    return copy
