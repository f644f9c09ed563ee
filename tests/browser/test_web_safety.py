"""Once, ever: a crash between click and record never leads to a second request; profiles steer sites."""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from audit.campaigns import create_campaign
from audit.errors import InputError
from audit.registry.store import import_registry
from audit.sim.siteserver import SiteFarm, corpus, load_site
from audit.web.profiles import load_profile
from audit.web.run import run_web_audit
from audit.web.store import submissions_frame
from tests.browser.conftest import FAST, SHOPPER

ROOT = Path(__file__).resolve().parents[2]


def _registry(ws, tmp_path, sites):
    path = tmp_path / "reg.csv"
    path.write_text("slug,name,website\n" + "".join(f"{s.name.replace('_', '-')},{s.name},{s.url}\n" for s in sites),
                    encoding="utf-8")
    import_registry(ws, path)
    create_campaign(ws, "web", "sector")


@pytest.mark.browser
def test_killed_between_click_and_record_is_never_sent_again(ws, tmp_path):
    with SiteFarm(corpus(["inline_cf7"])) as farm:
        _registry(ws, tmp_path, [farm.sites["inline_cf7"]])
        child = textwrap.dedent(f"""
            import asyncio, os, signal
            import audit.web.store as store
            from audit.workspace import open_workspace
            from audit.web.run import run_web_audit
            from tests.browser.conftest import FAST, SHOPPER
            def die(*args, **kwargs):
                os.kill(os.getpid(), signal.SIGKILL)  # the machine dies right after the click
            store.record_result = die
            ws = open_workspace({str(ws.root)!r})
            asyncio.run(run_web_audit(ws, "web", SHOPPER, slugs=["inline-cf7"], submit=True, timing=FAST,
                                      progress=False))
        """)
        done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True, timeout=120)
        assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
        assert len(farm.received("inline_cf7")) == 1
        assert ws.db.execute("SELECT COUNT(*) FROM submit_intents").fetchone()[0] == 1
        assert ws.db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 0

        again = asyncio.run(run_web_audit(ws, "web", SHOPPER, slugs=["inline-cf7"], submit=True, timing=FAST,
                                          progress=False))
        assert again.recovered == ["inline-cf7"] and again.skipped == ["inline-cf7"] and again.results == []
        assert len(farm.received("inline_cf7")) == 1
        row = submissions_frame(ws).iloc[0]
        assert row["status"] == "needs_review" and "stopped between the click and recording" in row["reason"]


@pytest.mark.browser
def test_site_profile_steers_a_site_the_heuristics_miss(ws, tmp_path, fixture_copy):
    site = load_site(fixture_copy("sites/profile_needed"))
    with SiteFarm([site]) as farm:
        _registry(ws, tmp_path, [site])
        first = asyncio.run(run_web_audit(ws, "web", SHOPPER, slugs=["profile-needed"], submit=True, timing=FAST,
                                          progress=False))
        assert first.results[0].status == "no_form" and farm.received("profile_needed") == []
        (ws.root / "profiles").mkdir()
        shutil.copy(fixture_copy("profiles/profile-needed.yaml"), ws.root / "profiles" / "profile-needed.yaml")
        steered = asyncio.run(run_web_audit(ws, "web", SHOPPER, slugs=["profile-needed"], submit=True,
                                            timing=FAST, progress=False))
        assert steered.results[0].status == "submitted", steered.results[0].reason
        assert [(r.path, r.fields) for r in farm.received("profile_needed")] == [
            ("/q", {"a1": "Анна Петрова", "a2": "+79120001122"})]


def test_bad_profile_names_file_and_key(tmp_path):
    (tmp_path / "x.yaml").write_text("steps:\n  - jump: high\nfields: {'#a': telephone}\ncolour: red\n",
                                     encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_profile(tmp_path, "x")
    text = str(err.value)
    assert f"{tmp_path / 'x.yaml'}, column 'colour': unknown key" in text
    assert "column 'steps[1]': each step is one of click" in text
    assert "column 'fields.#a': 'telephone' is not a role" in text
