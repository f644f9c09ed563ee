"""Writing tables: formula injection escaped, XLSX read back with openpyxl, atomic writes."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from audit.tabular import escape_formula, read_sheet, write_table


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1,1)", "'@SUM(1,1)"),
    ("\t=1", "'\t=1"),
    ("+79120001122", "+79120001122"),
    ("-5", "-5"),
    ("+7 (912) 000-11-22", "+7 (912) 000-11-22"),
    ("Линк", "Линк"),
    (42, 42),
])
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected


def test_xlsx_round_trip_keeps_text_and_defuses_formulas(tmp_path):
    frame = pd.DataFrame({"slug": ["a", "b"], "note": ["=1+1", "ok"], "n": [1, None]})
    path = write_table(frame, tmp_path / "out" / "t.xlsx")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == ["slug", "note", "n"]
    assert sheet["B2"].value == "'=1+1" and sheet["B2"].data_type == "s"
    assert sheet["C3"].value is None
    assert read_sheet(path).rows[0] == (2, {"slug": "a", "note": "'=1+1", "n": "1"})


def test_csv_has_bom_for_excel(tmp_path):
    path = write_table(pd.DataFrame({"name": ["Линк"]}), tmp_path / "t.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfname")


def test_failed_write_leaves_no_file(tmp_path):
    class Boom:
        def __str__(self):
            raise RuntimeError("boom")

    frame = pd.DataFrame({"x": [Boom()]})
    with pytest.raises((RuntimeError, ValueError)):
        write_table(frame, tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []
