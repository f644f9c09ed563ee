"""Website addresses as registries really hold them: spaces, missing or doubled schemes, glued URLs."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$", re.UNICODE)


class UrlError(ValueError):
    """A website cell that cannot be made into one http(s) URL; the message says what to do."""


@dataclass(frozen=True)
class CleanUrl:
    """A website normalised to one http(s) URL, with what had to be fixed on the way."""

    url: str
    fixes: tuple[str, ...]


def clean_url(raw: str) -> CleanUrl:
    """Make one http(s) URL out of a registry cell, or say why that cannot be done.

    Fixed silently but reported: stray spaces, a missing scheme (``isp.ru`` → ``http://isp.ru``),
    a doubled scheme (``http://https://isp.ru`` → ``https://isp.ru``). Refused: two URLs glued
    together, other schemes, hosts that are not domain names or IP addresses. Internationalised
    domains (``провайдер.рф``) are valid.

    Args:
        raw: the cell's text.

    Returns:
        The URL and the fixes made.

    Raises:
        UrlError: the cell cannot be made into one URL.
    """
    fixes: list[str] = []
    text = (raw or "").strip()
    if not text:
        raise UrlError("the website is empty; give the ISP's address, e.g. 'https://isp.ru'")
    if re.search(r"\s", text):
        text = re.sub(r"\s+", "", text)
        fixes.append("removed spaces inside the address")
    doubled = re.match(r"^(https?://)+(?=https?://)", text, re.IGNORECASE)
    if doubled:
        text = text[doubled.end():]
        fixes.append("removed a doubled 'http://'")
    schemes = list(_SCHEME.finditer(text))
    if len(schemes) > 1 or (schemes and schemes[0].start() > 0):
        cut = [m.start() for m in schemes if m.start() > 0][0]
        raise UrlError(f"two addresses are glued together ('{text[:cut]}' and '{text[cut:]}'); keep one")
    if not schemes:
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and not re.match(r"^[^:/]+:\d", text):
            raise UrlError(f"'{text}' is not a web address; give an http:// or https:// one")
        text = "http://" + text
        fixes.append("added 'http://'")
    parts = urlsplit(text)
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        raise UrlError(f"'{text}' has a bad port number") from exc
    if not _valid_host(host):
        raise UrlError(f"'{host or text}' is not a valid domain name; give e.g. 'https://isp.ru'")
    return CleanUrl(text, tuple(fixes))


def _valid_host(host: str) -> bool:
    if not host:
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    if host == "localhost":
        return True
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or any(not _LABEL.match(label) for label in labels):
        return False
    tld = labels[-1]
    return tld.isalpha() or tld.lower().startswith("xn--")


def site_key(url: str) -> str:
    """A key under which two spellings of one site compare equal (scheme, ``www.`` and case ignored)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    return host + port + parts.path.rstrip("/")
