"""Call scenarios as data (``checklists/calls/*.yaml``), with the shared line measures, checked on load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from audit import config
from audit.errors import InputError, Problem

CALLS_DIR = config.PROJECT_DIR / "checklists" / "calls"
TYPES = ("time", "seconds", "count", "yesno", "rating", "choice")
YESNO = {"ru": {"yes": "да", "no": "нет"}, "uk": {"yes": "так", "no": "ні"}, "en": {"yes": "yes", "no": "no"}}


@dataclass(frozen=True)
class Option:
    """One answer of a choice item."""

    code: str
    score: float
    label: dict[str, str]


@dataclass(frozen=True)
class CallItem:
    """One thing the shopper records.

    Attributes:
        na_when: ``{other_item: value}``: not applicable when the other item has that value.
        auto_fail: values that make the whole call score 0.
    """

    id: str
    type: str
    weight: float
    label: dict[str, str]
    required: bool = False
    options: tuple[Option, ...] = ()
    na_when: dict | None = None
    auto_fail: tuple[str, ...] = ()
    better: str | None = None
    good: float | None = None
    ok: float | None = None

    def text(self, lang: str) -> str:
        """The label in ``lang`` (falling back to Russian)."""
        return self.label.get(lang) or self.label.get("ru") or self.id


@dataclass(frozen=True)
class Scenario:
    """A scenario: its script and items, after the shared line measures."""

    id: str
    version: str
    title: dict[str, str]
    script: dict[str, str]
    items: tuple[CallItem, ...]

    def item(self, item_id: str) -> CallItem:
        """An item by id."""
        return next(i for i in self.items if i.id == item_id)


def _items(data: list, file: str, problems: list[Problem]) -> list[CallItem]:
    out = []
    for index, raw in enumerate(data or []):
        at = f"items[{index}]."
        if not isinstance(raw, dict) or not raw.get("id"):
            problems.append(Problem(file, None, f"{at}id", "missing"))
            continue
        kind = raw.get("type")
        if kind not in TYPES:
            problems.append(Problem(file, None, f"{at}type", f"'{kind}' is not a type; use {', '.join(TYPES)}"))
            continue
        label = raw.get("label") or {}
        if not label.get("ru") or not label.get("en"):
            problems.append(Problem(file, None, f"{at}label", "needs at least 'ru' and 'en'"))
        if not isinstance(raw.get("weight"), int | float) or raw["weight"] < 0:
            problems.append(Problem(file, None, f"{at}weight", "missing or negative"))
        options = []
        for o_index, opt in enumerate(raw.get("options") or []):
            if any("," in str(v) for v in (opt.get("label") or {}).values()):
                problems.append(Problem(file, None, f"{at}options[{o_index}].label",
                                        "must not contain a comma (it would break the sheet's dropdown)"))
            options.append(Option(str(opt.get("code")), float(opt.get("score", 0)), opt.get("label") or {}))
        if kind == "choice" and not options:
            problems.append(Problem(file, None, f"{at}options", "a choice needs options"))
        codes = {o.code for o in options} | ({"yes", "no"} if kind == "yesno" else set())
        for value in raw.get("auto_fail") or []:
            if value not in codes:
                problems.append(Problem(file, None, f"{at}auto_fail", f"'{value}' is not one of its answers"))
        out.append(CallItem(raw["id"], kind, float(raw.get("weight") or 0), label, bool(raw.get("required")),
                            tuple(options), raw.get("na_when"), tuple(str(v) for v in raw.get("auto_fail") or ()),
                            raw.get("better"), raw.get("good"), raw.get("ok")))
    return out


def load_scenario(scenario_id: str, folder: Path = CALLS_DIR) -> Scenario:
    """Load a scenario and prepend the line measures from ``line.yaml``.

    Raises:
        InputError: an unknown scenario, or problems naming the file and the field.
    """
    path = folder / f"{scenario_id}.yaml"
    if not path.exists():
        known = sorted(p.stem for p in folder.glob("*.yaml") if p.stem != "line")
        raise InputError([Problem(str(path), None, None,
                                  f"no scenario '{scenario_id}'; use one of: {', '.join(known)}")])
    problems: list[Problem] = []
    line = yaml.safe_load((folder / "line.yaml").read_text(encoding="utf-8")) or {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = _items(line.get("items"), str(folder / "line.yaml"), problems) + _items(data.get("items"), str(path),
                                                                                     problems)
    ids = [i.id for i in items]
    for item in items:
        if ids.count(item.id) > 1:
            problems.append(Problem(str(path), None, item.id, "this id is used twice"))
        for other in (item.na_when or {}):
            if other not in ids:
                problems.append(Problem(str(path), None, f"{item.id}.na_when", f"'{other}' is not an item"))
    for key in ("id", "version", "title", "script"):
        if not data.get(key):
            problems.append(Problem(str(path), None, key, "missing"))
    if problems:
        raise InputError(problems)
    return Scenario(str(data["id"]), str(data["version"]), data["title"], data["script"], tuple(items))


def scenario_ids(folder: Path = CALLS_DIR) -> list[str]:
    """The scenarios in the library."""
    return sorted(p.stem for p in folder.glob("*.yaml") if p.stem != "line")
