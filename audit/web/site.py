"""Auditing one ISP site in a browser: find the lead form, fill it like a careful person, and (only when
asked) send it once, watching the network and the page."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from playwright.async_api import BrowserContext, Frame, Page
from playwright.async_api import Error as PlaywrightError

from audit.shopper import Shopper
from audit.web import forms
from audit.web.channels import find_channels, find_promise
from audit.web.navigation import unreachable_reason
from audit.web.outcome import Observed, decide
from audit.web.profiles import SiteProfile
from audit.web.store import SiteResult
from audit.workspace import utc_now

DEEP_TEXT_JS = """() => { const t = [document.body ? document.body.innerText : ''];
  const walk = r => r.querySelectorAll('*').forEach(e => { if (e.shadowRoot) {
    t.push(Array.from(e.shadowRoot.children).map(c => c.innerText || '').join('\\n')); walk(e.shadowRoot); } });
  walk(document); return t.join('\\n'); }"""
_ANALYTICS = re.compile(r"mc\.yandex|google-analytics|googletagmanager|/collect\b|metrika|facebook\.com/tr", re.I)
_SKIP_LINK = re.compile(r"\.(pdf|docx?|xlsx?|zip|rar|jpg|png)$", re.I)


@cache
def scan_js() -> str:
    """The page-scan script (read once)."""
    return (Path(__file__).parent / "scan.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Timing:
    """Time limits for one site (seconds)."""

    navigation: float = 15.0
    action: float = 4.0
    settle: float = 4.5
    observe: float = 8.0
    max_triggers: int = 4
    max_pages: int = 2


@dataclass
class Found:
    """The lead form chosen on a site."""

    frame: Frame
    group: dict
    url: str
    via: str


@dataclass
class SiteState:
    """What is known about a site so far; read when the time budget runs out mid-way."""

    stage: str = "opening"
    intent_id: int | None = None
    submitted_at: str | None = None
    form_url: str | None = None
    channels: dict[str, list[str]] = field(default_factory=dict)
    promise: str | None = None


class SiteAudit:
    """One site's audit in its own browser context.

    Args:
        context: a fresh browser context.
        slug: the ISP.
        url: the start address.
        shopper: who leaves the request.
        evidence: the folder for this site's evidence.
        timing: time limits.
        profile: a consultant's steering for this site, if any.
        phone_region: region for numbers found on the site.
    """

    def __init__(self, context: BrowserContext, slug: str, url: str, shopper: Shopper, evidence: Path,
                 timing: Timing, profile: SiteProfile | None = None, phone_region: str = "RU"):
        self.context, self.slug, self.url, self.shopper = context, slug, url, shopper
        self.evidence, self.timing, self.profile, self.region = evidence, timing, profile, phone_region
        self.state = SiteState()
        self.page: Page | None = None
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[dict] = []
        self._watching = False
        self._cookies_done = False
        self._tried: list[str] = []
        self._typed: list[tuple[Frame, str]] = []  # fields holding the shopper's details, masked in copies

    # --- browser events -------------------------------------------------------------------------
    def _attach(self, page: Page) -> None:
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda err: self.page_errors.append(str(err).splitlines()[0][:200]))
        page.on("popup", self._on_popup)
        self.context.on("request", self._on_request)
        self.context.on("requestfinished", self._on_finished)
        self.context.on("requestfailed", self._on_failed)

    async def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        try:
            if dialog.type in ("alert", "beforeunload"):
                await dialog.accept()
            else:
                await dialog.dismiss()
        except PlaywrightError:
            pass

    async def _on_popup(self, popup: Page) -> None:
        try:
            await popup.close()
        except PlaywrightError:
            pass

    def _on_request(self, request) -> None:
        if not self._watching or _ANALYTICS.search(request.url):
            return
        method, kind = request.method, request.resource_type
        has_query = bool(urlsplit(request.url).query)
        if method in ("GET", "HEAD", "OPTIONS") and not (has_query and kind in ("xhr", "fetch", "document")):
            return
        if request.redirected_from is not None:
            return
        self.requests.append({"url": request.url, "method": method, "kind": kind, "seen_at": utc_now(),
                              "started_at": None, "fields": _fields(request), "status": None, "body": "",
                              "_req": request})

    async def _on_finished(self, request) -> None:
        entry = next((r for r in self.requests if r["_req"] is request), None)
        if entry is None:
            return
        try:
            response = await request.response()
            entry["status"] = response.status if response else None
            started = (request.timing or {}).get("startTime", -1)
            if started and started > 0:  # when the request left the browser (epoch ms)
                entry["started_at"] = _iso_ms(started)
            if response and response.status < 300 and request.resource_type in ("xhr", "fetch"):
                entry["body"] = (await response.text())[:4000]
        except PlaywrightError:
            pass

    def _on_failed(self, request) -> None:
        entry = next((r for r in self.requests if r["_req"] is request), None)
        if entry is not None:
            entry["failure"] = request.failure or "failed"

    # --- steps ----------------------------------------------------------------------------------
    async def run(self, submit: bool, on_intent: Callable[[str], Awaitable[int]] | None,
                  wave: int = 1) -> SiteResult:
        """Open, find, fill and (with ``submit``) send.

        Args:
            submit: send the form; otherwise a dry run.
            on_intent: called with the form's address just before the click; writes and commits the
                intent and returns its id (raises if a request was already sent).
            wave: 1, or a deliberate later wave.
        """
        started = utc_now()
        mode = "submit" if submit else "dry_run"
        result = await self._run(submit, on_intent)
        result.mode, result.wave, result.started_at, result.finished_at = mode, wave, started, utc_now()
        result.channels = result.channels or self.state.channels
        result.promise = result.promise or self.state.promise
        result.evidence_dir = str(self.evidence)
        return result

    async def _run(self, submit: bool, on_intent) -> SiteResult:
        page = await self.context.new_page()
        self.page = page
        page.set_default_timeout(self.timing.action * 1000)
        page.set_default_navigation_timeout(self.timing.navigation * 1000)
        self._attach(page)
        start = (self.profile.start_url if self.profile and self.profile.start_url else self.url)
        try:
            response = await page.goto(start, wait_until="domcontentloaded")
        except PlaywrightError as exc:
            return SiteResult(self.slug, "unreachable", unreachable_reason(str(exc), self.timing.navigation))
        if response is not None and response.status >= 400:
            return SiteResult(self.slug, "unreachable", f"the home page answered HTTP {response.status}")
        await self._settle(page)
        await self._note_channels(page)
        self.state.stage = "finding the form"
        if self.profile:
            problem = await self.profile.run_steps(page)
            if problem:
                return SiteResult(self.slug, "needs_review", f"site profile: {problem}")
        found = await self._find()
        if found is None:
            if await self._page_has_captcha():
                return SiteResult(self.slug, "captcha", "the page is behind a captcha; no form could be reached")
            return SiteResult(self.slug, "no_form", self._no_form_reason())
        self.state.form_url = found.url
        await self._note_channels(page)
        self.state.promise = find_promise(found.group.get("text", "") + "\n" + found.group.get("context", ""),
                                          await self._text())
        if found.group.get("captcha"):
            await self._screenshot(found, "before.png")
            return SiteResult(self.slug, "captcha", f"the lead form ({found.via}) has a captcha; "
                                                    "record a request made by hand with 'ispaudit web manual'",
                              form_url=found.url)
        self.state.stage = "filling the form"
        filled, problem = await self._fill(found)
        await self._screenshot(found, "before.png")
        await self._save_form_html(found)
        if problem:
            return SiteResult(self.slug, "needs_review", f"found the form ({found.via}) but {problem}; "
                              "nothing was sent", form_url=found.url, request={"filled": filled})
        if not submit:
            return SiteResult(self.slug, "ready", f"form found {found.via} and filled; dry run, nothing sent",
                              form_url=found.url, request={"filled": filled})
        return await self._send(found, filled, on_intent)

    async def _settle(self, page: Page) -> None:
        try:
            await page.wait_for_load_state("load", timeout=min(5000, self.timing.navigation * 1000))
        except PlaywrightError:
            pass

    async def _text(self) -> str:
        parts = []
        for frame in self.page.frames:
            try:
                parts.append(await frame.evaluate(DEEP_TEXT_JS))
            except PlaywrightError:
                continue
        return "\n".join(parts)

    async def _note_channels(self, page: Page) -> None:
        try:
            html = "\n".join([await page.content()] + [await f.content() for f in page.frames[1:]])
        except PlaywrightError:
            return
        found = find_channels(html, await self._text(), self.region)
        for kind, values in found.items():
            known = self.state.channels.setdefault(kind, [])
            known.extend(v for v in values if v not in known)

    async def _scan(self) -> list[tuple[Frame, dict]]:
        scans = []
        for frame in list(self.page.frames):
            try:
                extra = sorted(self.profile.form_ids) if self.profile else []
                scans.append((frame, await frame.evaluate(scan_js(), {"extra": extra})))
            except PlaywrightError:
                continue
        return scans

    def _best(self, scans: list[tuple[Frame, dict]]) -> tuple[Frame, dict] | None:
        best, best_score = None, forms.LEAD_THRESHOLD - 1
        for frame, data in scans:
            for group in data["groups"]:
                if not group["visible"] or (self.profile and not self.profile.accepts_group(group)):
                    continue
                if self.profile and self.profile.form:
                    return frame, group  # the consultant named this form
                verdict = forms.judge_group(group)
                if verdict.kind == "lead" and verdict.score > best_score:
                    best, best_score = (frame, group), verdict.score
        return best

    def _found(self, hit: tuple[Frame, dict], via: str) -> Found:
        frame, group = hit
        if frame != self.page.main_frame:
            via += f" (inside a frame from {urlsplit(frame.url).netloc})"
        return Found(frame, group, self.page.url, via)

    async def _find(self) -> Found | None:
        began = time.monotonic()
        while True:
            scans = await self._scan()
            await self._accept_cookies(scans)
            hit = self._best(scans)
            if hit:
                return self._found(hit, "on the page")
            elapsed = time.monotonic() - began
            triggers = self._triggers(scans)
            if elapsed >= self.timing.settle or (elapsed >= 1.5 and triggers and triggers[0][0] >= 10):
                break
            await asyncio.sleep(0.5)
        step = await self._address_step(scans)
        if step:
            return step
        for _ in range(self.timing.max_triggers):
            triggers = [t for t in self._triggers(await self._scan()) if _key(t[2]) not in self._tried]
            if not triggers:
                break
            _, frame, element = triggers[0]
            self._tried.append(_key(element))
            await self._click(frame, element["id"])
            for _ in range(8):
                await asyncio.sleep(0.4)
                hit = self._best(await self._scan())
                if hit:
                    return self._found(hit, f"after clicking '{_label(element)}'")
            await self._escape()
        return await self._other_pages(scans)

    def _triggers(self, scans) -> list[tuple[int, Frame, dict]]:
        ranked = []
        for frame, data in scans:
            for element in data["triggers"]:
                score = forms.judge_trigger(element)
                href = element.get("href") or ""
                elsewhere = href.startswith(("http:", "https:", "//")) and not href.startswith(data["origin"])
                if score > 0 and not elsewhere and not _SKIP_LINK.search(href):
                    ranked.append((score, frame, element))
        ranked.sort(key=lambda t: -t[0])
        return ranked

    async def _address_step(self, scans) -> Found | None:
        for frame, data in scans:
            for group in data["groups"]:
                if group["visible"] and forms.judge_group(group).kind == "address_step":
                    address = next(f for f in group["fields"] if forms.field_role(f) == "address" and f["visible"])
                    await self._set_text(frame, address["id"], self.shopper.address or "ул. Ленина, 1")
                    button = next((i for i, t in zip(group["buttonIds"], group["buttons"], strict=True)
                                   if forms.lx.CHECK_ADDRESS.search(t)), None)
                    if button is None:
                        continue
                    await self._click(frame, button)
                    for _ in range(10):
                        await asyncio.sleep(0.4)
                        hit = self._best(await self._scan())
                        if hit:
                            return self._found(hit, "after an address check")
        return None

    async def _other_pages(self, scans) -> Found | None:
        origin = next((d["origin"] for f, d in scans if f == self.page.main_frame), "")
        links = []
        for frame, data in scans:
            if frame != self.page.main_frame:
                continue
            for element in data["triggers"]:
                href = element.get("href") or ""
                score = forms.judge_link(element, origin)
                if score > 0 and not _SKIP_LINK.search(href) and href not in [h for _, h, _ in links]:
                    links.append((score, href, element))
        links.sort(key=lambda t: -t[0])
        for _, href, element in links[: self.timing.max_pages]:
            self._tried.append(f"page {href}")
            try:
                response = await self.page.goto(href, wait_until="domcontentloaded")
            except PlaywrightError:
                continue
            if response is not None and response.status >= 400:
                continue
            await self._settle(self.page)
            for _ in range(6):
                hit = self._best(await self._scan())
                if hit:
                    return self._found(hit, f"on the page '{_label(element)}' ({urlsplit(href).path})")
                await asyncio.sleep(0.5)
        return None

    def _no_form_reason(self) -> str:
        tried = self._tried
        if not tried:
            return "no lead form on the page and no button or link that opens one"
        return "no lead form found; tried: " + "; ".join(tried[:6])

    async def _page_has_captcha(self) -> bool:
        scans = await self._scan()
        return any(d.get("captcha") for _, d in scans)

    async def _accept_cookies(self, scans) -> None:
        if self._cookies_done:
            return
        for frame, data in scans:
            for button in data.get("cookieButtons", [])[:1]:
                try:
                    await frame.locator(f'[data-ispaudit-id="{button}"]').first.click(timeout=2000)
                    self._cookies_done = True
                    await asyncio.sleep(0.3)
                except PlaywrightError:
                    continue

    async def _click(self, frame: Frame, element_id: str) -> None:
        locator = frame.locator(f'[data-ispaudit-id="{element_id}"]').first
        try:
            await locator.click(timeout=self.timing.action * 1000)
            return
        except PlaywrightError:
            pass
        self._cookies_done = False
        await self._accept_cookies(await self._scan())
        try:
            await locator.click(timeout=2000)
        except PlaywrightError:
            try:
                await locator.dispatch_event("click")
            except PlaywrightError:
                pass

    async def _click_submit(self, frame: Frame, element_id: str) -> None:
        """Click the send button once. A click can fail after it was delivered (Playwright waits for a
        navigation it started), so a retry happens only while nothing has left the page."""
        locator = frame.locator(f'[data-ispaudit-id="{element_id}"]').first
        for attempt in range(3):
            try:
                if attempt < 2:
                    await locator.click(timeout=self.timing.action * 1000, no_wait_after=True)
                else:
                    await locator.dispatch_event("click")
                return
            except PlaywrightError:
                await asyncio.sleep(1.0)
                if self.requests or self.dialogs or self.page.url.split("#")[0] != self.state.form_url.split("#")[0]:
                    return  # the click got through
                if attempt == 0:
                    self._cookies_done = False
                    await self._accept_cookies(await self._scan())

    async def _escape(self) -> None:
        try:
            await self.page.keyboard.press("Escape")
        except PlaywrightError:
            pass

    # --- filling --------------------------------------------------------------------------------
    async def _set_text(self, frame: Frame, element_id: str, value: str) -> str:
        locator = frame.locator(f'[data-ispaudit-id="{element_id}"]').first
        await locator.fill(value)
        got = await locator.input_value()
        if got != value:
            await self._clear(locator)
            await locator.press_sequentially(value, delay=15)
            got = await locator.input_value()
        return got

    async def _clear(self, locator) -> None:
        await locator.click()
        await locator.press("Control+a")
        await locator.press("Backspace")
        value = await locator.input_value()
        if value:
            await locator.press("End")
            for _ in range(len(value) + 1):
                await locator.press("Backspace")
        if await locator.input_value():
            await locator.fill("")

    async def _fill_phone(self, frame: Frame, field: dict) -> str | None:
        shopper = self.shopper
        locator = frame.locator(f'[data-ispaudit-id="{field["id"]}"]').first
        variants = [shopper.national, shopper.phone] if field.get("mask") else [shopper.phone, shopper.national]
        if shopper.trunk:
            variants.append(shopper.trunk + shopper.national)
        for value in variants:
            got = ""
            for _ in range(2):  # a dialog or a script can eat a keystroke: type again before settling
                await self._clear(locator)
                await locator.press_sequentially(value, delay=12)
                await locator.evaluate("e => e.blur()")
                got = await locator.input_value()
                if got == value or (field.get("mask") and forms.phone_took(
                        got, shopper.national, shopper.country_code, shopper.trunk)):
                    return got
            if forms.phone_took(got, shopper.national, shopper.country_code, shopper.trunk):
                return got  # reformatted by the page's own script, still the same number
        return None

    async def _fill(self, found: Found) -> tuple[dict[str, str], str | None]:
        frame, group = found.frame, found.group
        filled: dict[str, str] = {}
        overrides = await self.profile.field_roles(frame) if self.profile else {}
        phone_ok = False
        for field_ in group["fields"]:
            role = overrides.get(field_["id"], forms.field_role(field_))
            if role in ("phone", "name", "email", "address", "comment") or str(role).startswith("="):
                self._typed.append((frame, field_["id"]))
            key = field_["name"] or field_["placeholder"] or field_["id"]
            usable = field_["visible"] and field_["enabled"]
            if role == "consent" and not field_["visible"] and field_.get("labelId"):
                usable = True
            if not usable:
                continue
            try:
                if isinstance(role, str) and role.startswith("="):
                    filled[key] = await self._set_text(frame, field_["id"], role[1:])
                elif role == "phone":
                    if not self.shopper.phone:
                        return filled, "the shopper file has no phone"
                    got = await self._fill_phone(frame, field_)
                    if got is None:
                        return filled, f"the phone field '{key}' did not keep the number (a mask?)"
                    filled[key], phone_ok = got, True
                elif role == "name" and self.shopper.name:
                    filled[key] = await self._set_text(frame, field_["id"], self.shopper.name)
                elif role == "email" and (self.shopper.email or field_["required"]):
                    if not self.shopper.email:
                        return filled, f"the form requires an e-mail ('{key}') and the shopper file has none"
                    filled[key] = await self._set_text(frame, field_["id"], self.shopper.email)
                elif role == "address" and (self.shopper.address or field_["required"]):
                    filled[key] = await self._set_text(frame, field_["id"], self.shopper.address or "ул. Ленина, 1")
                elif role == "comment" and field_["required"]:
                    filled[key] = await self._set_text(frame, field_["id"], self.shopper.comment)
                elif role == "select":
                    option = next((o for o in field_["options"] if o["value"] and not o["disabled"]), None)
                    if option:
                        await frame.locator(f'[data-ispaudit-id="{field_["id"]}"]').first.select_option(option["value"])
                        filled[key] = option["text"]
                elif role == "consent":
                    filled[key] = await self._tick(frame, field_)
                elif role == "other" and field_["required"] and field_["tag"] != "input" or (
                        role == "other" and field_["required"] and field_["type"] in forms.TEXT_TYPES):
                    filled[key] = await self._set_text(frame, field_["id"], self.shopper.comment)
            except PlaywrightError as exc:
                return filled, f"filling '{key}' failed ({str(exc).splitlines()[0][:120]})"
        if not phone_ok:
            return filled, "no phone field could be filled"
        return filled, None

    async def _tick(self, frame: Frame, field_: dict) -> str:
        locator = frame.locator(f'[data-ispaudit-id="{field_["id"]}"]').first
        if await locator.is_checked():
            return "already ticked"
        if field_["visible"]:
            await locator.check()
        elif field_.get("labelId"):
            await frame.locator(f'[data-ispaudit-id="{field_["labelId"]}"]').first.click()
        if not await locator.is_checked():
            await locator.evaluate("e => e.click()")
        return "ticked" if await locator.is_checked() else "could not tick"

    # --- sending --------------------------------------------------------------------------------
    async def _send(self, found: Found, filled: dict[str, str], on_intent) -> SiteResult:
        button = (await self.profile.submit_id(found.frame) if self.profile else None) or forms.pick_submit(found.group)
        self.state.stage = "sending"
        self.state.intent_id = await on_intent(found.url)
        before = set((await self._text()).splitlines())
        url_before = self.page.url
        self._watching = True
        clicked_at = utc_now()
        self.state.submitted_at = clicked_at  # the latest the request can have left if the run stops now
        if button:
            await self._click_submit(found.frame, button)
        else:
            phone = next(f for f in found.group["fields"] if forms.field_role(f) == "phone")
            await found.frame.locator(f'[data-ispaudit-id="{phone["id"]}"]').first.press("Enter")
        self.state.stage = "waiting for the answer"
        await self._observe()
        self._watching = False
        after = await self._text()
        new_text = "\n".join(line for line in after.splitlines() if line.strip() and line not in before)
        seen = Observed([{k: v for k, v in r.items() if k != "_req"} for r in self.requests], new_text,
                        [d.split(": ", 1)[1] for d in self.dialogs if not d.startswith(("confirm", "beforeunload"))],
                        url_before, self.page.url, list(self.page_errors))
        status, reason = decide(seen)
        # The callback clock: the browser's own start time of the first request, else the click (never later)
        starts = [r["started_at"] for r in self.requests if r.get("started_at")]
        self.state.submitted_at = min(starts) if starts else clicked_at
        await self._screenshot(None, "after.png")
        lead = seen.requests[0] if seen.requests else None
        request = ({"method": lead["method"], "url": lead["url"], "fields": lead["fields"], "filled": filled,
                    "clicked_at": clicked_at, "all": [r["url"] for r in seen.requests]} if lead else
                   {"filled": filled, "clicked_at": clicked_at})
        response = {"status": lead["status"], "body": lead["body"][:2000], "new_text": new_text[:2000],
                    "dialogs": self.dialogs, "url_after": self.page.url} if lead else {
                    "new_text": new_text[:2000], "dialogs": self.dialogs, "page_errors": self.page_errors}
        self.evidence.mkdir(parents=True, exist_ok=True)
        (self.evidence / "request.json").write_text(json.dumps(request, ensure_ascii=False, indent=1), "utf-8")
        (self.evidence / "response.json").write_text(json.dumps(response, ensure_ascii=False, indent=1), "utf-8")
        return SiteResult(self.slug, status, f"{reason} (form {found.via})", submitted_at=self.state.submitted_at,
                          form_url=found.url, request=request, response=response, intent_id=self.state.intent_id)

    async def _observe(self) -> None:
        began = time.monotonic()
        quiet_since = None
        while time.monotonic() - began < self.timing.observe:
            await asyncio.sleep(0.25)
            elapsed = time.monotonic() - began
            pending = [r for r in self.requests if r["status"] is None and "failure" not in r]
            if not self.requests and elapsed > 3.0 and not self.dialogs:
                return
            if self.requests and not pending:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 1.0:
                    return
            else:
                quiet_since = None

    # --- evidence -------------------------------------------------------------------------------
    async def _screenshot(self, found: Found | None, name: str) -> None:
        """Keep a screenshot as evidence, and a copy with the shopper's typed values covered (for reports)."""
        self.evidence.mkdir(parents=True, exist_ok=True)
        try:
            if found is not None:
                await found.frame.locator(f'[data-ispaudit-id="{found.group["id"]}"]').first \
                    .scroll_into_view_if_needed(timeout=2000)
            await self.page.screenshot(path=str(self.evidence / name), timeout=10000)
            masks = [frame.locator(f'[data-ispaudit-id="{field_id}"]') for frame, field_id in self._typed]
            await self.page.screenshot(path=str(self.evidence / name.replace(".png", "_masked.png")), timeout=10000,
                                       mask=masks, mask_color="#607d8b")
        except PlaywrightError:
            pass

    async def _save_form_html(self, found: Found) -> None:
        try:
            html = await found.frame.locator(f'[data-ispaudit-id="{found.group["id"]}"]').first.evaluate(
                "e => e.outerHTML")
        except PlaywrightError:
            html = found.group.get("html", "")
        (self.evidence / "form.html").write_text(html, encoding="utf-8")


def _iso_ms(epoch_ms: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch_ms / 1000, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _key(element: dict) -> str:
    return f"'{_label(element)}'"


def _label(element: dict) -> str:
    return (element.get("text") or element.get("aria") or element.get("title") or element.get("href") or "?")[:60]


def _fields(request) -> dict[str, str]:
    """The fields a request carried (form-encoded, JSON or multipart), for evidence."""
    data = request.post_data or ""
    ctype = (request.headers.get("content-type") or "").lower()
    if not data:
        return dict(parse_qsl(urlsplit(request.url).query, keep_blank_values=True))
    if "json" in ctype:
        try:
            parsed = json.loads(data)
            return {str(k): str(v) for k, v in parsed.items()} if isinstance(parsed, dict) else {"_json": data}
        except ValueError:
            return {"_raw": data[:2000]}
    if "multipart" in ctype:
        fields = {}
        for part in data.split("--")[1:]:
            match = re.search(r'name="([^"]+)"\r?\n\r?\n(.*?)\r?\n?$', part, re.S)
            if match:
                fields[match.group(1)] = match.group(2).rstrip("\r\n")
        return fields
    return dict(parse_qsl(data, keep_blank_values=True))
