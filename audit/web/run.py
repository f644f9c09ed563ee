"""Running the web audit over many ISPs: one browser, a context per site, N sites at a time, one site at
a time per host, a time budget per site, and at most one request per ISP per campaign and wave."""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

from audit.campaigns import Campaign, campaign_slugs, get_campaign
from audit.errors import AuditError
from audit.shopper import Shopper
from audit.web import store
from audit.web.browser import chromium_path, launch_options
from audit.web.profiles import load_profile
from audit.web.site import SiteAudit, Timing
from audit.web.store import AlreadySent, SiteResult
from audit.workspace import Workspace, utc_now


@dataclass(frozen=True)
class Plan:
    """One ISP to audit in this run."""

    slug: str
    url: str
    wave: int


@dataclass
class RunSummary:
    """What a run did."""

    results: list[SiteResult]
    skipped: list[str]
    recovered: list[str]

    def counts(self) -> dict[str, int]:
        """Status → how many ISPs."""
        out: dict[str, int] = defaultdict(int)
        for result in self.results:
            out[result.status] += 1
        return dict(out)


def plan_run(ws: Workspace, campaign: Campaign, slugs: list[str] | None, submit: bool,
             resubmit: list[str] | None = None) -> tuple[list[Plan], list[str]]:
    """Which ISPs to visit and in which wave; ISPs already sent to in this campaign are skipped.

    Args:
        ws: the workspace.
        campaign: the campaign.
        slugs: only these ISPs (they join the campaign if not in it); None for the campaign's own.
        submit: a submit run (a dry run skips nobody).
        resubmit: ISPs to send to again, deliberately, as a new wave.

    Returns:
        The plan and the skipped slugs.
    """
    members = campaign_slugs(ws, campaign)
    wanted = list(dict.fromkeys((slugs or members) + list(resubmit or [])))
    if not wanted:
        raise AuditError(f"campaign '{campaign.name}' has no ISPs; add some with 'ispaudit campaign add' or "
                         "'ispaudit registry sample', or pass --isp")
    sites = dict(ws.db.execute("SELECT slug, website FROM isps"))
    unknown = [s for s in wanted if s not in sites]
    if unknown:
        raise AuditError(f"not in the registry: {', '.join(unknown)}")
    plan, skipped = [], []
    for slug in wanted:
        waves = store.sent_waves(ws, campaign.id, slug)
        if slug in (resubmit or []):
            if not submit:
                raise AuditError("--resubmit sends a second request; it needs --submit")
            plan.append(Plan(slug, sites[slug], (max(waves) if waves else 0) + 1))
        elif submit and waves:
            skipped.append(slug)
        else:
            plan.append(Plan(slug, sites[slug], 1))
    return plan, skipped


async def run_web_audit(ws: Workspace, campaign_name: str, shopper: Shopper, *, slugs: list[str] | None = None,
                        submit: bool = False, concurrency: int = 2, trace: bool = False,
                        resubmit: list[str] | None = None, budget_s: float = 90.0, timing: Timing | None = None,
                        progress: bool = True, on_result: Callable[[SiteResult], None] | None = None,
                        phone_region: str = "RU") -> RunSummary:
    """Audit ISPs' sites: find, fill and (with ``submit``) send the lead form, recording everything.

    Args:
        ws: the workspace.
        campaign_name: the campaign.
        shopper: the identity to leave.
        slugs: only these ISPs (added to the campaign); None for all of the campaign's ISPs.
        submit: send the forms; without it nothing is sent (status ``ready``).
        concurrency: how many sites at once (one at a time per host whatever this is).
        trace: keep a Playwright trace per site.
        resubmit: ISPs to send to again as a new, deliberate wave.
        budget_s: the most time one site may take.
        timing: finer time limits.
        progress: show a progress bar.
        on_result: called with each result as it is recorded.
        phone_region: region for phone numbers found on sites.

    Returns:
        The results, skipped ISPs (already sent to) and ISPs whose interrupted send was closed as
        ``needs_review``.
    """
    campaign = get_campaign(ws, campaign_name)
    recovered = store.close_orphan_intents(ws, campaign.id)
    if slugs:
        from audit.campaigns import add_isps

        add_isps(ws, campaign, slugs)
    plan, skipped = plan_run(ws, campaign, slugs, submit, resubmit)
    timing = timing or Timing()
    executable = chromium_path()
    host_locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
    gate = asyncio.Semaphore(max(1, concurrency))
    results: list[SiteResult] = []
    profiles_dir = ws.root / "profiles"
    bar = _progress(progress, len(plan))

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options(executable))
        try:
            async def one(item: Plan) -> None:
                host = urlsplit(item.url).hostname or item.url
                async with gate, host_locks[host]:
                    result = await _audit_one(ws, campaign, browser, item, shopper, submit, trace, budget_s,
                                              timing, profiles_dir, phone_region)
                results.append(result)
                if on_result:
                    on_result(result)
                if bar:
                    bar[0].update(bar[1], advance=1, description=f"{item.slug}: {result.status}")

            if bar:
                bar[0].start()
            await asyncio.gather(*(one(item) for item in plan))
        finally:
            if bar:
                bar[0].stop()
            await browser.close()
    order = {p.slug: i for i, p in enumerate(plan)}
    results.sort(key=lambda r: order.get(r.slug, 0))
    return RunSummary(results, skipped, recovered)


def _progress(enabled: bool, total: int):
    if not enabled or total == 0:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("web audit"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"))
    return bar, bar.add_task("", total=total)


async def _audit_one(ws: Workspace, campaign: Campaign, browser, item: Plan, shopper: Shopper, submit: bool,
                     trace: bool, budget_s: float, timing: Timing, profiles_dir: Path,
                     phone_region: str) -> SiteResult:
    mode = "submit" if submit else "dry_run"
    evidence = ws.evidence_dir / campaign.name / item.slug / (f"wave{item.wave}" if submit else "dry-run")
    evidence.mkdir(parents=True, exist_ok=True)
    started = utc_now()
    try:
        profile = load_profile(profiles_dir, item.slug)
    except AuditError as exc:
        result = SiteResult(item.slug, "needs_review", f"site profile is invalid: {exc}", mode, item.wave)
        store.record_result(ws, campaign.id, result)
        return result
    context = await browser.new_context(accept_downloads=False, locale="ru-RU", viewport={"width": 1280, "height": 900},
                                        ignore_https_errors=False)
    if trace:
        await context.tracing.start(screenshots=True, snapshots=True)
    audit = SiteAudit(context, item.slug, item.url, shopper, evidence, timing, profile, phone_region)

    async def on_intent(form_url: str) -> int:
        return store.record_intent(ws, campaign.id, item.slug, item.wave, "submit", form_url)

    try:
        result = await asyncio.wait_for(audit.run(submit, on_intent, item.wave), timeout=budget_s)
    except AlreadySent as exc:
        result = SiteResult(item.slug, "needs_review", f"not sent: {exc}", mode, item.wave)
    except TimeoutError:
        result = _timed_out(audit, item, mode, budget_s)
    except Exception as exc:  # noqa: BLE001 - one broken site must not stop the run
        state = audit.state
        status = "needs_review" if state.intent_id else "submit_failed" if state.stage == "sending" else "needs_review"
        result = SiteResult(item.slug, status, f"the audit failed while {state.stage}: "
                            f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}",
                            mode, item.wave, form_url=state.form_url, intent_id=state.intent_id,
                            submitted_at=state.submitted_at)
    finally:
        if trace:
            with contextlib.suppress(Exception):
                await context.tracing.stop(path=str(evidence / "trace.zip"))
        with contextlib.suppress(Exception):
            await context.close()
    result.started_at = result.started_at or started
    result.finished_at = result.finished_at or utc_now()
    result.evidence_dir = str(evidence)
    result.channels = result.channels or audit.state.channels
    result.promise = result.promise or audit.state.promise
    store.record_result(ws, campaign.id, result)
    phones = result.channels.get("phones", [])
    if phones:
        store.add_site_numbers(ws, item.slug, phones)
    return result


def _timed_out(audit: SiteAudit, item: Plan, mode: str, budget_s: float) -> SiteResult:
    state = audit.state
    if state.intent_id:
        return SiteResult(item.slug, "needs_review", f"the {budget_s:g} s budget ran out after the click, while "
                          f"{state.stage}; a request may have left", mode, item.wave, form_url=state.form_url,
                          intent_id=state.intent_id, submitted_at=state.submitted_at)
    if state.stage == "opening":
        return SiteResult(item.slug, "unreachable", f"the site did not load within the {budget_s:g} s budget",
                          mode, item.wave)
    return SiteResult(item.slug, "needs_review", f"the {budget_s:g} s budget ran out while {state.stage}; "
                      "nothing was sent", mode, item.wave, form_url=state.form_url)
