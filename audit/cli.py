"""The ``ispaudit`` command line: parses arguments and calls one package function per command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from audit import config
from audit.errors import AuditError

app = typer.Typer(help="ISP Support Audit Kit: mystery-shopper audits of ISPs' support and sales lines.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
                  pretty_exceptions_show_locals=False)
registry_app = typer.Typer(help="Import, check and sample the list of ISPs.", no_args_is_help=True)
web_app = typer.Typer(help="The web audit: find, fill and send ISPs' callback forms.", no_args_is_help=True)
campaign_app = typer.Typer(help="Create and list campaigns.", no_args_is_help=True)
app.add_typer(registry_app, name="registry")
app.add_typer(campaign_app, name="campaign")
callbacks_app = typer.Typer(help="Import call logs, match calls to requests, review, time callbacks.",
                            no_args_is_help=True)
checklist_app = typer.Typer(help="The ISP self-assessment: a template to fill, then scores and gaps.",
                            no_args_is_help=True)
calls_app = typer.Typer(help="Scripted mystery calls: shopper sheets, import, scores, calibration, integrity.",
                        no_args_is_help=True)
app.add_typer(checklist_app, name="checklist")
app.add_typer(calls_app, name="calls")
app.add_typer(web_app, name="web")
app.add_typer(callbacks_app, name="callbacks")

Workspace = Annotated[Path, typer.Option(
    "--workspace", "-w", envvar=config.WORKSPACE_ENV, show_envvar=True,
    help="The workspace folder (default: ./audit-workspace).")]
CampaignName = Annotated[str, typer.Option("--campaign", "-c", help="The campaign's name.")]


class Format(StrEnum):
    """Output file formats."""

    csv = "csv"
    xlsx = "xlsx"


class Table(StrEnum):
    """Tables that ``export`` writes."""

    isps = "isps"
    submissions = "submissions"
    callbacks = "callbacks"
    checklist = "checklist"
    calls = "calls"


class Lang(StrEnum):
    """Languages of instruments and reports."""

    ru = "ru"
    uk = "uk"
    en = "en"


class LogFormat(StrEnum):
    """Call-log file formats."""

    asterisk = "asterisk"
    freeswitch = "freeswitch"
    csv = "csv"
    android = "android"


class Service(StrEnum):
    """Telephony APIs."""

    twilio = "twilio"
    zadarma = "zadarma"


class Kind(StrEnum):
    """Campaign kinds."""

    prospect = "prospect"
    sector = "sector"
    self = "self"


@contextmanager
def user_errors() -> Iterator[None]:
    """Print the kit's own errors plainly (no traceback) and exit with status 2."""
    try:
        yield
    except AuditError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc


def _ws(path: Path | None):
    from audit.workspace import open_workspace

    return open_workspace(path)


@app.command()
def init(workspace: Workspace = config.DEFAULT_WORKSPACE) -> None:
    """Create a workspace (or upgrade an existing one); safe to run twice.

    Example: ispaudit init --workspace tyumen-audit
    """
    from audit.workspace import SCHEMA_VERSION, init_workspace

    with user_errors(), init_workspace(workspace) as ws:
        typer.echo(f"workspace ready: {ws.root.resolve()} (schema v{SCHEMA_VERSION})")


@campaign_app.command("create")
def campaign_create(
    name: Annotated[str, typer.Argument(help="A short unique name, e.g. tyumen-2026.")],
    kind: Annotated[Kind, typer.Option(help="prospect audit, sector study or self-assessment.")] = Kind.sector,
    observation_days: Annotated[int, typer.Option(
        help="How many days after a request a callback is still awaited.")] = config.DEFAULT_OBSERVATION_DAYS,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Create a campaign (an existing one of the same kind is left as it is).

    Example: ispaudit campaign create tyumen-2026 --kind sector
    """
    from audit.campaigns import create_campaign

    with user_errors(), _ws(workspace) as ws:
        c = create_campaign(ws, name, kind.value, observation_days)
        typer.echo(f"campaign '{c.name}' ({c.kind}, started {c.started_at}, window {c.observation_days} days)")


@campaign_app.command("list")
def campaign_list(workspace: Workspace = config.DEFAULT_WORKSPACE) -> None:
    """List the campaigns with how many ISPs each has.

    Example: ispaudit campaign list
    """
    from audit.campaigns import campaign_slugs, list_campaigns

    with user_errors(), _ws(workspace) as ws:
        for c in list_campaigns(ws):
            typer.echo(f"{c.name}\t{c.kind}\t{len(campaign_slugs(ws, c))} ISP(s)\tstarted {c.started_at}")


@campaign_app.command("add")
def campaign_add(
    name: Annotated[str, typer.Argument(help="The campaign.")],
    isp: Annotated[list[str], typer.Option("--isp", help="An ISP's slug; repeat for several.")],
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Add ISPs to a campaign by slug (a prospect audit is usually one ISP).

    Example: ispaudit campaign add prospect-link --isp link-telecom
    """
    from audit.campaigns import add_isps, get_campaign

    with user_errors(), _ws(workspace) as ws:
        added = add_isps(ws, get_campaign(ws, name), isp)
        typer.echo(f"added {added} ISP(s) to '{name}'")


@registry_app.command("import")
def registry_import(
    file: Annotated[Path, typer.Argument(help="A CSV (UTF-8, UTF-8 BOM or cp1251; ',' or ';') or XLSX file.")],
    phone_region: Annotated[str, typer.Option(
        help="Region for phone numbers written without a country code (ISO 3166, e.g. RU, UA, KZ).")] = "RU",
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet to read (default: the first).")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Import ISPs (slug, name, website; region, timezone, phones, subscribers, arpu, working_hours, notes).

    Every row is checked first; if any has a problem, each is listed with its row and column and
    nothing is written. ISPs already in the workspace are updated by slug.

    Example: ispaudit registry import isps.csv --phone-region RU
    """
    from audit.registry.store import import_registry

    with user_errors(), _ws(workspace) as ws:
        summary = import_registry(ws, file, phone_region.upper(), sheet)
        for line in summary.lines():
            typer.echo(line)


@registry_app.command("sample")
def registry_sample(
    n: Annotated[int, typer.Option("--n", help="How many ISPs to draw.")],
    campaign: CampaignName,
    by: Annotated[str, typer.Option(
        help="Strata: comma-separated columns, e.g. region,size ('' for none).")] = "region",
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same sample.")] = 1,
    replace: Annotated[bool, typer.Option(help="Replace the campaign's existing sample.")] = False,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Draw a reproducible stratified sample of the registry into a sector campaign.

    Strata are allocated in proportion to their size; 'size' classes ISPs by subscribers
    (<2k, 2k-20k, 20k+, unknown).

    Example: ispaudit registry sample --n 40 --by region,size --seed 7 --campaign ural-2026
    """
    from audit.campaigns import sample_campaign

    columns = [c.strip() for c in by.split(",") if c.strip()]
    with user_errors(), _ws(workspace) as ws:
        drawn = sample_campaign(ws, campaign, n, columns, seed, replace)
        counts: dict[str, int] = {}
        for _, stratum in drawn:
            counts[stratum] = counts.get(stratum, 0) + 1
        for stratum, count in sorted(counts.items()):
            typer.echo(f"{count:5d}  {stratum}")
        typer.echo(f"drew {len(drawn)} ISP(s) into '{campaign}' (seed {seed})")


@web_app.command("run")
def web_run(
    shopper: Annotated[Path, typer.Option(help="YAML with name, phone, email, address (any may be absent).")],
    campaign: CampaignName,
    isp: Annotated[list[str] | None, typer.Option("--isp", help="Only this ISP (repeat); joins the campaign.")] = None,
    submit: Annotated[bool, typer.Option("--submit", help="Really send the forms (default: a dry run).")] = False,
    concurrency: Annotated[int, typer.Option(help="Sites at once (one at a time per host).")] = 2,
    trace: Annotated[bool, typer.Option("--trace", help="Keep a Playwright trace per site.")] = False,
    resubmit: Annotated[list[str] | None, typer.Option(
        "--resubmit", help="Send to this ISP again as a deliberate new wave (repeat).")] = None,
    budget: Annotated[float, typer.Option(help="The most seconds one site may take.")] = 90.0,
    phone_region: Annotated[str, typer.Option(help="Region for numbers found on sites.")] = "RU",
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Find each ISP's callback or connection form, fill it with the shopper's identity, and with
    --submit send it: at most once per ISP per campaign, ever (a re-run skips ISPs already sent to).

    Without --submit nothing is sent: forms are found, filled and photographed (status 'ready').

    Example: ispaudit web run --campaign ural-2026 --shopper shopper.yaml --submit --concurrency 4
    """
    import asyncio

    from audit.shopper import load_shopper
    from audit.web.run import run_web_audit

    with user_errors(), _ws(workspace) as ws:
        identity = load_shopper(shopper)
        summary = asyncio.run(run_web_audit(
            ws, campaign, identity, slugs=isp or None, submit=submit, concurrency=concurrency, trace=trace,
            resubmit=resubmit or None, budget_s=budget, phone_region=phone_region.upper()))
        for slug in summary.recovered:
            typer.echo(f"{slug}: an earlier run stopped after the click; recorded as needs_review")
        for slug in summary.skipped:
            typer.echo(f"{slug}: already sent in this campaign; skipped (use --resubmit {slug} for a new wave)")
        for result in summary.results:
            typer.echo(f"{result.slug}\t{result.status}\t{result.reason}")
        typer.echo("totals: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.counts().items())))


@web_app.command("manual")
def web_manual(
    isp: Annotated[str, typer.Option("--isp", help="The ISP's slug.")],
    at: Annotated[str, typer.Option(help="When the request was made, local time: 'YYYY-MM-DD HH:MM:SS'.")],
    tz: Annotated[str, typer.Option(help="The zone of --at, e.g. Europe/Moscow.")],
    campaign: CampaignName,
    note: Annotated[str | None, typer.Option(help="How it was made (site form with captcha, by phone, …).")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Record a request made by hand (a captcha site, a request by phone); its time starts the callback clock.

    Example: ispaudit web manual --isp gorset --at "2026-11-20 10:15:00" --tz Asia/Omsk --campaign ural-2026
    """
    from audit.callbacks.service import record_manual_request

    with user_errors(), _ws(workspace) as ws:
        utc = record_manual_request(ws, campaign, isp, at, tz, note)
        typer.echo(f"{isp}: request recorded at {utc} (UTC)")


LINE_HELP = "The shopper's number (or PBX extension) that received the calls."


@callbacks_app.command("import")
def callbacks_import(
    file: Annotated[Path, typer.Argument(help="The call-log file.")],
    format: Annotated[LogFormat, typer.Option(help="asterisk (Master.csv), freeswitch, csv (with --mapping), "  # noqa: A002
                                                   "android (SMS Backup & Restore calls XML).")],
    shopper_number: Annotated[str, typer.Option(help=LINE_HELP)],
    tz: Annotated[str | None, typer.Option(help="Zone of the log's local times (PBX logs), e.g. Europe/Moscow.")] = None,
    mapping: Annotated[Path | None, typer.Option(help="YAML naming the columns, for --format csv (cdr_custom …).")] = None,
    region: Annotated[str, typer.Option(help="Region for numbers without a country code.")] = "RU",
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Import a call log; rows are kept as read, legs of one call count once, re-imports add nothing.

    Example: ispaudit callbacks import Master.csv --format asterisk --shopper-number +79120001122 --tz Asia/Yekaterinburg
    """
    from audit.callbacks.service import import_call_log

    with user_errors(), _ws(workspace) as ws:
        for line in import_call_log(ws, file, format.value, shopper_number, tz, mapping, region.upper()).lines():
            typer.echo(line)


@callbacks_app.command("pull")
def callbacks_pull(
    service: Annotated[Service, typer.Argument(help="twilio or zadarma.")],
    shopper_number: Annotated[str, typer.Option(help=LINE_HELP)],
    account: Annotated[str | None, typer.Option(envvar=["TWILIO_ACCOUNT_SID", "ZADARMA_KEY"],
                                                help="Twilio AccountSid or Zadarma key.")] = None,
    secret: Annotated[str | None, typer.Option(envvar=["TWILIO_AUTH_TOKEN", "ZADARMA_SECRET"],
                                               help="Twilio AuthToken or Zadarma secret.")] = None,
    since: Annotated[str | None, typer.Option(help="From this local time 'YYYY-MM-DD[ HH:MM:SS]'.")] = None,
    until: Annotated[str | None, typer.Option(help="Zadarma: up to this local time.")] = None,
    tz: Annotated[str, typer.Option(help="Zadarma: the account's time zone.")] = "Europe/Moscow",
    base_url: Annotated[str | None, typer.Option(help="The API's address (default: the real service).")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Pull calls to the shopper's number from a telephony API (with retries and backoff) and store them.

    Example: ispaudit callbacks pull twilio --shopper-number +79120001122 --since 2026-11-01
    """
    from audit.callbacks import apis
    from audit.callbacks.readers import ShopperLine
    from audit.callbacks.service import store_pulled

    with user_errors(), _ws(workspace) as ws:
        if not account or not secret:
            raise AuditError("give --account and --secret (or the TWILIO_/ZADARMA_ environment variables)")
        line = ShopperLine(shopper_number)
        if service is Service.twilio:
            read = apis.fetch_twilio(account, secret, line, since, base_url or apis.TWILIO_BASE)
        else:
            start = since or "2000-01-01 00:00:00"
            end = until or "2100-01-01 00:00:00"
            read = apis.fetch_zadarma(account, secret, line, start if " " in start else start + " 00:00:00",
                                      end if " " in end else end + " 23:59:59", tz, base_url or apis.ZADARMA_BASE)
        for text in store_pulled(ws, service.value, f"{service.value} API", shopper_number, read).lines():
            typer.echo(text)


@callbacks_app.command("add")
def callbacks_add(
    caller: Annotated[str, typer.Option("--from", help="The number that called (or 'hidden').")],
    at: Annotated[str, typer.Option(help="When, local time 'YYYY-MM-DD HH:MM:SS'.")],
    tz: Annotated[str, typer.Option(help="The zone of --at.")],
    shopper_number: Annotated[str, typer.Option(help=LINE_HELP)],
    missed: Annotated[bool, typer.Option("--missed", help="Nobody answered (it still counts: the ISP tried).")] = False,
    kind: Annotated[str, typer.Option(help="call, sms, messenger, email or other.")] = "call",
    note: Annotated[str | None, typer.Option(help="Anything worth keeping.")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Log one inbound call or other contact by hand.

    Example: ispaudit callbacks add --from "+7 3452 50-50-50" --at "2026-11-20 10:32:10" --tz Asia/Yekaterinburg --shopper-number +79120001122
    """
    from audit.callbacks.service import add_call_by_hand

    with user_errors(), _ws(workspace) as ws:
        key = add_call_by_hand(ws, caller, at, tz, shopper_number, not missed, kind, note)
        typer.echo(f"logged: manual/{key}")


@callbacks_app.command("match")
def callbacks_match(
    campaign: CampaignName,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Match calls to the campaign's requests and time them (the observation window is the campaign's,
    30 days by default, as HBR used); prints outcomes and the review queue's size.

    Example: ispaudit callbacks match --campaign ural-2026
    """
    from audit.callbacks.service import match_campaign

    with user_errors(), _ws(workspace) as ws:
        table, matching = match_campaign(ws, campaign)
        counts = table["outcome"].value_counts().to_dict() if not table.empty else {}
        typer.echo(f"{len(table)} request(s): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        typer.echo(f"{len(matching.review_queue)} call(s) wait for review: 'ispaudit callbacks review --campaign "
                   f"{campaign}'")


@callbacks_app.command("review")
def callbacks_review(
    campaign: CampaignName,
    confirm: Annotated[str | None, typer.Option(help="A call (SOURCE/CALL_KEY) to confirm as a callback.")] = None,
    isp: Annotated[str | None, typer.Option("--isp", help="With --confirm: the ISP whose request it answers.")] = None,
    reject: Annotated[str | None, typer.Option(help="A call (SOURCE/CALL_KEY) that is not a callback.")] = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """List the calls that could belong to several requests, or confirm / reject one.

    Example: ispaudit callbacks review --campaign ural-2026 --confirm file:asterisk/1700000000.12 --isp gorset
    """
    from audit.callbacks.service import decide_review, review_queue

    with user_errors(), _ws(workspace) as ws:
        if confirm:
            if not isp:
                raise AuditError("--confirm needs --isp SLUG: the ISP whose request the call answers")
            decide_review(ws, campaign, confirm, isp, "confirm", note)
            typer.echo(f"confirmed {confirm} as {isp}'s callback")
        elif reject:
            decide_review(ws, campaign, reject, None, "reject", note)
            typer.echo(f"rejected {reject}")
        queue = review_queue(ws, campaign)
        for item in queue:
            typer.echo(f"{item['call']}\tfrom {item['caller'] or 'hidden'}\tat {item['at']}\t"
                       f"candidates: {', '.join(item['candidates'])}")
        typer.echo(f"{len(queue)} call(s) in the review queue")


@checklist_app.command("template")
def checklist_template(
    out: Annotated[Path, typer.Option(help="The XLSX to write.")],
    lang: Annotated[Lang, typer.Option(help="Language of the questions.")] = Lang.ru,
) -> None:
    """Write the self-assessment template: instructions, dropdowns, a protected structure, evidence links.

    Example: ispaudit checklist template --out self_assessment.xlsx --lang ru
    """
    from audit.checklist.model import load_checklist
    from audit.checklist.workbook import write_template

    with user_errors():
        checklist = load_checklist()
        path = write_template(checklist, out, lang.value)
        typer.echo(f"wrote {path}: {len(checklist.items)} questions in {len(checklist.sections)} sections "
                   f"({checklist.id} v{checklist.version})")


@checklist_app.command("score")
def checklist_score(
    file: Annotated[Path, typer.Argument(help="The filled template.")],
    isp: Annotated[str, typer.Option("--isp", help="The ISP's slug.")],
    campaign: Annotated[str | None, typer.Option(help="A self-assessment campaign to file it under.")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Check, score and store a filled self-assessment; print section scores, the biggest gaps, and the
    change since the ISP's previous assessment.

    Example: ispaudit checklist score self_assessment.xlsx --isp linkom
    """
    from audit.checklist.scoring import compare
    from audit.checklist.service import assessments, load_assessment, score_file

    with user_errors(), _ws(workspace) as ws:
        result = score_file(ws, file, isp, campaign)
        typer.echo(f"{isp}: {result.overall:.0f}% overall (assessment {result.id})")
        for row in result.sections.itertuples():
            shown = "n/a" if row.percent != row.percent else f"{row.percent:.0f}%"
            typer.echo(f"  {row.section:14s} {shown:>5s}  ({row.earned:g} of {row.available:g} points)")
        typer.echo("biggest gaps:")
        for row in result.gaps.head(5).itertuples():
            money = f"; {row.money_low:,.0f}-{row.money_high:,.0f} per month at stake" if row.money_high else ""
            typer.echo(f"  -{row.lost:g} pt  {row.item_id}: {row.question}{money}")
        earlier = [a for a in assessments(ws, isp) if a["id"] != result.id]
        if earlier:
            change = compare(load_assessment(ws, earlier[-1]["id"]).sections, result.sections)
            typer.echo(f"since assessment {earlier[-1]['id']} ({earlier[-1]['assessed_at'][:10]}): "
                       + ", ".join(f"{r.section} {r.change:+.0f}" for r in change.itertuples() if r.change == r.change))


@calls_app.command("sheet")
def calls_sheet(
    scenario: Annotated[str, typer.Option(help="tariff, upsell, addons, churn or support.")],
    out: Annotated[Path, typer.Option(help="The XLSX to write.")],
    isp: Annotated[list[str] | None, typer.Option("--isp", help="An ISP to call (repeat).")] = None,
    campaign: Annotated[str | None, typer.Option(help="Call every ISP of this campaign.")] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the sheet.")] = Lang.ru,
    tz: Annotated[str, typer.Option(help="Zone of the shoppers' clock times.")] = "Europe/Moscow",
    calls_per_isp: Annotated[int, typer.Option(help="Planned calls per ISP.")] = 1,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Write a shopper sheet to fill offline: one row per planned call, dropdowns, date-time cells, the script.

    Example: ispaudit calls sheet --scenario churn --campaign ural-2026 --out churn_calls.xlsx
    """
    from audit.calls.service import plan_sheet

    with user_errors(), _ws(workspace) as ws:
        path = plan_sheet(ws, scenario, out, isp or None, campaign, lang.value, tz, calls_per_isp)
        typer.echo(f"wrote {path}")


@calls_app.command("import")
def calls_import(
    file: Annotated[Path, typer.Argument(help="A filled shopper sheet.")],
    campaign: Annotated[str | None, typer.Option(help="File the calls under this campaign.")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Import a filled shopper sheet: every cell checked (errors name sheet, row, column and the allowed
    values), all or nothing; re-importing adds nothing, a changed answer is a new version.

    Example: ispaudit calls import churn_calls.xlsx --campaign ural-2026
    """
    from audit.calls.service import import_sheet

    with user_errors(), _ws(workspace) as ws:
        counts = import_sheet(ws, file, campaign)
        typer.echo(f"{file}: {counts['added']} new call(s), {counts['changed']} corrected, {counts['same']} unchanged")


@calls_app.command("scores")
def calls_scores(
    scenario: Annotated[str, typer.Option(help="The scenario.")],
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Print per-ISP scores and the shares of each outcome with 95% Wilson intervals.

    Example: ispaudit calls scores --scenario churn
    """
    from audit.calls.model import load_scenario
    from audit.calls.scoring import per_isp, shares
    from audit.calls.service import calls_frame

    with user_errors(), _ws(workspace) as ws:
        model = load_scenario(scenario)
        calls = calls_frame(ws, scenario)
        if calls.empty:
            raise AuditError(f"no '{scenario}' calls imported yet")
        for row in per_isp(calls).itertuples():
            typer.echo(f"{row.isp_slug}\t{row.score:.0f}\t({row.calls} call(s))")
        for item in model.items:
            if item.type in ("choice", "yesno") and item.weight > 0 and item.id in calls:
                codes = [o.code for o in item.options] or ["yes", "no"]
                typer.echo(f"{item.id}: " + "; ".join(
                    f"{r.answer} {r.share:.1%} [{r.low:.1%}-{r.high:.1%}]" for r in shares(calls, item.id, codes)
                    .itertuples() if r.count))


@calls_app.command("calibrate")
def calls_calibrate(
    scenario: Annotated[str, typer.Option(help="The scenario.")],
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Agreement between shoppers who scored the same calls: kappa per item, disagreements, flagged shoppers.

    Example: ispaudit calls calibrate --scenario churn
    """
    from audit.calls.calibration import disagreements, kappas, shopper_flags
    from audit.calls.model import load_scenario
    from audit.calls.service import calls_frame

    with user_errors(), _ws(workspace) as ws:
        items = [i.id for i in load_scenario(scenario).items if i.type in ("choice", "yesno", "rating")]
        calls = calls_frame(ws, scenario)
        if calls.empty:
            raise AuditError(f"no '{scenario}' calls imported yet")
        for row in kappas(calls, items).itertuples():
            typer.echo(f"{row.item}\t{row.method or '-'}\tkappa {row.kappa:.2f}\t({row.calls} call(s))")
        typer.echo(f"{len(disagreements(calls, items))} disagreement(s)")
        for row in shopper_flags(calls, items).itertuples():
            typer.echo(f"{row.shopper}\tdiffers {row.rate:.0%}" + ("\tFLAGGED" if row.flagged else ""))


@calls_app.command("check")
def calls_check(
    phone: Annotated[list[str], typer.Option(help="A shopper's phone as NAME=NUMBER (repeat).")],
    tolerance: Annotated[float, typer.Option(help="Minutes between the logged and the phone's time.")] = 15,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Cross-check logged calls with the shoppers' own phone logs (outgoing calls imported with
    'callbacks import --format android'); a call with no outgoing call to the ISP near that time is flagged.

    Example: ispaudit calls check --phone "Анна Петрова=+79120001122"
    """
    from audit.calls.service import check_integrity

    with user_errors(), _ws(workspace) as ws:
        phones = dict(p.split("=", 1) for p in phone if "=" in p)
        for row in check_integrity(ws, phones, tolerance).itertuples():
            typer.echo(f"{row.call_id}\t{row.shopper}\t{row.isp_slug}\t{row.phone_log}")


class ReportKind(StrEnum):
    """Report kinds."""

    isp = "isp"
    sector = "sector"
    self = "self"


@app.command()
def report(
    kind: Annotated[ReportKind, typer.Argument(help="isp, sector or self.")],
    campaign: CampaignName,
    isp: Annotated[list[str] | None, typer.Option("--isp", help="Only this ISP (repeat).")] = None,
    all_isps: Annotated[bool, typer.Option("--all", help="Every ISP of the campaign (the default for isp/self).")] = False,
    lang: Annotated[Lang, typer.Option(help="Report language.")] = Lang.ru,
    run: Annotated[str, typer.Option(help="Run name: output goes to reports/<campaign>/<run>/.")] = "latest",
    workers: Annotated[int, typer.Option(help="Reports rendered at once (a warm kernel each).")] = 2,
    force: Annotated[bool, typer.Option("--force", help="Render even when the inputs did not change.")] = False,
    out: Annotated[Path | None, typer.Option(help="The reports folder (default: ./reports of the kit).")] = None,
    as_of: Annotated[str | None, typer.Option(
        help="Observation stops here (UTC 'YYYY-MM-DD HH:MM:SS'; default: the start of this hour).")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Render reports with papermill into HTML without code, PNG charts and XLSX data, with an index.html.
    Per-ISP reports run in parallel; one report's failure does not stop the rest; unchanged inputs are
    not rendered again.

    Example: ispaudit report sector --campaign ural-2026 && ispaudit report isp --campaign ural-2026 --all
    """
    from audit.reports.service import render

    with user_errors(), _ws(workspace) as ws:
        outcomes, index = render(ws, kind.value, campaign, None if all_isps else (isp or None), lang.value, run,
                                 workers, force, out, as_of=as_of)
        failed = [o for o in outcomes if o.status == "failed"]
        counts = {s: sum(o.status == s for o in outcomes) for s in ("rendered", "cached", "failed")}
        for outcome in failed:
            typer.secho(f"failed: {outcome.job.name}: {outcome.error}", fg=typer.colors.RED, err=True)
        typer.echo(f"{counts['rendered']} rendered, {counts['cached']} unchanged, {counts['failed']} failed; "
                   f"open {index.resolve()}")
        if failed and len(failed) == len(outcomes):
            raise typer.Exit(1)


@app.command()
def export(
    table: Annotated[Table, typer.Argument(help="Which table.")],
    out: Annotated[Path, typer.Option(help="The file to write.")],
    format: Annotated[Format | None, typer.Option(help="csv or xlsx (default: from --out).")] = None,  # noqa: A002
    campaign: Annotated[str | None, typer.Option(help="Only this campaign's ISPs.")] = None,
    isp: Annotated[str | None, typer.Option("--isp", help="checklist: only this ISP.")] = None,
    workspace: Workspace = config.DEFAULT_WORKSPACE,
) -> None:
    """Write a table for analysis as CSV (UTF-8 with BOM) or XLSX; text is escaped against formulas.

    Example: ispaudit export isps --format xlsx --out isps.xlsx
    """
    from audit.export import export_table

    with user_errors(), _ws(workspace) as ws:
        path, rows = export_table(ws, table.value, out, format.value if format else None, campaign, isp)
        typer.echo(f"wrote {rows} row(s) to {path}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's workspace and outputs.")] = Path("demo-output"),
    isps: Annotated[int, typer.Option(help="How many fictional ISPs the synthetic sector has.")] = 48,
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic sector.")] = 2026,
) -> None:
    """Run a whole audit campaign on a synthetic sector of fictional ISPs served on this machine.

    Nothing leaves the machine: the ISPs' sites run on 127.0.0.x.

    Example: ispaudit demo --out demo-output
    """
    from audit.demo import run_demo

    with user_errors():
        run_demo(out, isps, seed, echo=typer.echo)


def main() -> None:
    """The console script's entry point."""
    app()


if __name__ == "__main__":
    main()
