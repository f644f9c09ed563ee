"""Reports: figures match known inputs exactly; the runner renders on warm kernels, isolates failures and
skips unchanged inputs; the CLI writes HTML without code, PNGs, XLSX and an index that escapes ISP text."""

from __future__ import annotations

import os
from datetime import datetime

import nbformat
import pandas as pd
import pytest
from typer.testing import CliRunner

from audit.cli import app
from audit.money import MoneyParams
from audit.reports.figures import hbr_groups, isp_gaps, money_at_stake, outcome_shares, top_changes
from audit.reports.runner import Job, run_jobs

T = lambda s: pd.Timestamp(s, tz="UTC")  # noqa: E731


def test_churn_shares_of_a_known_sample():
    calls = pd.DataFrame({"scenario": "churn",
                          "churn_answer": ["stop_paying"] * 81 + ["office_or_scan"] * 36 + ["retention_attempt"] * 11})
    table = outcome_shares(calls, "churn_answer")
    assert [round(100 * v, 1) for v in table["share"][:3]] == [63.3, 28.1, 8.6]
    assert table["seed_study"].tolist()[:3] == [0.63, 0.28, 0.09]


def test_known_delays_give_known_groups_buckets_and_median():
    delays = [60, 600, 3000, 7200, 50000, 100000, None, None, None, None]  # seconds; None = never
    table = pd.DataFrame({"outcome": ["called_back" if d else "no_callback" for d in delays],
                          "delay_s": delays,
                          "observed_s": [d if d else 30 * 86400 for d in delays],
                          "bucket": ["≤ 5 min", "5–15 min", "15–60 min", "1–4 h", "4–24 h", "> 24 h"] + ["never"] * 4})
    groups = hbr_groups(table).set_index("group")["count"].to_dict()
    assert groups == {"within 1 h": 3, "1–24 h": 2, "later": 1, "never": 4}
    from audit.callbacks.summary import summarise

    figures = summarise(table)
    assert figures["buckets"].tolist() == [1, 1, 1, 1, 1, 1, 4, 0]
    assert figures["called"][0] == 0.6
    assert figures["median_min"][0] == pytest.approx(50000 / 60)  # S drops to 0.5 at the 5th of 10 delays


def test_callback_loss_decays_with_delay():
    from audit.money import callback_gap

    p = MoneyParams()
    assert callback_gap(4 * 60, p) == 0 and callback_gap(35 * 60, p) == pytest.approx(0.5)
    assert callback_gap(65 * 60, p) == pytest.approx(0.75) and callback_gap(None, p) == 1


def test_money_and_changes_from_measured_gaps():
    data = type("D", (), {})()
    data.callbacks = pd.DataFrame([{"isp_slug": "a", "outcome": "no_callback", "delay_s": None}])
    data.calls = pd.DataFrame([{"isp_slug": "a", "scenario": "churn", "churn_answer": "stop_paying"},
                               {"isp_slug": "a", "scenario": "tariff", "recommendation": "one_tariff"}])
    gaps = isp_gaps(data, "a")
    assert gaps == {"callback_speed": 1.0, "retention": 1.0, "tariff_recommendation": 0.0}
    money = money_at_stake(gaps, MoneyParams(subscribers=10000, arpu=500))
    assert money.iloc[0]["driver"] == "retention" and money.iloc[0]["high"] == pytest.approx(10000 * 0.02 * 0.25 * 500)
    changes = top_changes(money, "ru")
    assert len(changes) == 2 and changes[0].startswith("На «как расторгнуть?» спрашивать причину")


def _tiny_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('value: int = 1  # a number\nout_dir: str = ""  # output folder')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("assert value != 13, 'unlucky'\nprint('value', value * 2)")]
    nbformat.write(nb, path)
    return path


@pytest.mark.notebook
def test_runner_isolates_failures_and_skips_unchanged(tmp_path):
    notebook = _tiny_notebook(tmp_path / "tiny.ipynb")
    jobs = [Job(f"isp/n{v}", f"n{v}", "isp", notebook, {"value": v}) for v in (1, 13, 3)]
    cwd = os.getcwd()
    first = {o.job.name: o for o in run_jobs(jobs, tmp_path / "out", "d1", workers=2, progress=False)}
    assert os.getcwd() == cwd  # rendering never moves the process (threads share it)
    assert [first[n].status for n in ("isp/n1", "isp/n13", "isp/n3")] == ["rendered", "failed", "rendered"]
    assert "unlucky" in first["isp/n13"].error
    page = (tmp_path / "out" / "isp" / "n3.html").read_text(encoding="utf-8")
    assert "value 6" in page and "assert value" not in page  # outputs without code
    again = {o.job.name: o.status for o in run_jobs(jobs, tmp_path / "out", "d1", workers=2, progress=False)}
    assert again == {"isp/n1": "cached", "isp/n13": "failed", "isp/n3": "cached"}
    changed = {o.job.name: o.status for o in run_jobs(jobs[:1], tmp_path / "out", "d2", progress=False)}
    assert changed == {"isp/n1": "rendered"}


@pytest.mark.notebook
@pytest.mark.slow
def test_report_cli_sector_isp_self(ws, tmp_path, fixture_copy):
    from tests.callbacks.test_callbacks_cli import _setup, invoke

    _setup(ws, tmp_path)
    ws.db.execute("UPDATE isps SET name = '<script>alert(1)</script>Линк' WHERE slug = 'linkom'")
    invoke("campaign", "add", "c", "--isp", "linkom", "--isp", "teleset", "-w", ws.root)
    invoke("callbacks", "import", fixture_copy("calllogs/asterisk_16_columns.csv"), "--format", "asterisk",
           "--shopper-number", "89120001122", "--tz", "Asia/Yekaterinburg", "-w", ws.root)
    from audit.calls.service import log_call

    log_call(ws, "churn", "linkom", "Анна", {"call_started": datetime(2026, 11, 21, 10, 0), "time_to_answer_s": 20,
             "ivr_depth": 0, "operator_reached": "yes", "greeting_brand": "yes", "greeting_name": "no",
             "call_length_s": 90, "politeness": 4, "competence": 3, "churn_answer": "stop_paying",
             "reason_asked": "no"}, "Europe/Moscow")
    out = tmp_path / "reports"
    runner = CliRunner()
    for kind in ("sector", "isp"):
        result = runner.invoke(app, ["report", kind, "--campaign", "c", "--out", str(out), "--as-of",
                                     "2026-12-31 00:00:00", "-w", str(ws.root)], catch_exceptions=False)
        assert result.exit_code == 0 and "0 failed" in result.output, result.output
    run = out / "c" / "latest"
    index = (run / "index.html").read_text(encoding="utf-8")
    assert 'href="sector.html"' in index and 'href="isp/linkom.html"' in index
    assert "<script>alert(1)</script>" not in index and "&lt;script&gt;" in index
    report = (run / "isp" / "linkom.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in report and "13 мин" in report and "image/png" in report
    assert (run / "sector" / "1_callback.png").exists() and (run / "sector" / "4_churn.png").exists()
    assert (run / "sector" / "data.xlsx").exists() and (run / "isp" / "linkom" / "data.xlsx").exists()
    again = runner.invoke(app, ["report", "isp", "--campaign", "c", "--out", str(out), "--as-of",
                                "2026-12-31 00:00:00", "-w", str(ws.root)])
    assert "0 rendered, 2 unchanged" in again.output
