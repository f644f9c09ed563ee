"""The self-assessment as an XLSX an ISP fills in: instructions, dropdowns, protected structure, a column
for evidence links, and a hidden sheet that lets the reader detect a tampered structure."""

from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from audit.checklist.model import LANGS, Checklist
from audit.checklist.scoring import ANSWER_LABELS, answer_code
from audit.errors import InputError, Problem
from audit.tabular import save_workbook

SHEETS = {"ru": ("Инструкция", "Чек-лист"), "uk": ("Інструкція", "Чек-лист"), "en": ("Instructions", "Checklist")}
HEADERS = {
    "ru": ["ID", "Раздел", "Вопрос", "Ответ", "Ед.", "Что приложить", "Ссылка на доказательство", "Комментарий",
           "Баллы", "Ориентир"],
    "uk": ["ID", "Розділ", "Питання", "Відповідь", "Од.", "Що додати", "Посилання на доказ", "Коментар", "Бали",
           "Орієнтир"],
    "en": ["ID", "Section", "Question", "Answer", "Unit", "Evidence to keep", "Evidence link", "Comment", "Points",
           "Benchmark"],
}
INSTRUCTIONS = {
    "ru": ["Заполните столбец «Ответ» для каждого вопроса: выберите из списка или введите число.",
           "«Не применимо» — только если вопрос к вам не относится; такие вопросы не влияют на оценку.",
           "В столбец «Ссылка на доказательство» вставьте ссылку на документ, отчёт или запись.",
           "Не меняйте вопросы, порядок строк и столбцы: лист защищён, а изменённый файл не будет принят.",
           "Готовый файл: ispaudit checklist score ФАЙЛ.xlsx --isp ВАШ-SLUG"],
    "uk": ["Заповніть стовпець «Відповідь» для кожного питання: оберіть зі списку або введіть число.",
           "«Не застосовується» — лише якщо питання вас не стосується; такі питання не впливають на оцінку.",
           "У стовпець «Посилання на доказ» вставте посилання на документ, звіт або запис.",
           "Не змінюйте питання, порядок рядків і стовпці: аркуш захищено, змінений файл не буде прийнято.",
           "Готовий файл: ispaudit checklist score ФАЙЛ.xlsx --isp ВАШ-SLUG"],
    "en": ["Fill in the 'Answer' column for every question: pick from the list or type a number.",
           "'n/a' only where the question does not apply to you; such questions do not count either way.",
           "Paste a link to a document, report or recording into 'Evidence link'.",
           "Do not change questions, row order or columns: the sheet is protected and a changed file is refused.",
           "When done: ispaudit checklist score FILE.xlsx --isp YOUR-SLUG"],
}
ANSWER_COL, LINK_COL, COMMENT_COL = 4, 7, 8
_PASSWORD = "ispaudit"


def structure_digest(checklist: Checklist, lang: str) -> str:
    """A digest of the questions as the template shows them: ids and texts in order."""
    text = "\n".join(f"{item.id}|{item.text('question', lang)}" for item in checklist.items)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_template(checklist: Checklist, out: str | Path, lang: str = "ru") -> Path:
    """Write the fill-in XLSX (atomically).

    Args:
        checklist: the instrument.
        out: the file.
        lang: ``ru``, ``uk`` or ``en``.
    """
    if lang not in LANGS:
        raise InputError([Problem(str(out), None, None, f"unknown language '{lang}'; use ru, uk or en")])
    out = Path(out)
    book = Workbook()
    guide = book.active
    guide.title, sheet_name = SHEETS[lang]
    guide["A1"] = checklist.title.get(lang) or checklist.title["ru"]
    guide["A1"].font = Font(bold=True, size=14)
    for index, line in enumerate(INSTRUCTIONS[lang], start=3):
        guide.cell(index, 1, line)
    guide.cell(len(INSTRUCTIONS[lang]) + 4, 1, f"{checklist.id} v{checklist.version}")
    guide.column_dimensions["A"].width = 110
    guide.protection.sheet = True
    sheet = book.create_sheet(sheet_name)
    sheet.append(HEADERS[lang])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    labels = ANSWER_LABELS[lang]
    three = ",".join([labels["yes"], labels["partly"], labels["no"]])
    lists = {False: DataValidation(type="list", formula1=f'"{three}"', allow_blank=True, showErrorMessage=True),
             True: DataValidation(type="list", formula1='"' + ",".join(labels.values()) + '"', allow_blank=True,
                                  showErrorMessage=True)}
    number_rules = []
    for dv in lists.values():
        sheet.add_data_validation(dv)
    row = 2
    rows_of = []
    for section in checklist.sections:
        for item in section.items:
            sheet.append([item.id, section.title.get(lang) or section.title["ru"], item.text("question", lang), None,
                          item.unit or "", item.text("evidence", lang), None, None, item.points,
                          item.text("benchmark", lang) or ""])
            answer = sheet.cell(row, ANSWER_COL)
            if item.scale == "ynp":
                lists[item.na].add(answer)
            else:
                na = f'"{labels["na"]}"'
                rule = f"OR(ISNUMBER({answer.coordinate}),{answer.coordinate}={na})" if item.na \
                    else f"ISNUMBER({answer.coordinate})"
                dv = DataValidation(type="custom", formula1=rule, allow_blank=True, showErrorMessage=True,
                                    error=labels["na"] if item.na else "")
                sheet.add_data_validation(dv)
                dv.add(answer)
                number_rules.append(dv)
            for col in (ANSWER_COL, LINK_COL, COMMENT_COL):
                cell = sheet.cell(row, col)
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor="FFF8DC")
            for col in (3, 6, 10):
                sheet.cell(row, col).alignment = Alignment(wrap_text=True, vertical="top")
            rows_of.append((item.id, row))
            row += 1
    for col, width in zip("ABCDEFGHIJ", (22, 22, 60, 16, 6, 30, 30, 30, 7, 40), strict=True):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "D2"
    sheet.protection.sheet = True
    sheet.protection.password = _PASSWORD
    meta = book.create_sheet("meta")
    meta.append(["checklist", checklist.id])
    meta.append(["version", checklist.version])
    meta.append(["lang", lang])
    meta.append(["digest", structure_digest(checklist, lang)])
    for item_id, item_row in rows_of:
        meta.append([f"row:{item_id}", item_row])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    return save_workbook(book, out)


def read_filled(checklist: Checklist, path: str | Path) -> tuple[dict, dict, dict, str]:
    """Read a filled template: every answer checked; the structure must be the template's.

    Returns:
        answers (item id → ``yes``/``partly``/``no``/``na`` or a number), evidence links, comments, and
        the template's language.

    Raises:
        InputError: names the sheet, row and column of every problem; nothing is read.
    """
    path = Path(path)
    file = str(path)
    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the same problem to the user
        raise InputError([Problem(file, None, None, f"not a readable XLSX file ({type(exc).__name__})")]) from exc
    if "meta" not in book.sheetnames:
        raise InputError([Problem(file, None, None, "not a checklist template made by 'ispaudit checklist "
                                                    "template' (its hidden sheet is missing)")])
    meta = {str(r[0]): r[1] for r in book["meta"].iter_rows(values_only=True) if r and r[0]}
    lang = str(meta.get("lang") or "ru")
    if meta.get("checklist") != checklist.id or str(meta.get("version")) != checklist.version:
        made = f"{meta.get('checklist')} v{meta.get('version')}"
        raise InputError([Problem(file, None, None, f"made from checklist {made}; this kit has {checklist.id} "
                                                    f"v{checklist.version}: fill a fresh template "
                                                    "('ispaudit checklist template')")])
    sheet_name = SHEETS.get(lang, SHEETS["ru"])[1]
    if sheet_name not in book.sheetnames:
        raise InputError([Problem(file, None, None, f"the sheet '{sheet_name}' is missing; fill a fresh template")])
    sheet = book[sheet_name]
    headers = HEADERS[lang]
    problems: list[Problem] = []
    where = f"{file} (sheet '{sheet_name}')"
    if [sheet.cell(1, c).value for c in range(1, len(headers) + 1)] != headers:
        problems.append(Problem(where, 1, None, "the columns were changed; fill a fresh template"))
    if meta.get("digest") != structure_digest(checklist, lang):
        problems.append(Problem(where, None, None, "the template's questions differ from this kit's; fill a fresh "
                                                   "template"))
    answers, links, comments = {}, {}, {}
    labels = ANSWER_LABELS[lang]
    for item in checklist.items:
        row = int(meta.get(f"row:{item.id}") or 0)
        if not row or sheet.cell(row, 1).value != item.id or sheet.cell(row, 3).value != item.text("question", lang):
            problems.append(Problem(where, row or None, headers[0], f"expected question '{item.id}' here: the rows "
                                    "or questions were changed; fill a fresh template"))
            continue
        raw = sheet.cell(row, ANSWER_COL).value
        links[item.id] = _text(sheet.cell(row, LINK_COL).value)
        comments[item.id] = _text(sheet.cell(row, COMMENT_COL).value)
        allowed = [labels["yes"], labels["partly"], labels["no"]] + ([labels["na"]] if item.na else [])
        if raw is None or str(raw).strip() == "":
            problems.append(Problem(where, row, headers[3], f"the answer to '{item.id}' is missing; "
                                    + (f"choose one of: {', '.join(allowed)}" if item.scale == "ynp"
                                       else "type a number" + (f" or '{labels['na']}'" if item.na else ""))))
            continue
        code = answer_code(str(raw)) if isinstance(raw, str) else None
        if item.scale == "ynp":
            if code is None or (code == "na" and not item.na):
                problems.append(Problem(where, row, headers[3], f"'{raw}' is not allowed; use one of: "
                                                                f"{', '.join(allowed)}"))
                continue
            answers[item.id] = code
        elif code == "na" and item.na:
            answers[item.id] = "na"
        else:
            try:
                number = float(str(raw).replace(",", ".").replace("%", "").strip()) if not isinstance(
                    raw, int | float) else float(raw)
            except ValueError:
                problems.append(Problem(where, row, headers[3], f"'{raw}' is not a number" + (
                    f"; type a number or '{labels['na']}'" if item.na else "; type a number")))
                continue
            if number < 0:
                problems.append(Problem(where, row, headers[3], f"{raw} must not be negative"))
                continue
            answers[item.id] = number
    if problems:
        raise InputError(problems)
    return answers, links, comments, lang


def _text(value: object) -> str | None:
    return str(value).strip() if value not in (None, "") else None
