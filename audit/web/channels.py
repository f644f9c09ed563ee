"""Contact channels and callback promises found on an ISP's pages. Pure functions over HTML and text."""

from __future__ import annotations

import re

from audit.phones import parse_phones, to_e164
from audit.web import lexicon as lx

_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_SCRIPT_SRC = re.compile(r"""<script[^>]+src\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Only the start and end of very large pages are read for phone numbers: contacts sit in headers and footers.
_TEXT_HEAD, _TEXT_TAIL = 200_000, 50_000


def find_channels(html: str, text: str, region: str = "RU") -> dict[str, list[str]]:
    """Contact channels a page offers.

    Args:
        html: the page's HTML (all frames joined).
        text: the page's visible text.
        region: the region for phone numbers without a country code.

    Returns:
        ``phones`` (E.164), ``telegram``, ``whatsapp``, ``viber``, ``email``, ``chat`` (widget names),
        ``account`` (personal account links); empty lists are left out.
    """
    hrefs = _HREF.findall(html)
    found: dict[str, list[str]] = {}

    def add(kind: str, value: str) -> None:
        if value and value not in found.setdefault(kind, []):
            found[kind].append(value)

    for href in hrefs:
        low = href.lower()
        if low.startswith("tel:"):
            number = to_e164(href[4:], region)
            if number:
                add("phones", number)
        elif re.match(r"(https?://)?(t\.me|telegram\.me)/|tg://", low):
            add("telegram", href)
        elif re.match(r"(https?://)?(wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com)/|whatsapp://", low):
            add("whatsapp", href)
        elif low.startswith("viber://"):
            add("viber", href)
        elif low.startswith("mailto:"):
            add("email", href[7:].split("?")[0])
        elif re.search(r"//(lk|my|stat|cabinet|bill)\.|/(lk|cabinet|account|personal)(/|$)", low):
            add("account", href)
    sample = text if len(text) <= _TEXT_HEAD + _TEXT_TAIL else text[:_TEXT_HEAD] + "\n" + text[-_TEXT_TAIL:]
    for number in parse_phones(sample, region).numbers:
        add("phones", number)
    sources = " ".join(_SCRIPT_SRC.findall(html)).lower() + " " + html[:_TEXT_HEAD].lower()
    for marker, name in lx.CHAT_MARKERS.items():
        if marker in sources and name not in ("Envybox", "CallbackKiller", "Callbackhunter"):
            add("chat", name)
        elif marker in sources:
            add("callback_widget", name)
    if lx.ACCOUNT.search(text) and "account" not in found:
        add("account", "(link text)")
    return {k: v for k, v in found.items() if v}


def find_promise(*texts: str) -> str | None:
    """A callback promise printed near the form or on the page, e.g. "Перезвоним в течение 15 минут с 8:00 до 19:30".

    Args:
        texts: places to look, nearest first (the form's own text, then the page).

    Returns:
        The promise's sentence (trimmed), or None.
    """
    for text in texts:
        for pattern in (lx.PROMISE_DELAY, lx.PROMISE_HOUR_WORD):
            match = pattern.search(text or "")
            if match:
                end = match.end()
                hours = lx.PROMISE_HOURS.search(text, end, end + 40)
                if hours is not None:
                    end = hours.end()
                return re.sub(r"\s+", " ", text[match.start():end]).strip()[:200]
    return None


def promise_minutes(promise: str | None) -> float | None:
    """The promised delay in minutes (``"за 26 секунд"`` → 0.43, ``"в течение часа"`` → 60), or None."""
    if not promise:
        return None
    match = lx.PROMISE_DELAY.search(promise)
    if match:
        value, unit = float(match.group(2)), match.group(3).lower()
        if unit.startswith(("сек", "sec")):
            return value / 60
        if unit.startswith(("час", "год", "hour")):
            return value * 60
        return value
    if re.search(r"в\s+течение\s+часа", promise, re.IGNORECASE):
        return 60.0
    if re.search(r"в\s+течение\s+дня", promise, re.IGNORECASE):
        return 24 * 60.0
    return None

