"""The browser set-up found by the kit really drives a page."""

from __future__ import annotations

import asyncio

import pytest

from audit.web.browser import check_browser, launch_options


@pytest.mark.browser
def test_chromium_runs_a_page():
    assert asyncio.run(check_browser())


def test_launch_options_are_quiet():
    options = launch_options("/usr/bin/chromium")
    assert options["executable_path"] == "/usr/bin/chromium"
    assert "--disable-background-networking" in options["args"]
    assert "executable_path" not in launch_options(None)
