"""Docs cannot drift: README commands exist, and environment.yml matches pyproject.toml."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import typer
import yaml
from typer.testing import CliRunner

from audit.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[list[str]]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line]


def test_readme_ispaudit_commands_exist():
    commands = [c for c in _readme_commands() if c[0] == "ispaudit"]
    assert len(commands) >= 5
    for words in commands:
        command, path = typer.main.get_command(app), []
        for word in words[1:]:
            if word not in getattr(command, "commands", {}):
                break
            command, path = command.commands[word], [*path, word]
        assert path and not hasattr(command, "commands"), f"README shows '{' '.join(words)}'"
        result = CliRunner().invoke(app, [*words[1:], "--help"])
        assert result.exit_code == 0, f"README shows '{' '.join(words)}': {result.output}"


def test_readme_scripts_exist_and_ci_runs_the_test_command():
    scripts = [c[0] for c in _readme_commands() if c[0].startswith(("./", ".venv/"))]
    assert "./scripts/demo.sh" in scripts and "./scripts/test.sh" in scripts
    for script in scripts:
        assert (ROOT / script.removeprefix("./").split()[0]).exists() or script.startswith(".venv/")
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == wanted
    pinned = {(_name(r), r.strip()) for r in project["dependencies"]}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and _name(dep) in {n for n, _ in pinned}:
            assert (_name(dep), dep) in pinned, f"version differs for {dep}"
