"""The command line through Typer's runner: the commands users run, and their errors."""

from __future__ import annotations

import re

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from audit.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def _commands(group: typer.Typer, prefix=()):
    for info in group.registered_commands:
        yield (*prefix, info.name or info.callback.__name__.replace("_", "-"))
    for sub in group.registered_groups:
        yield from _commands(sub.typer_instance, (*prefix, sub.name))


@pytest.mark.parametrize("command", list(_commands(app)), ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Example: ispaudit " + " ".join(command), result.output), result.output


def test_init_import_sample_export(tmp_path, fixture_copy):
    ws = tmp_path / "ws"
    assert invoke("init", "--workspace", ws).exit_code == 0
    registry = fixture_copy("registry/registry_cp1251_semicolon.csv")
    result = invoke("registry", "import", registry, "--workspace", ws)
    assert result.exit_code == 0, result.output
    assert "3 row(s): 3 new, 0 updated, 0 unchanged" in result.output
    assert "warning:" in result.output
    result = invoke("registry", "sample", "--n", 2, "--by", "region", "--seed", 3, "--campaign", "s1",
                    "--workspace", ws)
    assert result.exit_code == 0 and "drew 2 ISP(s) into 's1' (seed 3)" in result.output
    again = invoke("registry", "sample", "--n", 2, "--campaign", "s1", "--workspace", ws)
    assert again.exit_code == 2 and "already has 2 ISP(s); pass --replace" in again.output
    out = tmp_path / "isps.xlsx"
    result = invoke("export", "isps", "--out", out, "--campaign", "s1", "--workspace", ws)
    assert result.exit_code == 0 and "wrote 2 row(s)" in result.output
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["slug", "name", "website"] and "phones" in header
    csv_out = tmp_path / "isps.csv"
    assert invoke("export", "isps", "--format", "csv", "--out", csv_out, "--workspace", ws).exit_code == 0
    assert "+73452505050; +79120001122" in csv_out.read_text(encoding="utf-8-sig")


def test_workspace_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ISPAUDIT_WORKSPACE", str(tmp_path / "envws"))
    assert invoke("init").exit_code == 0
    assert (tmp_path / "envws" / "audit.sqlite").exists()
    assert invoke("campaign", "create", "p1", "--kind", "prospect").exit_code == 0
    assert "p1\tprospect\t0 ISP(s)" in invoke("campaign", "list").output


def test_bad_registry_exits_2_with_pointed_message(tmp_path):
    ws = tmp_path / "ws"
    invoke("init", "--workspace", ws)
    bad = tmp_path / "bad.csv"
    bad.write_text("slug,name,website\nok,Ok,ok.ru\nx,X,http://a.ruhttp://b.ru\n", encoding="utf-8")
    result = invoke("registry", "import", bad, "--workspace", ws)
    assert result.exit_code == 2
    assert f"{bad}, row 3, column 'website': two addresses are glued together" in result.output
    assert "Nothing was imported." in result.output
    assert "Traceback" not in result.output


def test_command_without_workspace_says_how_to_make_one(tmp_path):
    result = invoke("campaign", "list", "--workspace", tmp_path / "missing")
    assert result.exit_code == 2
    assert "create one with 'ispaudit init --workspace" in result.output


def test_add_unknown_isp_to_campaign(tmp_path):
    ws = tmp_path / "ws"
    invoke("init", "--workspace", ws)
    invoke("campaign", "create", "p", "--kind", "prospect", "--workspace", ws)
    result = invoke("campaign", "add", "p", "--isp", "ghost", "--workspace", ws)
    assert result.exit_code == 2 and "not in the registry: ghost" in result.output
