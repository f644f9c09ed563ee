"""Reading spreadsheets as users have them (CSV in UTF-8, UTF-8 with BOM or cp1251, `,` `;` or tab; XLSX)
and writing them safely (text that a spreadsheet would run as a formula is escaped)."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from audit.errors import InputError, Problem

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?[\d\s().-]+$")


@dataclass(frozen=True)
class Sheet:
    """A table read from a file.

    Attributes:
        file: the file's name as the user gave it.
        columns: the header cells, stripped.
        rows: (row number as the spreadsheet shows it, {column: text}) for each non-empty row.
        encoding: the text encoding a CSV was read with, or ``"xlsx"``.
    """

    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    encoding: str


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" and not
                                           data.startswith(b"\xef\xbb\xbf") else encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "utf-8 (with unreadable bytes replaced)"


def _delimiter(text: str) -> str:
    """The separator of a CSV: whichever of ``;``, ``,`` and tab the header line uses most.

    The header decides because its cells (column names) hold no separators, unlike values such as
    ``"Пн-Пт 9:00-18:00, Сб 10:00-16:00"`` that fool a sniffer reading the whole file.
    """
    header = re.sub(r'"[^"]*"', "", text.lstrip("\ufeff").splitlines()[0])
    return max(";,\t", key=header.count)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def read_sheet(path: str | Path, sheet_name: str | None = None) -> Sheet:
    """Read the first sheet of an XLSX file, or a CSV file, into text cells.

    Args:
        path: a ``.csv``/``.txt`` or ``.xlsx``/``.xlsm`` file.
        sheet_name: for XLSX, the sheet to read (default: the first).

    Raises:
        InputError: the file is missing, empty, not a table, or has duplicate or empty headers.
    """
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError([Problem(name, None, None, "file not found")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raw_rows, encoding = _xlsx_rows(path, name, sheet_name), "xlsx"
    else:
        text, encoding = _decode(path.read_bytes())
        if not text.strip():
            raise InputError([Problem(name, None, None, "the file is empty; it needs a header row "
                                                        "and one row per ISP")])
        raw_rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]
    if not raw_rows or not any(raw_rows[0]):
        raise InputError([Problem(name, 1, None, "the first row must be the header (slug, name, "
                                                 "website, …)")])
    columns = [c.strip().lstrip("\ufeff") for c in raw_rows[0]]
    problems = []
    seen: set[str] = set()
    for index, col in enumerate(columns):
        if col and col.lower() in seen:
            problems.append(Problem(name, 1, col, "this column appears twice; keep one"))
        seen.add(col.lower())
        if not col and any(len(r) > index and r[index] for r in raw_rows[1:]):
            problems.append(Problem(name, 1, f"#{index + 1}", "this column has values but no header"))
    if problems:
        raise InputError(problems)
    rows = []
    for number, cells in enumerate(raw_rows[1:], start=2):
        if not any(cells):
            continue
        extra = [c for c in cells[len(columns):] if c]
        if extra:
            raise InputError([Problem(name, number, None,
                                      f"this row has {len(cells)} cells but the header has "
                                      f"{len(columns)}; check for a stray separator")])
        rows.append((number, {col: (cells[i] if i < len(cells) else "")
                              for i, col in enumerate(columns) if col}))
    return Sheet(name, [c for c in columns if c], rows, encoding)


def _xlsx_rows(path: Path, name: str, sheet_name: str | None) -> list[list[str]]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError([Problem(name, None, None, f"not a readable XLSX file ({exc})")]) from exc
    try:
        if sheet_name and sheet_name not in book.sheetnames:
            raise InputError([Problem(name, None, None, f"no sheet '{sheet_name}' (sheets: "
                                                        f"{', '.join(book.sheetnames)})")])
        sheet = book[sheet_name] if sheet_name else book.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def escape_formula(value: object) -> object:
    """Defuse text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first).

    Numbers, and text made only of digits and phone punctuation (``+79120001122``, ``-5``), pass
    unchanged: a spreadsheet reads them as numbers, never as a call to a function.

    Args:
        value: any cell value.

    Returns:
        The value, with a leading ``'`` added to dangerous text.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`escape_formula`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(escape_formula)
    return out


def save_workbook(book: Workbook, out: str | Path) -> Path:
    """Save an openpyxl workbook atomically: a failed save leaves no partial file (and keeps an old one)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def write_table(frame: pd.DataFrame, out: str | Path, fmt: str | None = None,
                sheet_title: str = "data") -> Path:
    """Write a table to CSV (UTF-8 with BOM, so Excel reads Cyrillic) or XLSX, atomically and escaped.

    Args:
        frame: the table.
        out: the file to write; its folder is created.
        fmt: ``csv`` or ``xlsx``; None means from the file's suffix.
        sheet_title: the XLSX sheet's name.

    Returns:
        The path written.
    """
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in ("csv", "xlsx"):
        raise InputError([Problem(str(out), None, None, "the format must be csv or xlsx")])
    out.parent.mkdir(parents=True, exist_ok=True)
    safe = safe_frame(frame)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        if fmt == "csv":
            safe.to_csv(tmp, index=False, encoding="utf-8-sig")
        else:
            _write_xlsx(safe, Path(tmp), sheet_title)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def _xlsx_value(value: object) -> object:
    """A cell value openpyxl accepts: missing → empty, numpy scalars → Python, aware times → naive UTC."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, list | dict | set | tuple):
        return str(value)
    return value.item() if hasattr(value, "item") else value


def _write_xlsx(frame: pd.DataFrame, path: Path, title: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_xlsx_value(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, col in enumerate(frame.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, width + 2)
    book.save(path)
