"""Site profiles: a consultant's steering for a site the heuristics get wrong (YAML in the workspace,
``profiles/<slug>.yaml``)::

    start_url: https://isp.ru/podklyuchenie/   # where to start instead of the registry's website
    steps:                                     # done in order after the page loads
      - click: "text=Хочу быстрее!"
      - fill: {"#street": "ул. Ленина, 1"}
      - wait: 1.5
    form: "#order-form"                        # the lead form's container (CSS)
    fields: {"#tel2": phone, "#promo": "=нет"}  # selector → role, or "=" and a literal value
    submit: "#order-send"                      # the button that sends the form
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page

from audit.errors import InputError, Problem

_TAG_FIRST = """sel => { const e = document.querySelector(sel); if (!e) return null;
  if (!e.getAttribute('data-ispaudit-id'))
    e.setAttribute('data-ispaudit-id', 'p' + Math.random().toString(36).slice(2, 9));
  return e.getAttribute('data-ispaudit-id'); }"""
_KEYS = {"start_url", "steps", "form", "fields", "submit", "note"}
_ROLES = {"phone", "name", "email", "address", "comment", "consent", "select", "skip"}


@dataclass
class SiteProfile:
    """A parsed site profile."""

    file: str
    start_url: str | None = None
    steps: list[dict] = field(default_factory=list)
    form: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    submit: str | None = None
    form_ids: set[str] = field(default_factory=set)

    async def run_steps(self, page: Page) -> str | None:
        """Do the profile's steps; return a problem's description, or None."""
        for number, step in enumerate(self.steps, start=1):
            try:
                if "click" in step:
                    await page.locator(step["click"]).first.click(timeout=5000)
                elif "fill" in step:
                    for selector, value in step["fill"].items():
                        await page.locator(selector).first.fill(str(value), timeout=5000)
                elif "wait" in step:
                    await asyncio.sleep(float(step["wait"]))
                elif "press" in step:
                    await page.keyboard.press(step["press"])
            except PlaywrightError as exc:
                return f"step {number} ({step}) failed: {str(exc).splitlines()[0][:120]}"
        if self.form:
            for frame in page.frames:
                try:
                    ids = await frame.evaluate(
                        """sel => Array.from(document.querySelectorAll(sel)).map(e => {
                             if (!e.getAttribute('data-ispaudit-id')) e.setAttribute('data-ispaudit-id',
                               'p' + Math.random().toString(36).slice(2, 9));
                             return e.getAttribute('data-ispaudit-id'); })""", self.form)
                except PlaywrightError:
                    continue
                self.form_ids.update(ids)
            if not self.form_ids:
                return f"the form selector '{self.form}' matches nothing"
        return None

    def accepts_group(self, group: dict) -> bool:
        """Whether a scanned group may be the lead form under this profile."""
        return not self.form or group["id"] in self.form_ids

    async def submit_id(self, frame: Frame) -> str | None:
        """The element id of the profile's submit button in this frame, if it names one."""
        if not self.submit:
            return None
        try:
            return await frame.evaluate(_TAG_FIRST, self.submit)
        except PlaywrightError:
            return None

    async def field_roles(self, frame: Frame) -> dict[str, str]:
        """Element id → role (or ``=literal``) for the profile's field selectors in this frame."""
        roles = {}
        for selector, role in self.fields.items():
            try:
                ids = await frame.evaluate(
                    "sel => Array.from(document.querySelectorAll(sel)).map(e => e.getAttribute('data-ispaudit-id'))",
                    selector)
            except PlaywrightError:
                continue
            roles.update({i: role for i in ids if i})
        return roles


def load_profile(folder: Path, slug: str) -> SiteProfile | None:
    """The profile for an ISP from ``<workspace>/profiles/<slug>.yaml``, or None.

    Raises:
        InputError: the file is not valid (names the file and the key).
    """
    path = folder / f"{slug}.yaml"
    if not path.exists():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError([Problem(str(path), None, None, f"not valid YAML: {exc}")]) from exc
    problems = [Problem(str(path), None, key, f"unknown key; use: {', '.join(sorted(_KEYS))}")
                for key in data if key not in _KEYS]
    for number, step in enumerate(data.get("steps") or [], start=1):
        if not isinstance(step, dict) or not ({"click", "fill", "wait", "press"} & set(step)):
            problems.append(Problem(str(path), None, f"steps[{number}]",
                                    "each step is one of click: SELECTOR, fill: {SELECTOR: VALUE}, wait: SECONDS, "
                                    "press: KEY"))
    for selector, role in (data.get("fields") or {}).items():
        if not (str(role).startswith("=") or role in _ROLES):
            problems.append(Problem(str(path), None, f"fields.{selector}",
                                    f"'{role}' is not a role; use {', '.join(sorted(_ROLES))} or '=text'"))
    if problems:
        raise InputError(problems)
    return SiteProfile(str(path), data.get("start_url"), list(data.get("steps") or []), data.get("form"),
                       {str(k): str(v) for k, v in (data.get("fields") or {}).items()}, data.get("submit"))
