"""The demo runs end to end on a fresh folder and again on the same one."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from audit.demo import run_demo


@pytest.mark.slow
def test_demo_twice(tmp_path):
    lines: list[str] = []
    made = run_demo(tmp_path / "demo", n_isps=45, seed=5, echo=lines.append)
    assert "45 row(s): 45 new" in lines[1]
    assert load_workbook(made["isps_xlsx"]).active.max_row == 41
    lines.clear()
    run_demo(tmp_path / "demo", n_isps=45, seed=5, echo=lines.append)
    assert "0 new, 0 updated, 45 unchanged" in lines[1]
