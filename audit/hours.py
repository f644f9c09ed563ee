"""Working hours: reading what ISPs write ("Пн-Пт 9:00-18:00, Сб 10-16", "круглосуточно") into a week.

A week is a dict from weekday (0 = Monday) to a list of (start, end) minute pairs; an end past 1440
runs over midnight. Days that are absent are closed.
"""

from __future__ import annotations

import json
import re

Week = dict[int, list[tuple[int, int]]]

ALL_DAYS = tuple(range(7))
_DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Two-letter and short forms in Russian, Ukrainian, Kazakh and English.
_DAY_ABBREV = {
    "пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6, "нд": 6,
    "дс": 0, "сс": 1, "бс": 3, "жм": 4, "жс": 6,
    "mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6,
}
# The first three letters of full day names; collisions between languages agree on the day.
_DAY_PREFIX = {
    "пон": 0, "вто": 1, "сре": 2, "чет": 3, "пят": 4, "суб": 5, "вос": 6,
    "вів": 1, "сер": 2, "п'я": 4, "пʼя": 4, "нед": 6,
    "дүй": 0, "сей": 1, "сәр": 2, "бей": 3, "жұм": 4, "сен": 5, "жек": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}
_ROUND_THE_CLOCK = ("круглосуточно", "цілодобово", "тәулікбойы", "24/7", "24x7", "24х7",
                    "24часа", "24h", "aroundtheclock", "roundtheclock")
_DAILY = {"ежедневно", "безвыходных", "щодня", "щоденно", "безвихідних", "daily", "everyday",
          "күнсайын", "всегда"}
_CLOSED = {"выходной", "вых", "вихідний", "closed", "off", "демалыс", "нерабочий", "неробочий"}
_BREAK = {"перерыв", "обед", "перерва", "обід", "break", "lunch", "үзіліс"}
_FILLER = {"с", "з", "до", "по", "и", "та", "from", "to", "and", "ч", "час", "часов", "h", "hrs",
           "год", "сағ", "в", "у", "дни", "days"}
_WEEKDAYS = {"будни", "будні", "weekdays", "рабочие", "робочі"}
_WEEKEND = {"выходные", "вихідні", "weekends", "weekend"}

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_FROM_TO = re.compile(rf"(?:^|(?<=\s))(?:с|з|from)\s*{_TIME}\s*(?:до|по|to)\s*{_TIME}")
_TOKEN = re.compile(rf"{_TIME}\s*[-–—]\s*{_TIME}|[-–—]|[^\W\d_][\w'ʼ]*\.?|\d+|[,;/\n]|\S")


class HoursError(ValueError):
    """Working hours that cannot be read; the message says what to write instead."""


def _minutes(hour: str, minute: str | None, *, end: bool) -> int:
    h, m = int(hour), int(minute or 0)
    if m > 59 or h > 24 or (h == 24 and (m or not end)):
        raise HoursError(f"'{hour}:{minute or '00'}' is not a time of day")
    return h * 60 + m


def _day(word: str) -> int | None:
    word = word.rstrip(".")
    if word in _DAY_ABBREV:
        return _DAY_ABBREV[word]
    return _DAY_PREFIX.get(word[:3]) if len(word) >= 3 else None


def _subtract(intervals: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    for start, end in intervals:
        if cut[1] <= start or cut[0] >= end:
            out.append((start, end))
            continue
        if start < cut[0]:
            out.append((start, cut[0]))
        if cut[1] < end:
            out.append((cut[1], end))
    return out


def parse_hours(text: str) -> Week:
    """Read working hours as ISPs write them.

    Args:
        text: e.g. ``"Пн-Пт 9:00-18:00, Сб 10:00-16:00"``, ``"круглосуточно"``,
            ``"ежедневно с 8 до 20, обед 13-14"``, ``"Mon-Fri 9-18"``.

    Returns:
        The week: weekday → list of (start, end) minutes.

    Raises:
        HoursError: the text has a word or time that cannot be read, or times without days.
    """
    source = (text or "").strip()
    low = source.lower().replace("ё", "е")
    squeezed = re.sub(r"\s+", "", low)
    if any(squeezed == w or squeezed.startswith(w) and not re.search(r"\d{1,2}[:.]?\d*\s*[-–—]", low)
           for w in _ROUND_THE_CLOCK):
        return {d: [(0, 1440)] for d in ALL_DAYS}
    low = _FROM_TO.sub(lambda m: f" {m.group(1)}:{m.group(2) or '00'}-{m.group(3)}:{m.group(4) or '00'} ",
                       low)
    for phrase in ("без выходных", "без вихідних", "every day", "күн сайын", "24 часа", "тәулік бойы",
                   "around the clock"):
        low = low.replace(phrase, phrase.replace(" ", ""))
    week: Week = {}
    pending: set[int] = set()
    applied = False
    in_break = False
    last_day: int | None = None
    dash = False
    for tok in _TOKEN.finditer(low):
        word = tok.group(0)
        if tok.group(1) is not None:  # a time range
            if not pending:
                raise HoursError(f"no days given before '{word}' in '{source}'; write e.g. "
                                 f"'Пн-Пт {word}' or 'ежедневно {word}'")
            start = _minutes(tok.group(1), tok.group(2), end=False)
            end = _minutes(tok.group(3), tok.group(4), end=True)
            if end <= start:
                end += 1440
            for d in pending:
                if in_break:
                    week[d] = _subtract(week.get(d, []), (start, end))
                else:
                    week.setdefault(d, []).append((start, end))
            applied, in_break, dash = True, False, False
            continue
        if word in "-–—":
            dash = True
            continue
        if word in ",;/\n:":
            dash = False
            continue
        bare = word.rstrip(".")
        day = _day(bare)
        if day is not None:
            if applied:
                pending, applied = set(), False
            if dash and last_day is not None:
                span = (day - last_day) % 7
                pending.update((last_day + i) % 7 for i in range(span + 1))
            else:
                pending.add(day)
            last_day, dash = day, False
        elif bare in _WEEKDAYS:
            pending, applied = set(range(5)), False
        elif bare in _WEEKEND and pending and not applied:
            for d in pending:
                week[d] = []
            applied = True
        elif bare in _WEEKEND:
            pending, applied = {5, 6}, False
        elif bare in _DAILY:
            pending, applied = set(ALL_DAYS), False
        elif any(bare == w for w in _ROUND_THE_CLOCK):
            for d in pending or ALL_DAYS:
                week[d] = [(0, 1440)]
            applied = True
        elif bare in _CLOSED:
            for d in pending:
                week[d] = []
            applied = True
        elif bare in _BREAK:
            if not pending:
                pending = set(week)
            in_break = True
        elif bare in _FILLER:
            continue
        else:
            raise HoursError(f"cannot read '{word}' in '{source}'; write e.g. "
                             f"'Пн-Пт 9:00-18:00, Сб 10:00-16:00' or 'круглосуточно'")
    if not any(week.values()):
        raise HoursError(f"no working time found in '{source}'; write e.g. 'Пн-Пт 9:00-18:00'")
    return {d: sorted(v) for d, v in sorted(week.items()) if v}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def week_to_json(week: Week) -> str:
    """Serialise a week as ``{"mon": [["09:00", "18:00"]], …}`` (ends past midnight as e.g. ``"26:00"``)."""
    return json.dumps({_DAY_KEYS[d]: [[_hhmm(s), _hhmm(e)] for s, e in spans]
                       for d, spans in sorted(week.items())}, ensure_ascii=False)


def week_from_json(text: str) -> Week:
    """Read a week written by :func:`week_to_json`."""
    data = json.loads(text)

    def mins(s: str) -> int:
        h, m = s.split(":")
        return int(h) * 60 + int(m)

    return {_DAY_KEYS.index(k): [(mins(a), mins(b)) for a, b in v] for k, v in data.items()}
