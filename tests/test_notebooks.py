"""Notebooks are functions with signatures: every parameter typed and described; outputs stripped."""

from __future__ import annotations

import json
from pathlib import Path

import papermill
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_are_typed_and_described(path):
    params = papermill.inspect_notebook(str(path))
    assert params, f"{path.name} has no cell tagged 'parameters'"
    for name, info in params.items():
        assert info["inferred_type_name"] not in ("None", None), f"{path.name}: {name} has no type"
        assert info["help"], f"{path.name}: {name} has no trailing comment"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert not any(c.get("outputs") or c.get("execution_count") for c in cells if c["cell_type"] == "code")
