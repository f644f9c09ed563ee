"""Finding and launching Chromium for Playwright: its own build where installed, else the system's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from audit import config
from audit.errors import AuditError

SYSTEM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                     "/usr/bin/google-chrome-stable")
LAUNCH_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", "--disable-quic", "--disable-gpu"]


def playwright_chromium() -> str | None:
    """The path of Playwright's own Chromium if ``playwright install chromium`` has put it there."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return None
    return path if path and Path(path).exists() else None


def chromium_path() -> str | None:
    """The Chromium to use: ``$ISPAUDIT_CHROMIUM``, else None for Playwright's own, else a system one.

    Returns:
        An executable path, or None when Playwright's own build is installed (Playwright finds it).

    Raises:
        AuditError: no Chromium is available at all; the message says how to install one.
    """
    given = os.environ.get(config.CHROMIUM_ENV)
    if given:
        if not Path(given).exists():
            raise AuditError(f"${config.CHROMIUM_ENV} is {given}, which does not exist")
        return given
    if playwright_chromium():
        return None
    for candidate in SYSTEM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    raise AuditError("no Chromium found: run 'scripts/setup.sh' (it runs 'playwright install chromium', "
                     "or installs the OS package 'chromium'), or set $ISPAUDIT_CHROMIUM to a Chrome binary")


def launch_options(executable: str | None = None) -> dict:
    """Keyword arguments for ``playwright.chromium.launch``: headless, quiet, sandbox off as root.

    Args:
        executable: the path from :func:`chromium_path` (None: Playwright's own).
    """
    args = list(LAUNCH_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(0, "--no-sandbox")
    options: dict = {"headless": True, "args": args}
    if executable:
        options["executable_path"] = executable
    return options


async def check_browser() -> str:
    """Launch the browser once against an inline page; return its version (used by set-up)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options(chromium_path()))
        try:
            page = await browser.new_page()
            await page.set_content("<button onclick=\"this.textContent='ok'\">go</button>")
            await page.click("button")
            if await page.text_content("button") != "ok":
                raise AuditError("the browser started but did not run the page's script")
            return browser.version
        finally:
            await browser.close()


if __name__ == "__main__":
    import asyncio

    print(f"browser ok: Chromium {asyncio.run(check_browser())} ({chromium_path() or 'Playwright build'})")
