"""The checklist as data: loading ``checklists/self_assessment.yaml`` with every field checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from audit import config
from audit.errors import InputError, Problem
from audit.money import DRIVERS

LANGS = ("ru", "uk", "en")
DEFAULT_FILE = config.PROJECT_DIR / "checklists" / "self_assessment.yaml"


@dataclass(frozen=True)
class Item:
    """One question.

    Attributes:
        scale: ``ynp`` (yes / partly / no) or ``number`` (scored by ``good`` and ``ok`` thresholds).
        better: for numbers, ``lower`` or ``higher``.
        na: "not applicable" is an allowed answer.
    """

    id: str
    section: str
    question: dict[str, str]
    scale: str
    points: float
    evidence: dict[str, str]
    benchmark: dict[str, str] | None
    driver: str | None
    na: bool
    unit: str | None = None
    better: str | None = None
    good: float | None = None
    ok: float | None = None

    def text(self, field: str, lang: str) -> str:
        """A translated field in ``lang`` (falling back to Russian, then English)."""
        values = getattr(self, field) or {}
        return values.get(lang) or values.get("ru") or values.get("en") or ""


@dataclass(frozen=True)
class Section:
    """A group of items."""

    id: str
    title: dict[str, str]
    items: tuple[Item, ...]

    @property
    def points(self) -> float:
        """The section's points (the sum of its items')."""
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class Checklist:
    """The instrument."""

    id: str
    version: str
    title: dict[str, str]
    sections: tuple[Section, ...]

    @property
    def items(self) -> list[Item]:
        """Every item in order."""
        return [item for section in self.sections for item in section.items]


def load_checklist(path: str | Path = DEFAULT_FILE) -> Checklist:
    """Read and check the checklist YAML.

    Raises:
        InputError: names the file and the field (``sections[1].items[2].points``) of every problem.
    """
    path = Path(path)
    file = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError([Problem(file, None, None, f"cannot read the checklist: {exc}")]) from exc
    problems: list[Problem] = []

    def need(obj: dict, key: str, where: str, kind: type | tuple = str):
        if not isinstance(obj, dict) or key not in obj or obj[key] in (None, ""):
            problems.append(Problem(file, None, f"{where}{key}", "missing"))
            return None
        if not isinstance(obj[key], kind):
            problems.append(Problem(file, None, f"{where}{key}", f"must be {getattr(kind, '__name__', kind)}"))
            return None
        return obj[key]

    def texts(obj: dict, key: str, where: str, required: bool = True) -> dict[str, str] | None:
        value = obj.get(key) if isinstance(obj, dict) else None
        if value is None and not required:
            return None
        if not isinstance(value, dict) or not value.get("ru") or not value.get("en"):
            problems.append(Problem(file, None, f"{where}{key}", "needs at least 'ru' and 'en' texts"))
            return {}
        unknown = set(value) - set(LANGS)
        if unknown:
            problems.append(Problem(file, None, f"{where}{key}", f"unknown language(s) {sorted(unknown)}"))
        return {k: str(v) for k, v in value.items()}

    sections, seen = [], set()
    for s_index, sec in enumerate(need(data, "sections", "", list) or []):
        where = f"sections[{s_index}]."
        items = []
        for i_index, it in enumerate(need(sec, "items", where, list) or []):
            at = f"{where}items[{i_index}]."
            item_id = need(it, "id", at)
            if item_id in seen:
                problems.append(Problem(file, None, f"{at}id", f"'{item_id}' is used twice"))
            seen.add(item_id)
            scale = need(it, "scale", at)
            if scale not in (None, "ynp", "number"):
                problems.append(Problem(file, None, f"{at}scale", f"'{scale}' is not a scale; use ynp or number"))
            points = need(it, "points", at, (int, float))
            if isinstance(points, int | float) and points <= 0:
                problems.append(Problem(file, None, f"{at}points", "must be above zero"))
            driver = it.get("driver") if isinstance(it, dict) else None
            if driver is not None and driver not in DRIVERS:
                problems.append(Problem(file, None, f"{at}driver", f"'{driver}' is not a money driver; use "
                                                                   f"{', '.join(DRIVERS)}"))
            good = ok = better = None
            if scale == "number":
                better = need(it, "better", at)
                good = need(it, "good", at, (int, float))
                ok = need(it, "ok", at, (int, float))
                if better not in (None, "lower", "higher"):
                    problems.append(Problem(file, None, f"{at}better", "use lower or higher"))
                elif None not in (good, ok) and ((better == "lower" and good > ok)
                                                 or (better == "higher" and good < ok)):
                    problems.append(Problem(file, None, f"{at}good",
                                            f"'good' must be better than 'ok' ({better} is better)"))
            items.append(Item(item_id or "", sec.get("id", "") if isinstance(sec, dict) else "",
                              texts(it, "question", at) or {}, scale or "ynp", float(points or 0),
                              texts(it, "evidence", at) or {}, texts(it, "benchmark", at, required=False),
                              driver, bool(it.get("na", False)) if isinstance(it, dict) else False,
                              it.get("unit") if isinstance(it, dict) else None, better, good, ok))
        sections.append(Section(need(sec, "id", where) or "", texts(sec, "title", where) or {}, tuple(items)))
    checklist = Checklist(str(need(data, "id", "") or ""), str(need(data, "version", "", (str, int, float)) or ""),
                          texts(data or {}, "title", "") or {}, tuple(sections))
    if problems:
        raise InputError(problems)
    return checklist
