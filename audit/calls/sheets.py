"""Shopper sheets: an XLSX a field shopper fills offline (one row per planned call, dropdowns from the
scenario, real date-time cells, instructions), and reading it back with every cell checked."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from audit.calls.model import YESNO, CallItem, Scenario
from audit.calls.scoring import applicable
from audit.errors import InputError, Problem
from audit.tabular import save_workbook

FIXED = {"ru": ["ID звонка", "Провайдер (slug)", "Провайдер", "Тайный покупатель"],
         "uk": ["ID дзвінка", "Провайдер (slug)", "Провайдер", "Таємний покупець"],
         "en": ["Call ID", "ISP (slug)", "ISP", "Shopper"]}
NOTES = {"ru": "Заметки", "uk": "Нотатки", "en": "Notes"}
SHEET = {"ru": ("Инструкция", "Звонки"), "uk": ("Інструкція", "Дзвінки"), "en": ("Instructions", "Calls")}
GUIDE = {
    "ru": ["Один звонок — одна строка. Заполните своё имя в столбце «Тайный покупатель».",
           "Время начала звонка — дата и время (например 2026-11-20 10:15), не текст.",
           "Ответы выбирайте из списков; секунды и уровни — целыми числами; оценки — от 1 до 5.",
           "Пустая строка означает, что звонок ещё не сделан. Неприменимые пункты оставьте пустыми.",
           "Не меняйте столбцы и ID звонков. Готовый файл: ispaudit calls import ФАЙЛ.xlsx"],
    "uk": ["Один дзвінок — один рядок. Вкажіть своє ім'я у стовпці «Таємний покупець».",
           "Час початку — дата й час, не текст.", "Відповіді — зі списків; секунди — цілими числами; оцінки 1–5.",
           "Порожній рядок означає, що дзвінок ще не зроблено.", "Не змінюйте стовпці та ID дзвінків."],
    "en": ["One call per row. Put your name in 'Shopper'.", "The call's start is a date-time cell, not text.",
           "Pick answers from the lists; seconds and levels as whole numbers; ratings 1–5.",
           "An empty row is a call not made yet; leave items that do not apply empty.",
           "Do not change columns or call IDs. When done: ispaudit calls import FILE.xlsx"],
}


def _labels(item: CallItem, lang: str) -> dict[str, str]:
    """Answer code → its label in ``lang`` for yes/no and choice items."""
    if item.type == "yesno":
        return YESNO[lang]
    return {o.code: o.label.get(lang) or o.label.get("ru") or o.code for o in item.options}


def headers(scenario: Scenario, lang: str) -> list[str]:
    """The sheet's header row."""
    return FIXED[lang] + [item.text(lang) for item in scenario.items] + [NOTES[lang]]


def write_sheet(scenario: Scenario, planned: list[tuple[str, str, str]], out: str | Path, lang: str = "ru",
                tz: str = "Europe/Moscow") -> Path:
    """Write a shopper sheet.

    Args:
        scenario: the scenario.
        planned: (call id, ISP slug, ISP name) per planned call.
        out: the XLSX.
        lang: ``ru``, ``uk`` or ``en``.
        tz: the zone the shoppers' clock times are in.
    """
    out = Path(out)
    book = Workbook()
    guide = book.active
    guide.title, name = SHEET[lang]
    guide["A1"] = f"{scenario.title.get(lang) or scenario.title['ru']} (v{scenario.version})"
    guide["A1"].font = Font(bold=True, size=14)
    guide["A3"] = scenario.script.get(lang) or scenario.script.get("ru")
    for index, line in enumerate(GUIDE[lang], start=5):
        guide.cell(index, 1, line)
    guide.cell(11, 1, f"time zone: {tz}")
    guide.column_dimensions["A"].width = 120
    sheet = book.create_sheet(name)
    sheet.append(headers(scenario, lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    first_item_col = len(FIXED[lang]) + 1
    last_row = len(planned) + 1
    for call_id, slug, isp_name in planned:
        sheet.append([call_id, slug, isp_name])
    for offset, item in enumerate(scenario.items):
        col = first_item_col + offset
        letter = sheet.cell(1, col).column_letter
        area = f"{letter}2:{letter}{max(2, last_row)}"
        if item.type in ("yesno", "choice"):
            dv = DataValidation(type="list", formula1='"' + ",".join(_labels(item, lang).values()) + '"',
                                allow_blank=True, showErrorMessage=True)
        elif item.type == "rating":
            dv = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
                                showErrorMessage=True)
        elif item.type == "time":
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                showErrorMessage=True)
            for row in range(2, last_row + 1):
                sheet.cell(row, col).number_format = "yyyy-mm-dd hh:mm"
        else:
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                showErrorMessage=True)
        sheet.add_data_validation(dv)
        dv.add(area)
        sheet.column_dimensions[letter].width = 18
    for row in range(2, last_row + 1):
        for col in range(len(FIXED[lang]), len(headers(scenario, lang)) + 1):
            sheet.cell(row, col).protection = Protection(locked=False)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["C"].width = 24
    sheet.freeze_panes = sheet.cell(2, first_item_col)
    sheet.protection.sheet = True
    sheet.protection.password = "ispaudit"
    meta = book.create_sheet("meta")
    for key, value in (("scenario", scenario.id), ("version", scenario.version), ("lang", lang), ("tz", tz),
                       ("digest", digest(scenario, lang)), ("calls", len(planned))):
        meta.append([key, value])
    meta.sheet_state = "veryHidden"
    return save_workbook(book, out)


def digest(scenario: Scenario, lang: str) -> str:
    """A digest of the sheet's columns."""
    return hashlib.sha256("\n".join(headers(scenario, lang)).encode("utf-8")).hexdigest()


def read_sheet(path: str | Path, scenario_loader, known_isps: set[str]) -> tuple[Scenario, str, list[dict]]:
    """Read a filled sheet; empty rows (calls not made yet) are skipped.

    Args:
        path: the XLSX.
        scenario_loader: a function from scenario id to :class:`Scenario`.
        known_isps: the registry's slugs.

    Returns:
        The scenario, the sheet's time zone, and one dict per filled row (``call_id``, ``isp_slug``,
        ``shopper``, ``notes``, ``row`` and item id → answer code or number or datetime).

    Raises:
        InputError: naming sheet, row, column and the allowed values for every problem; nothing is read.
    """
    file = str(path)
    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the same problem to the user
        raise InputError([Problem(file, None, None, f"not a readable XLSX file ({type(exc).__name__})")]) from exc
    if "meta" not in book.sheetnames:
        raise InputError([Problem(file, None, None, "not a shopper sheet made by 'ispaudit calls sheet'")])
    meta = {str(r[0]): r[1] for r in book["meta"].iter_rows(values_only=True) if r and r[0]}
    lang, tz = str(meta.get("lang", "ru")), str(meta.get("tz", "Europe/Moscow"))
    scenario = scenario_loader(str(meta.get("scenario")))
    name = SHEET.get(lang, SHEET["ru"])[1]
    if name not in book.sheetnames:
        raise InputError([Problem(file, None, None, f"the sheet '{name}' is missing; make a new sheet")])
    sheet = book[name]
    where = f"{file} (sheet '{name}')"
    expected = headers(scenario, lang)
    got = [sheet.cell(1, c).value for c in range(1, len(expected) + 1)]
    if str(meta.get("version")) != scenario.version or got != expected:
        raise InputError([Problem(where, 1, None, "the columns differ from the scenario's; make a new sheet with "
                                                  "'ispaudit calls sheet'")])
    problems: list[Problem] = []
    rows = []
    fixed = len(FIXED[lang])
    for row in range(2, sheet.max_row + 1):
        cells = [sheet.cell(row, c).value for c in range(1, len(expected) + 1)]
        answers = cells[fixed:fixed + len(scenario.items)]
        if all(v in (None, "") for v in answers) and cells[3] in (None, ""):
            continue
        record = {"row": row, "call_id": cells[0], "isp_slug": cells[1], "shopper": cells[3], "notes": cells[-1]}
        if not cells[0]:
            problems.append(Problem(where, row, expected[0], "the call ID is missing; do not edit this column"))
        if cells[1] not in known_isps:
            problems.append(Problem(where, row, expected[1], f"'{cells[1]}' is not in the registry"))
        if not cells[3]:
            problems.append(Problem(where, row, expected[3], "the shopper's name is missing"))
        values = {}
        for item, raw in zip(scenario.items, answers, strict=True):
            values[item.id] = _value(item, raw, lang, where, row, item.text(lang), problems)
        for item in scenario.items:
            if item.required and values.get(item.id) is None and applicable(item, values):
                problems.append(Problem(where, row, item.text(lang), "required; " + _allowed(item, lang)))
        record.update(values)
        rows.append(record)
    if problems:
        raise InputError(problems)
    return scenario, tz, rows


def _allowed(item: CallItem, lang: str) -> str:
    if item.type in ("yesno", "choice"):
        return "use one of: " + ", ".join(_labels(item, lang).values())
    if item.type == "time":
        return "enter a date and time (a date-time cell, e.g. 2026-11-20 10:15)"
    if item.type == "rating":
        return "enter a whole number from 1 to 5"
    return "enter a whole number, 0 or more"


def _value(item: CallItem, raw, lang: str, where: str, row: int, column: str, problems: list[Problem]):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if item.type in ("yesno", "choice"):
        text = str(raw).strip().lower()
        for code, label in _labels(item, lang).items():
            if text == label.lower() or text == code:
                return code
        problems.append(Problem(where, row, column, f"'{raw}' is not allowed; {_allowed(item, lang)}"))
        return None
    if item.type == "time":
        if isinstance(raw, datetime):
            return raw
        problems.append(Problem(where, row, column, f"'{raw}' is text, not a time; {_allowed(item, lang)}"))
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or float(raw) != int(raw) or raw < 0 or (
            item.type == "rating" and not 1 <= raw <= 5):
        problems.append(Problem(where, row, column, f"'{raw}' is not allowed; {_allowed(item, lang)}"))
        return None
    return int(raw)
