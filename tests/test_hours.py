"""Working hours as ISPs write them."""

from __future__ import annotations

import pytest

from audit.hours import HoursError, parse_hours, week_from_json, week_to_json

WEEKDAYS_9_18 = {d: [(540, 1080)] for d in range(5)}


@pytest.mark.parametrize("text, week", [
    ("Пн-Пт 9:00-18:00, Сб 10:00-16:00", {**WEEKDAYS_9_18, 5: [(600, 960)]}),
    ("Mon-Fri 9-18", WEEKDAYS_9_18),
    ("Будни 9-18", WEEKDAYS_9_18),
    ("Пн–Пт: 09.00–18.00; Сб-Вс: выходной", WEEKDAYS_9_18),
    ("понедельник-пятница с 9:00 до 18:00", WEEKDAYS_9_18),
    ("Дс-Жм 9:00-18:00", WEEKDAYS_9_18),
    ("пн,ср,пт 10-19", {0: [(600, 1140)], 2: [(600, 1140)], 4: [(600, 1140)]}),
    ("Пн-Нд 8:00-22:00", {d: [(480, 1320)] for d in range(7)}),
    ("ежедневно с 8 до 20, обед 13-14", {d: [(480, 780), (840, 1200)] for d in range(7)}),
    ("Пн-Пт 9-18, выходные 10-16", {**WEEKDAYS_9_18, 5: [(600, 960)], 6: [(600, 960)]}),
    ("Пт-Пн 10-12", {4: [(600, 720)], 5: [(600, 720)], 6: [(600, 720)], 0: [(600, 720)]}),
    ("ежедневно 20:00-08:00", {d: [(1200, 1920)] for d in range(7)}),
])
def test_parse(text, week):
    assert parse_hours(text) == week


@pytest.mark.parametrize("text", ["круглосуточно", "Круглосуточно, без выходных", "24/7", "цілодобово",
                                  "24 часа"])
def test_round_the_clock(text):
    assert parse_hours(text) == {d: [(0, 1440)] for d in range(7)}


@pytest.mark.parametrize("text, message", [
    ("9-18", "no days given before '9-18' in '9-18'; write e.g. 'Пн-Пт 9-18' or 'ежедневно 9-18'"),
    ("пн-пт 9-24:30", "'24:30' is not a time of day"),
    ("Пн-Пт 9:75-18", "'9:75' is not a time of day"),
    ("по записи", "cannot read 'записи' in 'по записи'; write e.g. 'Пн-Пт 9:00-18:00, Сб 10:00-16:00' "
                  "or 'круглосуточно'"),
    ("Пн-Пт выходной", "no working time found in 'Пн-Пт выходной'; write e.g. 'Пн-Пт 9:00-18:00'"),
])
def test_errors(text, message):
    with pytest.raises(HoursError) as err:
        parse_hours(text)
    assert str(err.value) == message


def test_json_round_trip():
    week = parse_hours("Пн-Пт 9:00-18:00, обед 13-14, Сб 10-16")
    assert week_from_json(week_to_json(week)) == week
    assert week_to_json({0: [(540, 1080)]}) == '{"mon": [["09:00", "18:00"]]}'
