"""The web audit through the CLI and through its notebook (papermill), against local sites."""

from __future__ import annotations

import papermill
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from audit.cli import app
from tests.test_notebooks import NOTEBOOKS

SHOPPER_YAML = "name: Анна Петрова\nphone: +7 912 000-11-22\nemail: anna.petrova@example.com\n"


@pytest.mark.browser
def test_cli_web_run_then_export_submissions(corpus_ws, farm, tmp_path):
    shopper = tmp_path / "shopper.yaml"
    shopper.write_text(SHOPPER_YAML, encoding="utf-8")
    args = ["web", "run", "--workspace", str(corpus_ws.root), "--campaign", "web", "--shopper", str(shopper),
            "--isp", "inline-cf7", "--isp", "no-form", "--submit", "--budget", "40"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "inline-cf7\tsubmitted" in result.output and "no-form\tno_form" in result.output
    again = CliRunner().invoke(app, args, catch_exceptions=False)
    assert "inline-cf7: already sent in this campaign; skipped" in again.output
    assert len(farm.received("inline_cf7")) == 1
    out = tmp_path / "submissions.xlsx"
    exported = CliRunner().invoke(app, ["export", "submissions", "--workspace", str(corpus_ws.root),
                                        "--campaign", "web", "--out", str(out)], catch_exceptions=False)
    assert exported.exit_code == 0, exported.output
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    header = rows[0]
    for column in ("isp_slug", "status", "submitted_at", "reason", "form_url", "promise", "channels"):
        assert column in header
    by_slug = {r[header.index("isp_slug")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    cf7 = by_slug["inline-cf7"]
    assert cf7["promise"] == "Перезвоним в течение 15 минут с 8:00 до 19:30"
    assert "+7912*****22" in cf7["request_fields"] and "Анна" not in cf7["request_fields"]
    assert "telegram: https://t.me/orion_support" in by_slug["no-form"]["channels"]


def test_bad_shopper_file_is_named(tmp_path, ws):
    from audit.campaigns import create_campaign

    create_campaign(ws, "web", "sector")
    shopper = tmp_path / "shopper.yaml"
    shopper.write_text("name: Анна\nphone: 12345\nnick: x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["web", "run", "--workspace", str(ws.root), "--campaign", "web",
                                      "--shopper", str(shopper)])
    assert result.exit_code == 2
    assert f"{shopper}, column 'nick': unknown key" in result.output
    assert f"{shopper}, column 'phone': '12345' is not a valid phone number" in result.output


@pytest.mark.browser
@pytest.mark.notebook
def test_web_audit_notebook_runs(corpus_ws, farm, tmp_path):
    shopper = tmp_path / "shopper.yaml"
    shopper.write_text(SHOPPER_YAML, encoding="utf-8")
    notebook = next(p for p in NOTEBOOKS if p.name == "web_audit.ipynb")
    out = tmp_path / "web_audit.out.ipynb"
    papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", progress_bar=False, parameters={
        "workspace": str(corpus_ws.root), "campaign": "web", "shopper_file": str(shopper),
        "isps": ["inline-cf7", "captcha"], "submit": False})
    text = out.read_text(encoding="utf-8")
    assert "image/png" in text and "inline-cf7" in text and "captcha" in text
    assert farm.received("inline_cf7") == []


@pytest.mark.notebook
def test_callbacks_notebook_runs(ws, tmp_path, fixture_copy):
    from tests.callbacks.test_callbacks_cli import _setup, invoke

    _setup(ws, tmp_path)
    invoke("callbacks", "import", fixture_copy("calllogs/asterisk_16_columns.csv"), "--format", "asterisk",
           "--shopper-number", "89120001122", "--tz", "Asia/Yekaterinburg", "-w", ws.root)
    notebook = next(p for p in NOTEBOOKS if p.name == "callbacks.ipynb")
    out = tmp_path / "callbacks.out.ipynb"
    papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", progress_bar=False, parameters={
        "workspace": str(ws.root), "campaign": "c", "as_of": "2026-12-31 00:00:00"})
    text = out.read_text(encoding="utf-8")
    assert "image/png" in text and "called back 100%" in text and "linkom" in text
