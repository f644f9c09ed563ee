"""The demo runs end to end on a fresh folder and again on the same one, sending nothing twice."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from audit.demo import run_demo


@pytest.mark.slow
@pytest.mark.browser
def test_demo_twice(tmp_path):
    lines: list[str] = []
    made = run_demo(tmp_path / "demo", n_isps=12, seed=5, echo=lines.append, progress=False)
    assert "12 row(s): 12 new" in lines[1]
    assert load_workbook(made["isps_xlsx"]).active.max_row == 13
    assert made["chart"].stat().st_size > 5000
    statuses = [r[4] for r in load_workbook(made["submissions_xlsx"]).active.iter_rows(min_row=2, values_only=True)]
    assert len(statuses) == 12 and statuses.count("submitted") >= 8
    sent_first = next(line for line in lines if "received" in line)
    lines.clear()
    run_demo(tmp_path / "demo", n_isps=12, seed=5, echo=lines.append, progress=False)
    assert any("12 unchanged" in line for line in lines) or any("updated" in line for line in lines)
    assert "already sent earlier, skipped" in next(line for line in lines if line.startswith("4."))
    assert int(sent_first.split("received ")[1].split()[0]) >= 8
    index = made["index"].read_text(encoding="utf-8")
    assert 'href="sector.html"' in index and index.count('href="isp/') >= 12 and 'href="self/' in index
    for name in ("callbacks_xlsx", "buckets_png", "curve_png", "master_csv", "self_assessment_png"):
        assert made[name].stat().st_size > 0, name
    header = [c.value for c in load_workbook(made["callbacks_xlsx"]).active[1]]
    for column in ("isp_slug", "submitted_at", "first_call_at", "delay_s", "working_delay_s", "outcome",
                   "matched_by"):
        assert column in header
    assert "received 0 request(s)" in next(line for line in lines if "received" in line)
