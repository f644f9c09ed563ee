"""Each malformed registry gives its exact message, naming file, row and column, and writes nothing."""

from __future__ import annotations

import pytest

from audit.errors import InputError
from audit.registry.store import import_registry

HEADER = "slug,name,website,region,timezone,phones,subscribers,arpu,working_hours"
GOOD = "ok,Ok,https://ok.ru,,Europe/Moscow,,,,"

CASES = [
    ("empty slug", ",Линк Телеком,https://a.ru,,,,,,",
     "row 3, column 'slug': the slug is empty; give a short latin id, e.g. 'link-telekom'"),
    ("slug alphabet", "Link Telecom,Link,https://a.ru,,,,,,",
     "row 3, column 'slug': slug 'Link Telecom' may hold only lowercase latin letters, digits, '-' and "
     "'_' (64 at most); e.g. 'link-telecom'"),
    ("empty name", "a,,https://a.ru,,,,,,",
     "row 3, column 'name': the name is empty; give the ISP's brand name"),
    ("glued urls", "a,A,http://a.ruhttp://b.ru,,,,,,",
     "row 3, column 'website': two addresses are glued together ('http://a.ru' and 'http://b.ru'); keep one"),
    ("empty website", "a,A,,,,,,,",
     "row 3, column 'website': the website is empty; give the ISP's address, e.g. 'https://isp.ru'"),
    ("other scheme", "a,A,ftp://a.ru,,,,,,",
     "row 3, column 'website': 'ftp://a.ru' is not a web address; give an http:// or https:// one"),
    ("no domain", "a,A,http://isp,,,,,,",
     "row 3, column 'website': 'isp' is not a valid domain name; give e.g. 'https://isp.ru'"),
    ("bad port", "a,A,http://a.ru:99999,,,,,,",
     "row 3, column 'website': 'http://a.ru:99999' has a bad port number"),
    ("bad zone", "a,A,a.ru,,Moscow/Europe,,,,",
     "row 3, column 'timezone': 'Moscow/Europe' is not an IANA time zone; write e.g. 'Europe/Moscow', "
     "'Asia/Yekaterinburg', 'Europe/Kyiv'"),
    ("local phone", "a,A,a.ru,,,12-34-56,,,",
     "row 3, column 'phones': '12-34-56' is not a valid phone number; write it with the country or area "
     "code, e.g. '+7 3452 12-34-56'"),
    ("subscribers text", "a,A,a.ru,,,,много,,",
     "row 3, column 'subscribers': 'много' is not a number; write digits only, e.g. 12000"),
    ("subscribers negative", "a,A,a.ru,,,,-5,,",
     "row 3, column 'subscribers': '-5' must not be negative"),
    ("subscribers fraction", "a,A,a.ru,,,,12.5,,",
     "row 3, column 'subscribers': '12.5' must be a whole number"),
    ("arpu text", "a,A,a.ru,,,,,abc,",
     "row 3, column 'arpu': 'abc' is not a number; write digits only, e.g. 550.50"),
    ("hours word", "a,A,a.ru,,,,,,abc 9-18",
     "row 3, column 'working_hours': cannot read 'abc' in 'abc 9-18'; write e.g. 'Пн-Пт 9:00-18:00, "
     "Сб 10:00-16:00' or 'круглосуточно'"),
    ("hours without days", "a,A,a.ru,,,,,,9-18",
     "row 3, column 'working_hours': no days given before '9-18' in '9-18'; write e.g. 'Пн-Пт 9-18' or "
     "'ежедневно 9-18'"),
    ("hours past midnight", "a,A,a.ru,,,,,,Пн-Пт 9-25",
     "row 3, column 'working_hours': '25:00' is not a time of day"),
    ("extra cells", "a,A,a.ru,,,,,,,,stray",
     "row 3: this row has 11 cells but the header has 9; check for a stray separator"),
]


@pytest.mark.parametrize("row, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_row_exact_message(tmp_path, ws, row, message):
    path = tmp_path / "isps.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_registry(ws, path)
    assert str(err.value) == f"{path}, {message}\nNothing was imported."
    assert ws.db.execute("SELECT COUNT(*) FROM isps").fetchone()[0] == 0


FILE_CASES = [
    ("missing column", "slug,name,site_url\na,A,a.ru\n",
     "row 1: missing required column(s): website (found: slug, name, site_url); the header needs slug, "
     "name, website"),
    ("column twice", "slug,name,website,Website\na,A,a.ru,b.ru\n",
     "row 1, column 'Website': this column appears twice; keep one"),
    ("two names for one column", "slug,name,website,phones,телефон\na,A,a.ru,,\n",
     "row 1: columns phones, телефон all mean 'phones'; keep one"),
    ("header only", "slug,name,website\n", ": the file has a header but no ISP rows"),
    ("empty file", "", ": the file is empty; it needs a header row and one row per ISP"),
    ("values without header", "slug,name,website,\na,A,a.ru,x\n",
     "row 1, column '#4': this column has values but no header"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_bad_file_exact_message(tmp_path, ws, text, message):
    path = tmp_path / "isps.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_registry(ws, path)
    where = message if message.startswith(":") else f", {message}"
    assert str(err.value) == f"{path}{where}\nNothing was imported."


def test_missing_file(tmp_path, ws):
    with pytest.raises(InputError) as err:
        import_registry(ws, tmp_path / "nope.csv")
    assert str(err.value) == f"{tmp_path / 'nope.csv'}: file not found\nNothing was imported."


def test_not_an_xlsx(tmp_path, ws):
    path = tmp_path / "isps.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(InputError, match=r"isps.xlsx: not a readable XLSX file"):
        import_registry(ws, path)


def test_many_problems_are_all_counted(tmp_path, ws):
    path = tmp_path / "isps.csv"
    path.write_text(HEADER + "\n" + "\n".join(f"s{i},,x,,,,,," for i in range(40)) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_registry(ws, path)
    assert len(err.value.problems) == 80
    assert str(err.value).startswith("80 problem(s) found; nothing was imported:\n")
    assert str(err.value).endswith("... and 50 more problem(s)")
