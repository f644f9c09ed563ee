"""The mystery shopper's identity (YAML: name, phone, email, address; any may be absent)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import yaml

from audit.errors import InputError, Problem

FIELDS = ("name", "phone", "email", "address", "comment", "region")


@dataclass(frozen=True)
class Shopper:
    """Who leaves the requests.

    Attributes:
        phone: E.164.
        national: the national significant number (``9120001122``), typed into masked fields.
        country_code: ``7`` for Russia and Kazakhstan, ``380`` for Ukraine.
        trunk: the national prefix (``8`` in Russia), if any.
    """

    name: str | None
    phone: str | None
    email: str | None
    address: str | None
    comment: str
    national: str | None = None
    country_code: str | None = None
    trunk: str | None = None

    def masked(self) -> dict[str, str | None]:
        """The identity as reports show it: phone and name masked."""
        return {"name": mask_name(self.name), "phone": mask_phone(self.phone)}


def mask_phone(phone: str | None) -> str | None:
    """``+79120001122`` → ``+7912***1122``."""
    if not phone:
        return phone
    return phone[:5] + "***" + phone[-4:] if len(phone) > 9 else "***"


def mask_name(name: str | None) -> str | None:
    """``Анна Петрова`` → ``А. П.``."""
    if not name:
        return name
    return " ".join(part[0] + "." for part in name.split() if part)


def mask_value(value: str) -> str:
    """Mask a value the kit typed into a form: phones keep their first and last digits, e-mails their
    domain, names their initials, anything else its first letter."""
    digits = [c for c in value if c.isdigit()]
    if len(digits) >= 7:
        seen, out = 0, []
        for char in value:
            if char.isdigit():
                seen += 1
                out.append(char if seen <= 4 or seen > len(digits) - 2 else "*")
            else:
                out.append(char)
        return "".join(out)
    if "@" in value:
        return "***@" + value.split("@", 1)[1]
    if value.strip() and all(part[:1].isalpha() for part in value.split()):
        return mask_name(value) or ""
    return value[:1] + "***" if value else value


def load_shopper(path: str | Path) -> Shopper:
    """Read and check a shopper file.

    Raises:
        InputError: the file is missing or not YAML, a key is unknown, or the phone is not valid.
    """
    path = Path(path)
    if not path.exists():
        raise InputError([Problem(str(path), None, None, "shopper file not found")])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError([Problem(str(path), None, None, f"not valid YAML: {exc}")]) from exc
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), None, None, "expected keys name, phone, email, address")])
    problems = [Problem(str(path), None, key, f"unknown key; use: {', '.join(FIELDS)}")
                for key in data if key not in FIELDS]
    region = str(data.get("region") or "RU").upper()
    phone = national = code = trunk = None
    if data.get("phone"):
        try:
            number = phonenumbers.parse(str(data["phone"]), region)
            if not phonenumbers.is_valid_number(number):
                raise phonenumbers.NumberParseException(1, "invalid")
            phone = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            national = phonenumbers.national_significant_number(number)
            code = str(number.country_code)
            meta = phonenumbers.PhoneMetadata.metadata_for_region(
                phonenumbers.region_code_for_number(number))
            trunk = meta.national_prefix if meta else None
        except phonenumbers.NumberParseException:
            problems.append(Problem(str(path), None, "phone", f"'{data['phone']}' is not a valid phone number; "
                                                               "write it as +7 912 000-11-22"))
    if problems:
        raise InputError(problems)
    return Shopper(data.get("name"), phone, data.get("email"), data.get("address"),
                   data.get("comment") or "Прошу перезвонить", national, code, trunk)
