"""Call-log readers on fixture logs of every format, broken variants included."""

from __future__ import annotations

import pytest

from audit.callbacks import readers
from audit.callbacks.readers import ShopperLine
from audit.callbacks.service import import_call_log
from audit.callbacks.store import calls_frame
from audit.errors import InputError

LINE = ShopperLine("+79120001122")
YEKB = "Asia/Yekaterinburg"


def test_asterisk_16_columns_keeps_only_calls_to_the_shopper(fixture_copy):
    read = readers.read_asterisk(fixture_copy("calllogs/asterisk_16_columns.csv"), LINE, YEKB)
    assert read.rows_read == 2 and read.skipped == {"not to the shopper's line": 1}
    (leg,) = read.legs
    assert (leg.caller, leg.started_at, leg.answered, leg.duration_s) == (
        "+73452505050", "2026-11-20T05:12:34Z", True, 80)
    assert leg.raw["clid"] == '"LinKom" <83452505050>'


def test_asterisk_ring_group_counts_once_and_810_prefix(fixture_copy, ws):
    path = fixture_copy("calllogs/asterisk_ring_group_21_columns.csv")
    report = import_call_log(ws, path, "asterisk", "89120001122", YEKB)
    assert (report.rows_read, report.legs_found, report.legs_added) == (4, 4, 4)
    calls = calls_frame(ws)
    assert len(calls) == 2
    group = calls[calls["call_key"] == "1763625605.10"].iloc[0]
    assert group["legs"] == 3 and bool(group["answered"]) and group["caller"] == "+73433102030"
    assert group["started_at"].isoformat() == "2026-11-20T07:00:05+00:00"
    other = calls[calls["call_key"] == "1763631000.20"].iloc[0]
    assert other["caller"] == "+375291112233" and not other["answered"]


def test_reimport_and_overlap_add_nothing(fixture_copy, ws):
    path = fixture_copy("calllogs/asterisk_ring_group_21_columns.csv")
    import_call_log(ws, path, "asterisk", "+79120001122", YEKB)
    again = import_call_log(ws, path, "asterisk", "+79120001122", YEKB)
    assert again.legs_added == 0 and "4 call leg(s) to the shopper, 0 new (4 already imported)" in again.lines()[0]
    first = import_call_log(ws, fixture_copy("calllogs/android_calls_overlap.xml"), "android", "+79120001122")
    full = import_call_log(ws, fixture_copy("calllogs/android_calls.xml"), "android", "+79120001122")
    assert (first.legs_added, full.legs_found, full.legs_added) == (2, 4, 2)


def test_asterisk_missed_calls_count_as_calls(fixture_copy):
    read = readers.read_asterisk(fixture_copy("calllogs/asterisk_missed_calls.csv"), LINE, YEKB)
    assert [(leg.disposition, leg.answered, leg.call_key) for leg in read.legs] == [
        ("BUSY", False, "1763697600.1"), ("NO ANSWER", False, "1763697900.2")]


def test_asterisk_bytes_that_are_not_utf8(fixture_copy):
    read = readers.read_asterisk(fixture_copy("calllogs/asterisk_non_utf8_clid.csv"), LINE, YEKB)
    assert read.legs[0].raw["clid"] == '"Линк" <83452505050>' and read.legs[0].raw["userfield"] == "vip"


def test_asterisk_broken_rows_are_counted_not_fatal(fixture_copy):
    read = readers.read_asterisk(fixture_copy("calllogs/asterisk_wrong_columns.csv"), LINE, YEKB)
    assert len(read.legs) == 1
    assert read.skipped == {"wrong number of columns (4; Master.csv has 16, 17, 18 or 21)": 1,
                            "unreadable start time": 1}


@pytest.mark.parametrize("name, zone, message", [
    ("asterisk_16_columns.csv", None, "Asterisk times are the PBX's local time: give its zone with --tz"),
    ("asterisk_16_columns.csv", "Mars/Olympus", "'Mars/Olympus' is not an IANA time zone"),
    ("asterisk_with_header.csv", YEKB, "row 1: this file has a header row; Asterisk's Master.csv has none"),
    ("empty.csv", YEKB, "the file is empty; expected an Asterisk Master.csv"),
])
def test_asterisk_errors(fixture_copy, name, zone, message):
    path = fixture_copy(f"calllogs/{name}")
    with pytest.raises(InputError) as err:
        readers.read_asterisk(path, LINE, zone)
    assert message in str(err.value) and str(path) in str(err.value)


def test_garbage_is_not_an_asterisk_log(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("hello,world\nfoo,bar\n")
    with pytest.raises(InputError, match=r"no row could be read as an Asterisk Master.csv \(2 × wrong number"):
        readers.read_asterisk(path, LINE, YEKB)


def test_cdr_custom_through_a_mapping(fixture_copy):
    mapping = readers.load_mapping(fixture_copy("calllogs/cdr_custom_mapping.yaml"))
    read = readers.read_mapped_csv(fixture_copy("calllogs/cdr_custom.csv"), LINE, "Europe/Moscow", mapping)
    (leg,) = read.legs
    assert (leg.caller, leg.started_at, leg.answered, leg.call_key) == (
        "+78612001020", "2026-11-20T12:00:00Z", True, "1763643600.9")


def test_mapping_errors_name_the_key(tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("header: false\ncaller: src\n")
    with pytest.raises(InputError) as err:
        readers.load_mapping(bad)
    assert f"{bad}, column 'started_at': required in a mapping" in str(err.value)


def test_freeswitch_and_a_spreadsheet_resave(fixture_copy):
    read = readers.read_freeswitch(fixture_copy("calllogs/freeswitch_example.csv"), LINE, "Asia/Novosibirsk")
    assert [(leg.started_at, leg.answered, leg.disposition) for leg in read.legs] == [
        ("2026-11-20T09:20:00Z", False, "NO_ANSWER"), ("2026-11-20T09:40:00Z", True, "NORMAL_CLEARING")]
    resaved = readers.read_freeswitch(fixture_copy("calllogs/freeswitch_resaved.csv"), LINE, "Asia/Novosibirsk")
    assert {leg.call_key for leg in resaved.legs} == {"a1b2c3d4-0001"} and len(resaved.legs) == 2
    assert resaved.legs[0].started_at == "2026-11-20T09:20:00Z"


def test_android_types_and_unknown_codes(fixture_copy):
    read = readers.read_android(fixture_copy("calllogs/android_calls.xml"), LINE)
    kinds = [(leg.direction, leg.answered, leg.disposition, leg.started_at) for leg in read.legs]
    assert kinds == [("inbound", True, "incoming", "2026-11-20T07:12:34Z"),
                     ("inbound", False, "missed", "2026-11-20T08:00:05Z"),
                     ("inbound", False, "rejected", "2026-11-21T04:00:00Z"),
                     ("outbound", True, "outgoing", "2026-11-21T04:40:00Z")]
    assert read.skipped == {"unknown call type code 42": 1}


def test_android_broken_xml(fixture_copy):
    with pytest.raises(InputError, match="not a readable XML call backup"):
        readers.read_android(fixture_copy("calllogs/android_broken.xml"), LINE)


def test_spreadsheet_times():
    assert readers.local_to_utc("2026/11/20 16:20", "Asia/Novosibirsk") == "2026-11-20T09:20:00Z"
    assert readers.local_to_utc("20.11.2026 16:20:05", "UTC") == "2026-11-20T16:20:05Z"
    with pytest.raises(ValueError):
        readers.local_to_utc("вчера", "UTC")
