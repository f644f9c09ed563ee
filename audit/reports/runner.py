"""Rendering parameterized notebooks into reports: papermill executes each notebook on a warm kernel
(one per worker, reused across reports, so imports are paid once), nbconvert writes HTML without code,
unchanged inputs are not rendered again, and one report's failure does not stop the rest."""

from __future__ import annotations

import hashlib
import html
import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from audit.workspace import Workspace

_RESET = "%reset -f"


@dataclass(frozen=True)
class Job:
    """One report: a notebook, its parameters, and where it goes.

    Attributes:
        name: e.g. ``isp/linkom``; the outputs are ``<run>/<name>.html`` and ``.ipynb``.
        title: shown in ``index.html``.
        group: the index section (``isp``, ``sector``, ``self``).
    """

    name: str
    title: str
    group: str
    notebook: Path
    parameters: dict


@dataclass
class Outcome:
    """What happened to one job."""

    job: Job
    status: str  # rendered, cached, failed
    seconds: float = 0.0
    error: str = ""
    html: Path | None = None
    pictures: list[Path] = field(default_factory=list)


def inputs_digest(ws: Workspace) -> str:
    """A digest of everything reports read from the workspace (rows added or changed alter it)."""
    parts = []
    for table, column in (("isps", "updated_at"), ("isp_numbers", "id"), ("submissions", "id"), ("call_legs", "id"),
                          ("callback_reviews", "id"), ("scripted_calls", "id"), ("checklist_assessments", "id"),
                          ("campaign_isps", "added_at")):
        parts.append(str(tuple(ws.db.execute(f"SELECT COUNT(*), MAX({column}) FROM {table}").fetchone())))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@cache
def code_digest() -> str:
    """A digest of the kit's own code, so that a changed kit renders its reports again."""
    package = Path(__file__).resolve().parents[1]
    text = b"".join(p.read_bytes() for p in sorted(package.rglob("*.py")))
    return hashlib.sha256(text).hexdigest()


def job_key(job: Job, digest: str) -> str:
    """The cache key of a job: its notebook's text, its parameters, the inputs' digest and the kit's code."""
    text = job.notebook.read_text(encoding="utf-8")
    params = json.dumps(job.parameters, sort_keys=True, default=str)
    return hashlib.sha256(f"{text}|{params}|{digest}|{code_digest()}".encode()).hexdigest()


def _warm_engine():
    """A papermill engine for kernels the kit keeps warm: like papermill's own nbclient engine, but it
    closes its kernel client's channels after each notebook (nbclient leaves them open on a kernel it
    does not own, which would leak sockets over a batch)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    class WarmKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            kwargs = remove_args(["input_path"], **kwargs)
            safe = remove_args(["timeout", "startup_timeout"], **kwargs)
            final = merge_kwargs(safe, timeout=execution_timeout or kwargs.get("timeout"),
                                 startup_timeout=start_timeout, kernel_name=kernel_name, log_output=log_output,
                                 stdout_file=stdout_file, stderr_file=stderr_file)
            client = PapermillNotebookClient(nb_man, **final)
            try:
                return client.execute()
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()

    papermill_engines.register("ispaudit-warm", WarmKernelEngine)
    return "ispaudit-warm"


class _Worker:
    """A warm kernel and an HTML exporter, used by one thread at a time."""

    def __init__(self, kernel_name: str = "python3"):
        from jupyter_client.manager import KernelManager
        from nbconvert import HTMLExporter

        self.km = KernelManager(kernel_name=kernel_name)
        self.exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)

    def ensure(self) -> None:
        if not self.km.has_kernel or not self.km.is_alive():
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
            # the kernel's stderr only carries jupyter's TCP notice; cell errors come back as messages
            self.km.start_kernel(extra_arguments=["--HistoryManager.enabled=False"], stderr=subprocess.DEVNULL)

    def run(self, job: Job, out_dir: Path) -> tuple[Path, list[Path]]:
        import nbformat
        import papermill

        self.ensure()
        target = out_dir / f"{job.name}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        pictures = out_dir / job.name
        params = {**job.parameters, "out_dir": str(pictures)}
        source = nbformat.read(job.notebook, as_version=4)
        source.cells.insert(0, nbformat.v4.new_code_cell(_RESET, metadata={"tags": ["ispaudit-reset"]}))
        staged = target.with_suffix(".in.ipynb")
        nbformat.write(source, staged)
        try:
            # no cwd=: papermill would chdir the whole process, which threads share
            papermill.execute_notebook(str(staged), str(target), parameters=params, km=self.km, progress_bar=False,
                                       kernel_name="python3", engine_name=_warm_engine())
        finally:
            staged.unlink(missing_ok=True)
        executed = nbformat.read(target, as_version=4)
        executed.cells = [c for c in executed.cells if "ispaudit-reset" not in c.metadata.get("tags", [])]
        body, _ = self.exporter.from_notebook_node(executed)
        page = out_dir / f"{job.name}.html"
        page.write_text(body, encoding="utf-8")
        return page, sorted(pictures.glob("*.png")) if pictures.exists() else []

    def close(self) -> None:
        if self.km.has_kernel:
            self.km.shutdown_kernel(now=True)
        self.km.context.destroy(linger=0)


def run_jobs(jobs: list[Job], out_dir: Path, digest: str, workers: int = 2, force: bool = False,
             progress: bool = True, on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Render reports in parallel on warm kernels; skip those whose inputs did not change.

    Args:
        jobs: the reports.
        out_dir: ``reports/<campaign>/<run>``.
        digest: :func:`inputs_digest` of the workspace.
        workers: kernels (and threads) working at once.
        force: render even when nothing changed.
        progress: show a progress bar.
        on_done: called with each outcome.
    """
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    keys_file = out_dir / ".keys.json"
    keys = json.loads(keys_file.read_text()) if keys_file.exists() else {}
    pool: queue.Queue[_Worker] = queue.Queue()
    made: list[_Worker] = []
    lock = threading.Lock()
    outcomes: list[Outcome] = []
    bar = _bar(progress, len(jobs))

    def one(job: Job) -> Outcome:
        key = job_key(job, digest)
        page = out_dir / f"{job.name}.html"
        if not force and keys.get(job.name) == key and page.exists():
            pictures = sorted((out_dir / job.name).glob("*.png")) if (out_dir / job.name).exists() else []
            return Outcome(job, "cached", html=page, pictures=pictures)
        try:
            worker = pool.get_nowait()
        except queue.Empty:
            worker = _Worker()
            with lock:
                made.append(worker)
        started = time.perf_counter()
        try:
            page, pictures = worker.run(job, out_dir)
            with lock:
                keys[job.name] = key
            return Outcome(job, "rendered", time.perf_counter() - started, html=page, pictures=pictures)
        except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the rest
            message = getattr(exc, "evalue", "") or str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            with lock:
                keys.pop(job.name, None)
            return Outcome(job, "failed", time.perf_counter() - started, f"{type(exc).__name__}: {message}"[:300])
        finally:
            pool.put(worker)

    try:
        if bar:
            bar[0].start()
        with ThreadPoolExecutor(max_workers=max(1, workers)) as executor:
            for outcome in executor.map(one, jobs):
                outcomes.append(outcome)
                if bar:
                    bar[0].update(bar[1], advance=1, description=f"{outcome.job.name}: {outcome.status}")
                if on_done:
                    on_done(outcome)
    finally:
        if bar:
            bar[0].stop()
        for worker in made:
            worker.close()
        keys_file.write_text(json.dumps(keys, indent=1))
    return outcomes


def _bar(enabled: bool, total: int):
    if not enabled or not total:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("reports"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"))
    return bar, bar.add_task("", total=total)


def write_index(out_dir: Path, title: str, outcomes: list[Outcome], extra: list[tuple[str, Path]] | None = None,
                lang: str = "ru") -> Path:
    """Write ``index.html`` linking every report, its pictures and the data files."""
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True))
    template = env.from_string(INDEX_TEMPLATE)
    groups: dict[str, list] = {}
    for outcome in sorted(outcomes, key=lambda o: (o.job.group, o.job.name)):
        groups.setdefault(outcome.job.group, []).append({
            "title": outcome.job.title, "href": f"{outcome.job.name}.html" if outcome.html else None,
            "status": outcome.status, "error": outcome.error,
            "pictures": [str(p.relative_to(out_dir)) for p in outcome.pictures]})
    words = INDEX_WORDS.get(lang, INDEX_WORDS["en"])
    page = template.render(title=title, groups=groups, words=words,
                           extra=[(name, str(path.relative_to(out_dir))) for name, path in (extra or [])],
                           failed=sum(o.status == "failed" for o in outcomes))
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


INDEX_WORDS = {
    "ru": {"sector": "Отраслевой отчёт", "isp": "Отчёты по провайдерам", "self": "Самооценка", "data": "Данные",
           "failed": "не удалось построить", "reports": "отчётов"},
    "en": {"sector": "Sector report", "isp": "Per-ISP reports", "self": "Self-assessment", "data": "Data",
           "failed": "failed", "reports": "reports"},
}
INDEX_TEMPLATE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px 40px;color:#222}h1{margin-bottom:4px}
.grid{display:flex;flex-wrap:wrap;gap:16px}.card{border:1px solid #ddd;border-radius:6px;padding:10px;width:300px}
.card img{width:100%;border:1px solid #eee}.failed{color:#c62828}a{color:#1565c0}</style></head><body>
<h1>{{ title }}</h1>
{% if failed %}<p class="failed">{{ failed }} {{ words.failed }}</p>{% endif %}
{% for group in ["sector", "isp", "self"] %}{% if groups.get(group) %}
<h2>{{ words[group] }} ({{ groups[group]|length }})</h2><div class="grid">
{% for item in groups[group] %}<div class="card">
{% if item.href %}<a href="{{ item.href }}"><b>{{ item.title }}</b></a>{% else %}<b>{{ item.title }}</b>{% endif %}
{% if item.error %}<p class="failed">{{ item.error }}</p>{% endif %}
{% for picture in item.pictures[:2] %}<a href="{{ picture }}"><img src="{{ picture }}" alt=""></a>{% endfor %}
</div>{% endfor %}</div>{% endif %}{% endfor %}
{% if extra %}<h2>{{ words.data }}</h2><ul>{% for name, href in extra %}<li><a href="{{ href }}">{{ name }}</a></li>
{% endfor %}</ul>{% endif %}
</body></html>"""


def escape(text: object) -> str:
    """Text that came from an ISP or a user, made safe for Markdown/HTML output in a notebook."""
    return html.escape(str(text if text is not None else ""))
