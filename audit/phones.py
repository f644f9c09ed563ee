"""Phone numbers: reading the ways people write them into E.164, through `phonenumbers`."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

_DIGITS = re.compile(r"\d[\d\s().\-]*\d|\d")


@dataclass(frozen=True)
class PhoneParse:
    """What one text cell of phone numbers holds.

    Attributes:
        numbers: the numbers found, in E.164, in order, without repeats.
        unreadable: pieces of the text that look like numbers but are not valid ones.
    """

    numbers: tuple[str, ...]
    unreadable: tuple[str, ...]


def parse_phones(text: str, region: str = "RU") -> PhoneParse:
    """Find every phone number in a cell such as ``"8 (3452) 12-34-56, +7 912 000-11-22 доб. 5"``.

    Args:
        text: free text with one or more numbers separated by anything.
        region: the ISO 3166 region for numbers written without a country code.

    Returns:
        The valid numbers in E.164 and the digit runs that could not be read as a number.
    """
    text = text or ""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        if e164 not in found:
            found.append(e164)
        spans.append((match.start, match.end))
    rest = list(text)
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    leftovers = [m.group(0).strip() for m in _DIGITS.finditer("".join(rest))]
    unreadable = tuple(s for s in leftovers if sum(c.isdigit() for c in s) >= 5)
    return PhoneParse(tuple(found), unreadable)


def to_e164(raw: str, region: str = "RU") -> str | None:
    """Normalise one number as a call log shows it (``89120001122``, ``+7…``, ``810…``) to E.164.

    Numbers that are possible but not assigned (test ranges, short service numbers) are kept in the
    best form available rather than dropped, because a call log must not lose a caller.

    Args:
        raw: the number as logged.
        region: the region of the line that logged it.

    Returns:
        The E.164 form, the digits with a leading ``+`` when only that can be said, or None for an
        empty or hidden number (``anonymous``, ``unknown``).
    """
    raw = (raw or "").strip()
    digits = re.sub(r"\D", "", raw)
    if not digits:
        return None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return "+" + digits if raw.startswith("+") else digits
    if phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return "+" + digits if raw.startswith("+") else digits
