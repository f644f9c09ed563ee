"""The one-command demo: a whole audit campaign over a synthetic sector, on this machine only."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from audit.callbacks.service import callbacks_export_frame, decide_review, import_call_log, match_campaign
from audit.callbacks.summary import summarise
from audit.campaigns import campaign_slugs, create_campaign, get_campaign, sample_campaign
from audit.charts import callback_buckets, callback_curve, status_bars
from audit.export import export_table
from audit.registry.store import import_registry
from audit.shopper import load_shopper
from audit.sim.callcentre import requests_from_workspace, simulate, write_android, write_asterisk
from audit.sim.sector import make_sector, write_registry_csv
from audit.sim.sites import sector_sites
from audit.sim.siteserver import SiteFarm
from audit.tabular import write_table
from audit.web.run import run_web_audit
from audit.web.store import submissions_frame
from audit.workspace import init_workspace

SHOPPER_LINE = "89120001122"  # how the shopper's PBX logs her number
PBX_ZONE = "Europe/Moscow"

CAMPAIGN = "demo-sector"
SHOPPER_YAML = """# The mystery shopper's identity (fictional). Phone numbers in reports are masked.
name: Анна Петрова
phone: +7 912 000-11-22
email: anna.petrova@example.com
address: ул. Ленина, д. 10, кв. 5
"""


def run_demo(out: Path, n_isps: int = 48, seed: int = 2026, echo: Callable[[str], None] = print,
             concurrency: int = 4, progress: bool = True) -> dict[str, Path]:
    """Build a synthetic sector, serve its sites on 127.0.0.x, and run the campaign over it.

    Safe to run again on the same folder: the web audit never sends twice to an ISP in the campaign,
    so a second run skips the ISPs already sent to and keeps their results.

    Args:
        out: the folder for the workspace, inputs and outputs.
        n_isps: how many fictional ISPs.
        seed: the random seed.
        echo: where progress lines go.
        concurrency: sites at once in the web audit.
        progress: show progress bars.

    Returns:
        The main files made, by name.
    """
    started = time.monotonic()
    out = Path(out).resolve()
    isps = make_sector(n_isps, seed)
    sites, patterns = sector_sites(isps)
    shopper_file = out / "inputs" / "shopper.yaml"
    shopper_file.parent.mkdir(parents=True, exist_ok=True)
    shopper_file.write_text(SHOPPER_YAML, encoding="utf-8")
    with SiteFarm(sites) as farm:
        websites = {isp.slug: farm.url(isp.slug) for isp in isps}
        registry = write_registry_csv(isps, websites, out / "inputs" / "registry.csv")
        echo(f"1. synthetic sector: {len(isps)} fictional ISPs, sites served on 127.0.0.x -> {registry}")
        with init_workspace(out / "workspace") as ws:
            summary = import_registry(ws, registry)
            echo(f"2. registry imported: {summary.lines()[0]}")
            create_campaign(ws, CAMPAIGN, "sector")
            if not get_campaign(ws, CAMPAIGN) or not ws.db.execute(
                    "SELECT 1 FROM campaign_isps c JOIN campaigns k ON k.id = c.campaign_id WHERE k.name = ?",
                    (CAMPAIGN,)).fetchone():
                drawn = sample_campaign(ws, CAMPAIGN, min(40, len(isps)), ["region", "size"], seed)
                echo(f"3. campaign '{CAMPAIGN}': stratified sample of {len(drawn)} ISPs by region and size")
            else:
                echo(f"3. campaign '{CAMPAIGN}' already has its sample; kept")
            web = asyncio.run(run_web_audit(ws, CAMPAIGN, load_shopper(shopper_file), submit=True,
                                            concurrency=concurrency, progress=progress))
            counts = ", ".join(f"{k} {v}" for k, v in sorted(web.counts().items())) or "nothing new"
            echo(f"4. web audit (--submit): {len(web.results)} sites visited ({counts}); "
                 f"{len(web.skipped)} already sent earlier, skipped")
            exports = out / "exports"
            isps_xlsx, _ = export_table(ws, "isps", exports / "isps.xlsx", campaign=CAMPAIGN)
            subs_xlsx, rows = export_table(ws, "submissions", exports / "submissions.xlsx", campaign=CAMPAIGN)
            table = submissions_frame(ws, get_campaign(ws, CAMPAIGN).id)
            chart = exports / "web_statuses.png"
            status_bars(table["status"].value_counts().to_dict()).savefig(chart)
            echo(f"5. exported: {isps_xlsx}, {subs_xlsx} ({rows} rows), chart {chart}")
            received = sum(len(s.received) for s in farm.sites.values())
            echo(f"   the local ISP sites received {received} request(s) in this run")
            made = _callbacks(ws, out, seed, echo)
            made.update(_scripted_calls(ws, out, seed, echo))
            made.update(_self_assessment(ws, out, seed, echo))
            made.update(_reports(ws, out, echo, progress, made.pop("as_of")))
    echo(f"done in {time.monotonic() - started:.0f} s; workspace: {(out / 'workspace').resolve()}")
    return {"registry": registry, "workspace": out / "workspace", "isps_xlsx": isps_xlsx,
            "submissions_xlsx": subs_xlsx, "chart": chart, "patterns": patterns, **made}


def _scripted_calls(ws, out: Path, seed: int, echo: Callable[[str], None]) -> dict[str, Path]:
    """Field shoppers call every ISP of the sample once per scenario and fill their sheets; import them."""
    from datetime import datetime

    from audit.calls.model import scenario_ids
    from audit.calls.service import import_sheet, plan_sheet
    from audit.sim.scripted import fill_sheet

    sheets = {}
    total = 0
    for index, scenario in enumerate(scenario_ids()):
        path = out / "inputs" / "calls" / f"{scenario}.xlsx"
        if not path.exists():
            plan_sheet(ws, scenario, path, campaign=CAMPAIGN)
            fill_sheet(path, "Анна Петрова", seed + index, datetime(2026, 11, 23, 10, 0))
        counts = import_sheet(ws, path, CAMPAIGN)
        total += counts["added"] + counts["changed"] + counts["same"]
        sheets[f"calls_{scenario}"] = path
    echo(f"8. scripted calls: {len(scenario_ids())} scenario sheets filled by the shopper and imported "
         f"({total} calls) -> {out / 'inputs' / 'calls'}")
    return sheets


def _reports(ws, out: Path, echo: Callable[[str], None], progress: bool, as_of) -> dict[str, Path]:
    """Render the sector report, every ISP's report and the self-assessment report, as of the end of the
    simulated observation window (the simulated calls lie in the future)."""
    from audit.reports.service import render

    counts: dict[str, int] = {}
    index = None
    for kind in ("sector", "isp", "self"):
        outcomes, index = render(ws, kind, CAMPAIGN, root=out / "reports", progress=progress,
                                 as_of=as_of.strftime("%Y-%m-%d %H:%M:%S") if as_of else None)
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
    echo(f"10. reports: {', '.join(f'{v} {k}' for k, v in sorted(counts.items()))} -> open {index.resolve()}")
    return {"index": index}


def _self_assessment(ws, out: Path, seed: int, echo: Callable[[str], None]) -> dict[str, Path]:
    """One ISP of the sample fills the self-assessment; it is scored and charted."""
    from audit.charts import section_scores
    from audit.checklist.model import load_checklist
    from audit.checklist.service import score_file
    from audit.checklist.workbook import write_template
    from audit.sim.selfassessment import fill_like_an_isp

    checklist = load_checklist()
    template = write_template(checklist, out / "inputs" / "self_assessment_template.xlsx", "ru")
    slug = campaign_slugs(ws, get_campaign(ws, CAMPAIGN))[0]
    filled = fill_like_an_isp(checklist, template, out / "inputs" / f"self_assessment_{slug}.xlsx", seed)
    result = score_file(ws, filled, slug)
    titles = {s.id: s.title["ru"] for s in checklist.sections}
    chart = out / "exports" / f"self_assessment_{slug}.png"
    section_scores(result.sections, titles).savefig(chart)
    top = result.gaps.iloc[0] if not result.gaps.empty else None
    echo(f"9. self-assessment: {slug} filled {template.name}; scored {result.overall:.0f}%"
         + (f"; first gap: {top['item_id']} ({top['money_low']:,.0f}-{top['money_high']:,.0f} RUB/month)"
            if top is not None else "") + f" -> {chart}")
    return {"self_assessment_png": chart, "self_assessment_xlsx": filled}


def _callbacks(ws, out: Path, seed: int, echo: Callable[[str], None]) -> dict[str, Path]:
    """Simulate the ISPs' call centre, import the shopper's PBX log, match and time the callbacks."""
    requests = requests_from_workspace(ws, CAMPAIGN)
    calls = simulate(requests, seed)
    logs = out / "inputs" / "calllogs"
    master = write_asterisk(calls, logs / "Master.csv", SHOPPER_LINE, PBX_ZONE, noise=200, seed=seed)
    write_android(calls, logs / "calls.xml")
    report = import_call_log(ws, master, "asterisk", SHOPPER_LINE, PBX_ZONE)
    echo(f"6. simulated call centre: {len(calls)} call(s) over the next weeks -> {master}; imported: "
         f"{report.legs_added} new leg(s)")
    as_of = max((r.submitted_at for r in requests), default=None)
    as_of = as_of + timedelta(days=get_campaign(ws, CAMPAIGN).observation_days) if as_of else None
    _, matching = match_campaign(ws, CAMPAIGN, now=as_of, record=False)
    truth = {(c.caller, c.started_at.isoformat()): c.slug for c in calls}
    settled = 0
    for item in matching.review_queue.itertuples():
        slug = truth.get((item.caller, item.started_at.isoformat()))
        if slug:  # the consultant listens to the recording: "Здравствуйте, это ..." names the ISP
            decide_review(ws, CAMPAIGN, f"{item.source}/{item.call_key}", slug, "confirm", "heard on the recording")
            settled += 1
    if settled:
        echo(f"   review queue: {len(matching.review_queue)} call(s) from unknown numbers; the consultant "
             f"confirmed {settled} after listening to the recordings")
    table, matching = match_campaign(ws, CAMPAIGN, now=as_of)
    figures = summarise(table)
    exports = out / "exports"
    callbacks_xlsx = write_table(callbacks_export_frame(ws, CAMPAIGN, now=as_of), exports / "callbacks.xlsx",
                                 sheet_title="callbacks")
    buckets_png, curve_png = exports / "callback_buckets.png", exports / "callback_curve.png"
    if figures["buckets"] is not None:
        callback_buckets(figures["buckets"]).savefig(buckets_png)
        callback_curve(figures["curve"], figures["median_min"][0]).savefig(curve_png)
    share, low, high = figures["called"]
    echo(f"7. callbacks matched as of the window's end: {figures['requests']} request(s), called back "
         f"{share:.0%} (95% CI {low:.0%}-{high:.0%}), median {figures['median_min'][0]:.0f} min, "
         f"{len(matching.review_queue)} call(s) to review -> {callbacks_xlsx}")
    return {"callbacks_xlsx": callbacks_xlsx, "buckets_png": buckets_png, "curve_png": curve_png,
            "master_csv": master, "as_of": as_of}

