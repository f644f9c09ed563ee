"""Registry import from files as users have them: encodings, separators, XLSX, re-import."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from audit.campaigns import add_isps, campaign_slugs, create_campaign
from audit.errors import InputError
from audit.registry.queries import isps_frame
from audit.registry.store import import_registry
from audit.tabular import read_sheet


@pytest.mark.parametrize("name, encoding", [("registry_cp1251_semicolon.csv", "cp1251"),
                                            ("registry_utf8_bom_comma.csv", "utf-8-sig")])
def test_csv_encodings_and_separators_read_the_same(fixture_copy, ws, name, encoding):
    path = fixture_copy(f"registry/{name}")
    sheet = read_sheet(path)
    assert sheet.encoding == encoding
    assert sheet.rows[0][1]["working_hours"] == "Пн-Пт 9:00-18:00, Сб 10:00-16:00"
    summary = import_registry(ws, path)
    assert summary.created == ["linkom", "sibnet-tv", "gorset"]
    isps = isps_frame(ws).set_index("slug")
    assert isps.loc["linkom", "phones"] == "+73452505050; +79120001122"
    assert isps.loc["linkom", "subscribers"] == 12500
    assert isps.loc["linkom", "arpu"] == 650.5
    assert isps.loc["linkom", "timezone"] == "Asia/Yekaterinburg"
    assert isps.loc["linkom", "extras"] == "manager=Иванов"
    assert isps.loc["sibnet-tv", "website"] == "https://sibnet-tv.ru/"
    assert isps.loc["gorset", "website"] == "http://www.gorset.рф"
    assert isps.loc["gorset", "phones"] == "+78612001020; +78001002030"
    assert json.loads(isps.loc["gorset", "working_hours_json"])["mon"] == [["08:00", "13:00"],
                                                                          ["14:00", "20:00"]]
    fixes = [str(w) for w in summary.warnings]
    assert f"{path}, row 3, column 'website': removed a doubled 'http://': now 'https://sibnet-tv.ru/'" in fixes
    assert f"{path}, row 4, column 'website': added 'http://': now 'http://www.gorset.рф'" in fixes


def test_russian_headers_are_understood(fixture_copy, ws):
    summary = import_registry(ws, fixture_copy("registry/registry_russian_headers.csv"))
    assert summary.created == ["kedr", "volna"]
    isps = isps_frame(ws).set_index("slug")
    assert isps.loc["volna", "timezone"] == "Asia/Almaty"
    assert isps.loc["kedr", "working_hours"] == "Пн-Сб 9-19"


def test_messy_list_reports_every_problem_and_writes_nothing(fixture_copy, ws):
    path = fixture_copy("registry/registry_glued_urls_and_duplicates.csv")
    with pytest.raises(InputError) as err:
        import_registry(ws, path)
    assert [str(p) for p in err.value.problems] == [
        f"{path}, row 2, column 'website': two addresses are glued together ('http://a-net.ru' and "
        "'http://b-net.ru'); keep one",
        f"{path}, row 3, column 'phones': '12-34-56' is not a valid phone number; write it with the "
        "country or area code, e.g. '+7 3452 12-34-56'",
    ]
    assert ws.db.execute("SELECT COUNT(*) FROM isps").fetchone()[0] == 0
    assert ws.db.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0


def test_duplicate_slug_names_both_rows(tmp_path, ws):
    path = tmp_path / "dup.csv"
    path.write_text("slug,name,website\na,A,a.ru\nb,B,b.ru\na,A2,a2.ru\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_registry(ws, path)
    assert str(err.value) == (f"{path}, row 4, column 'slug': slug 'a' is already used in row 2; each ISP "
                              "needs its own slug\nNothing was imported.")


def test_same_website_twice_is_a_warning(tmp_path, ws):
    path = tmp_path / "twice.csv"
    path.write_text("slug,name,website\na,A,https://www.a.ru/\nb,B,http://a.ru\n", encoding="utf-8")
    summary = import_registry(ws, path)
    assert [str(w) for w in summary.warnings if w.column == "website"] == [
        f"{path}, row 3, column 'website': same website as row 2 ('a'); is this ISP listed twice?"]


def test_xlsx_with_numeric_cells(tmp_path, ws):
    book = Workbook()
    sheet = book.active
    sheet.append(["slug", "name", "website", "phones", "subscribers", "timezone"])
    sheet.append(["omega", "Омега", "https://omega.ru", 79120001122, 4500, "Europe/Moscow"])
    sheet.append(["sigma", "Сигма", "sigma.ru", "+7 912 000-11-33", 1200.0, "europe/samara"])
    path = tmp_path / "isps.xlsx"
    book.save(path)
    summary = import_registry(ws, path)
    assert summary.created == ["omega", "sigma"]
    isps = isps_frame(ws).set_index("slug")
    assert isps.loc["omega", "phones"] == "+79120001122"
    assert isps.loc["sigma", "subscribers"] == 1200
    assert isps.loc["sigma", "timezone"] == "Europe/Samara"
    assert "read 'europe/samara' as 'Europe/Samara'" in str(summary.warnings[-1])


def test_reimport_updates_by_slug_and_loses_nothing(tmp_path, ws):
    first = tmp_path / "v1.csv"
    first.write_text("slug,name,website,phones,subscribers,region\n"
                     "a,A,a.ru,+7 912 000 11 22,100,Омская обл.\nb,B,b.ru,,200,\n", encoding="utf-8")
    import_registry(ws, first)
    a_id = ws.db.execute("SELECT id FROM isps WHERE slug='a'").fetchone()[0]
    ws.db.execute("INSERT INTO isp_numbers (isp_id, e164, source, added_at) VALUES (?, '+73812000000', "
                  "'site', 'x')", (a_id,))
    campaign = create_campaign(ws, "c1", "sector")
    add_isps(ws, campaign, ["a", "b"])
    second = tmp_path / "v2.csv"  # no subscribers or region column; a renamed; b unchanged; c new
    second.write_text("slug,name,website,phones\na,A renamed,a.ru,+7 912 000 11 33\nb,B,b.ru,\n"
                      "c,C,c.ru,\n", encoding="utf-8")
    summary = import_registry(ws, second)
    assert (summary.created, summary.updated, summary.unchanged) == (["c"], ["a"], ["b"])
    assert ws.db.execute("SELECT id FROM isps WHERE slug='a'").fetchone()[0] == a_id
    isps = isps_frame(ws).set_index("slug")
    assert isps.loc["a", "name"] == "A renamed"
    assert isps.loc["a", "subscribers"] == 100
    assert isps.loc["a", "region"] == "Омская обл."
    assert isps.loc["a", "timezone"] == "Asia/Omsk"
    assert isps.loc["a", "phones"] == "+79120001133"
    assert isps.loc["a", "site_phones"] == "+73812000000"
    assert campaign_slugs(ws, campaign) == ["a", "b"]
    assert import_registry(ws, second).unchanged == ["a", "b", "c"]


def test_import_log_records_file_and_hash(fixture_copy, ws):
    path = fixture_copy("registry/registry_cp1251_semicolon.csv")
    import_registry(ws, path)
    row = ws.db.execute("SELECT kind, rows, summary_json FROM imports").fetchone()
    assert row["kind"] == "registry" and row["rows"] == 3
    assert json.loads(row["summary_json"])["encoding"] == "cp1251"
