"""Validating registry rows into ISP records: pure functions, no I/O."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field

from audit.errors import Problem
from audit.hours import HoursError, parse_hours, week_to_json
from audit.phones import parse_phones
from audit.tabular import Sheet
from audit.timezones import is_timezone, zone_for_region
from audit.urls import UrlError, clean_url, site_key

REQUIRED = ("slug", "name", "website")
OPTIONAL = ("region", "timezone", "phones", "subscribers", "arpu", "working_hours", "notes")

# Header spellings seen in real lists (lowercased) → the kit's column.
ALIASES = {
    "slug": "slug", "код": "slug", "идентификатор": "slug",
    "name": "name", "название": "name", "наименование": "name", "назва": "name", "провайдер": "name",
    "website": "website", "site": "website", "url": "website", "сайт": "website", "веб-сайт": "website",
    "region": "region", "регион": "region", "регіон": "region", "область": "region",
    "timezone": "timezone", "tz": "timezone", "time zone": "timezone", "часовой пояс": "timezone",
    "часовий пояс": "timezone",
    "phones": "phones", "phone": "phones", "телефон": "phones", "телефоны": "phones",
    "телефони": "phones",
    "subscribers": "subscribers", "абоненты": "subscribers", "абонентов": "subscribers",
    "абоненти": "subscribers",
    "arpu": "arpu",
    "working_hours": "working_hours", "hours": "working_hours", "часы работы": "working_hours",
    "режим работы": "working_hours", "график работы": "working_hours", "години роботи": "working_hours",
    "notes": "notes", "примечание": "notes", "примечания": "notes", "комментарий": "notes",
    "нотатки": "notes",
}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_MONEY_NOISE = re.compile(r"(₽|руб\.?|р\.|грн\.?|₴|₸|тг\.?|тенге|rub|uah|kzt|\$|€)", re.IGNORECASE)


@dataclass(frozen=True)
class IspRecord:
    """One valid registry row.

    Attributes:
        row: the row number in the file.
        present: the kit's optional columns the file has (absent ones keep stored values on update).
    """

    row: int
    slug: str
    name: str
    website: str
    region: str | None
    timezone: str | None
    timezone_source: str | None
    phones: tuple[str, ...]
    subscribers: int | None
    arpu: float | None
    working_hours: str | None
    working_hours_json: str | None
    notes: str | None
    extras: dict[str, str]
    present: frozenset[str]


@dataclass
class Validation:
    """The outcome of validating a sheet: records, blocking problems and warnings."""

    records: list[IspRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _number(text: str, kind: type, file: str, row: int, column: str, problems: list[Problem]):
    clean = _MONEY_NOISE.sub("", text).replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    clean = clean.replace(",", ".") if clean.count(",") == 1 and "." not in clean else clean.replace(",", "")
    try:
        value = float(clean)
    except ValueError:
        problems.append(Problem(file, row, column, f"'{text}' is not a number; write digits only, "
                                                   f"e.g. {'12000' if kind is int else '550.50'}"))
        return None
    if value < 0 or value != value:
        problems.append(Problem(file, row, column, f"'{text}' must not be negative"))
        return None
    if kind is int:
        if not value.is_integer():
            problems.append(Problem(file, row, column, f"'{text}' must be a whole number"))
            return None
        return int(value)
    return value


def suggest_slug(text: str) -> str:
    """A slug in the kit's alphabet suggested from any text (latin only; Cyrillic is transliterated)."""
    table = str.maketrans({
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi",
        "є": "ye", "ґ": "g"})
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return slug[:64] or "isp"


def canonical_columns(columns: list[str]) -> dict[str, str]:
    """Map each header as written to the kit's column name (unknown headers map to themselves)."""
    return {c: ALIASES.get(c.strip().lower(), c.strip()) for c in columns}


def validate_sheet(sheet: Sheet, phone_region: str = "RU") -> Validation:
    """Check every row of a registry sheet.

    Args:
        sheet: the sheet as read.
        phone_region: the region for numbers written without a country code.

    Returns:
        Records for valid rows, problems that block the import, and warnings about fixes made.
    """
    out = Validation()
    mapping = canonical_columns(sheet.columns)
    have = set(mapping.values())
    doubled = sorted({c for c in mapping.values() if list(mapping.values()).count(c) > 1})
    if doubled:
        names = [k for k, v in mapping.items() if v in doubled]
        out.problems.append(Problem(sheet.file, 1, None, f"columns {', '.join(names)} all mean "
                                    f"'{doubled[0]}'; keep one"))
        return out
    missing = [c for c in REQUIRED if c not in have]
    if missing:
        out.problems.append(Problem(sheet.file, 1, None,
                                    f"missing required column(s): {', '.join(missing)} (found: "
                                    f"{', '.join(sheet.columns)}); the header needs slug, name, website"))
        return out
    if not sheet.rows:
        out.problems.append(Problem(sheet.file, None, None, "the file has a header but no ISP rows"))
        return out
    present = frozenset(c for c in OPTIONAL if c in have)
    first_slug: dict[str, int] = {}
    first_site: dict[str, tuple[int, str]] = {}
    for row, cells in sheet.rows:
        values = {mapping[k]: v for k, v in cells.items()}
        record = _validate_row(sheet.file, row, values, mapping, present, phone_region, out)
        if record is None:
            continue
        if record.slug in first_slug:
            out.problems.append(Problem(sheet.file, row, "slug", f"slug '{record.slug}' is already used "
                                        f"in row {first_slug[record.slug]}; each ISP needs its own slug"))
            continue
        first_slug[record.slug] = row
        key = site_key(record.website)
        if key in first_site:
            other_row, other_slug = first_site[key]
            out.warnings.append(Problem(sheet.file, row, "website", f"same website as row {other_row} "
                                        f"('{other_slug}'); is this ISP listed twice?"))
        else:
            first_site[key] = (row, record.slug)
        out.records.append(record)
    return out


def _validate_row(file: str, row: int, values: dict[str, str], mapping: dict[str, str],
                  present: frozenset[str], phone_region: str, out: Validation) -> IspRecord | None:
    before = len(out.problems)
    problems = out.problems
    col = {v: k for k, v in mapping.items()}  # the header as the user wrote it, for messages
    slug = values.get("slug", "").strip()
    if not slug:
        problems.append(Problem(file, row, col["slug"], "the slug is empty; give a short latin id, e.g. "
                                                        f"'{suggest_slug(values.get('name', '') or 'isp')}'"))
    elif not _SLUG.match(slug):
        problems.append(Problem(file, row, col["slug"], f"slug '{slug}' may hold only lowercase latin "
                                f"letters, digits, '-' and '_' (64 at most); e.g. '{suggest_slug(slug)}'"))
    name = values.get("name", "").strip()
    if not name:
        problems.append(Problem(file, row, col["name"], "the name is empty; give the ISP's brand name"))
    website = ""
    try:
        cleaned = clean_url(values.get("website", ""))
        website = cleaned.url
        for fix in cleaned.fixes:
            out.warnings.append(Problem(file, row, col["website"], f"{fix}: now '{website}'"))
    except UrlError as exc:
        problems.append(Problem(file, row, col["website"], str(exc)))
    region = values.get("region", "").strip() or None
    timezone, tz_source = _timezone(file, row, col, values, region, out)
    phones: tuple[str, ...] = ()
    if values.get("phones", "").strip():
        parsed = parse_phones(values["phones"], phone_region)
        for bad in parsed.unreadable:
            problems.append(Problem(file, row, col["phones"], f"'{bad}' is not a valid phone number; "
                                    f"write it with the country or area code, e.g. '+7 3452 12-34-56'"))
        phones = parsed.numbers
    subscribers = arpu = None
    if values.get("subscribers", "").strip():
        subscribers = _number(values["subscribers"], int, file, row, col["subscribers"], problems)
    if values.get("arpu", "").strip():
        arpu = _number(values["arpu"], float, file, row, col["arpu"], problems)
    hours_text = values.get("working_hours", "").strip() or None
    hours_json = None
    if hours_text:
        try:
            hours_json = week_to_json(parse_hours(hours_text))
        except HoursError as exc:
            problems.append(Problem(file, row, col["working_hours"], str(exc)))
    if len(problems) > before:
        return None
    extras = {k: v for k, v in values.items() if k not in REQUIRED + OPTIONAL and v}
    return IspRecord(row, slug, name, website, region, timezone, tz_source, phones, subscribers, arpu,
                     hours_text, hours_json, values.get("notes", "").strip() or None, extras, present)


def _timezone(file: str, row: int, col: dict[str, str], values: dict[str, str], region: str | None,
              out: Validation) -> tuple[str | None, str | None]:
    given = values.get("timezone", "").strip()
    if given:
        if is_timezone(given):
            return given, "given"
        fixed = _zone_case_insensitive(given)
        if fixed:
            out.warnings.append(Problem(file, row, col["timezone"], f"read '{given}' as '{fixed}'"))
            return fixed, "given"
        out.problems.append(Problem(file, row, col["timezone"], f"'{given}' is not an IANA time zone; "
                                    "write e.g. 'Europe/Moscow', 'Asia/Yekaterinburg', 'Europe/Kyiv'"))
        return None, None
    derived = zone_for_region(region or "")
    if derived:
        return derived, "region"
    where = f"region '{region}' does not settle it" if region else "no region either"
    out.warnings.append(Problem(file, row, col.get("timezone", "timezone"),
                                f"no time zone and {where}; add one (e.g. 'Europe/Moscow') so that "
                                "working-time delays can be computed"))
    return None, None


def _zone_case_insensitive(name: str) -> str | None:
    lower = name.lower().replace(" ", "_")
    for zone in zoneinfo.available_timezones():
        if zone.lower() == lower:
            return zone
    return None
