"""``ispaudit report``: building the jobs for per-ISP, sector and self-assessment reports, running them,
and keeping one index per run (``reports/<campaign>/<run>/index.html``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from audit import config
from audit.campaigns import campaign_slugs, get_campaign
from audit.errors import AuditError
from audit.reports.runner import Job, Outcome, inputs_digest, run_jobs, write_index
from audit.workspace import Workspace

NOTEBOOKS = config.PROJECT_DIR / "notebooks"


def build_jobs(ws: Workspace, kind: str, campaign: str, slugs: list[str] | None = None, lang: str = "ru",
               as_of: str | None = None) -> list[Job]:
    """The reports to render.

    Args:
        ws: the workspace.
        kind: ``isp``, ``sector`` or ``self``.
        campaign: the campaign.
        slugs: the ISPs (``isp``/``self``); None for all of the campaign's.
        lang: ``ru`` or ``en``.
        as_of: when observation stops (UTC text ``YYYY-MM-DD HH:MM:SS``); None for the start of the current
            UTC hour (so re-runs within the hour reuse unchanged reports, and later runs see closed windows).
    """
    c = get_campaign(ws, campaign)
    members = campaign_slugs(ws, c)
    slugs = slugs or members
    unknown = [s for s in slugs if s not in set(r[0] for r in ws.db.execute("SELECT slug FROM isps"))]
    if unknown:
        raise AuditError(f"not in the registry: {', '.join(unknown)}")
    as_of = as_of or datetime.now(UTC).strftime("%Y-%m-%d %H:00:00")
    common = {"workspace": str(ws.root.resolve()), "campaign": campaign, "lang": lang, "as_of": as_of}
    names = dict(ws.db.execute("SELECT slug, name FROM isps"))
    if kind == "sector":
        return [Job("sector", "Отраслевой отчёт" if lang == "ru" else "Sector report", "sector",
                    NOTEBOOKS / "sector_report.ipynb", common)]
    if kind == "isp":
        return [Job(f"isp/{slug}", f"{names[slug]} ({slug})", "isp", NOTEBOOKS / "isp_report.ipynb",
                    {**common, "isp": slug}) for slug in slugs]
    if kind == "self":
        assessed = {r[0] for r in ws.db.execute(
            "SELECT DISTINCT i.slug FROM checklist_assessments a JOIN isps i ON i.id = a.isp_id")}
        chosen = [s for s in slugs if s in assessed]
        if not chosen:
            raise AuditError("no self-assessment stored for these ISPs; score one with 'ispaudit checklist score'")
        return [Job(f"self/{slug}", f"{names[slug]} ({slug})", "self", NOTEBOOKS / "self_assessment.ipynb",
                    {"workspace": str(ws.root.resolve()), "isp": slug, "lang": lang}) for slug in chosen]
    raise AuditError(f"unknown report '{kind}'; use isp, sector or self")


def render(ws: Workspace, kind: str, campaign: str, slugs: list[str] | None = None, lang: str = "ru",
           run: str = "latest", workers: int = 2, force: bool = False, root: Path | None = None,
           progress: bool = True, as_of: str | None = None,
           on_done: Callable[[Outcome], None] | None = None) -> tuple[list[Outcome], Path]:
    """Render reports of one kind into ``<root>/<campaign>/<run>/`` and refresh its ``index.html``.

    Returns:
        The outcomes and the index's path.
    """
    out_dir = ((root or config.PROJECT_DIR / "reports") / campaign / run).resolve()
    jobs = build_jobs(ws, kind, campaign, slugs, lang, as_of)
    outcomes = run_jobs(jobs, out_dir, inputs_digest(ws), workers, force, progress, on_done)
    manifest_file = out_dir / ".manifest.json"
    manifest = json.loads(manifest_file.read_text()) if manifest_file.exists() else {}
    for o in outcomes:
        manifest[o.job.name] = {"title": o.job.title, "group": o.job.group, "status": o.status, "error": o.error,
                                "html": bool(o.html), "pictures": [str(p.relative_to(out_dir)) for p in o.pictures]}
    manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    everything = [Outcome(Job(name, m["title"], m["group"], Path(), {}), m["status"], error=m["error"],
                          html=out_dir / f"{name}.html" if m["html"] else None,
                          pictures=[out_dir / p for p in m["pictures"]]) for name, m in manifest.items()]
    extra = [(p.relative_to(out_dir).as_posix(), p) for p in sorted(out_dir.glob("*/**/data.xlsx"))] + \
        [("sector/data.xlsx", p) for p in [out_dir / "sector" / "data.xlsx"] if p.exists()]
    title = f"{'Аудит' if lang == 'ru' else 'Audit'}: {campaign}"
    index = write_index(out_dir, title, everything, list(dict.fromkeys(extra)), lang)
    return outcomes, index
