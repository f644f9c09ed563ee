"""Deciding what happened after the click, from the network and the page together. Pure."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from audit.web import lexicon as lx

STATUSES = ("submitted", "no_form", "captcha", "submit_failed", "unreachable", "needs_review", "ready")


@dataclass
class Observed:
    """What the kit saw between the click and the end of waiting.

    Attributes:
        requests: requests that left the page (``url``, ``method``, ``status`` or None, ``body``).
        new_text: page text that appeared after the click (all frames, shadow roots included).
        dialogs: messages of ``alert``/``confirm`` dialogs opened after the click.
        url_before: the page's address before the click.
        url_after: the page's address at the end.
        page_errors: script errors thrown after the click.
    """

    requests: list[dict] = field(default_factory=list)
    new_text: str = ""
    dialogs: list[str] = field(default_factory=list)
    url_before: str = ""
    url_after: str = ""
    page_errors: list[str] = field(default_factory=list)


def _json_signal(body: str) -> str:
    """'success', 'error' or '' from a JSON answer such as ``{"success": true, "message": "…"}``."""
    try:
        data = json.loads(body)
    except (ValueError, TypeError):
        return ""
    if not isinstance(data, dict):
        return ""
    for key in ("success", "ok", "result"):
        if data.get(key) is False or data.get(key) == 0:
            return "error"
    for key in ("status", "message", "result"):
        value = str(data.get(key, ""))
        if lx.ERROR.search(value):
            return "error"
        if lx.SUCCESS.search(value):
            return "success"
    return "success" if data.get("success") is True or data.get("ok") in (True, 1) else ""


def decide(seen: Observed) -> tuple[str, str]:
    """The status and reason for one submit attempt.

    Args:
        seen: what was observed.

    Returns:
        ``(status, reason)`` with status one of ``submitted``, ``submit_failed``, ``needs_review``.
    """
    texts = [seen.new_text, *seen.dialogs]
    success_text = next((m.group(0) for t in texts if (m := lx.SUCCESS.search(t))), "")
    error_text = next((m.group(0) for t in texts if (m := lx.ERROR.search(t))), "")
    moved = seen.url_after and seen.url_after.split("#")[0] != seen.url_before.split("#")[0]
    if not seen.requests:
        if seen.page_errors:
            return "submit_failed", f"no request left the page: a script error stopped it ({seen.page_errors[0]})"
        if error_text:
            return "submit_failed", f"the form refused the input before sending: '{_line(seen, error_text)}'"
        return "submit_failed", "no request left the page and nothing on it changed after the click"
    answered = [r for r in seen.requests if r.get("status") is not None]
    failed = [r for r in seen.requests if r.get("status") is None or r["status"] >= 400]
    json_signals = [_json_signal(r.get("body") or "") for r in answered]
    if failed and len(failed) == len(seen.requests):
        code = failed[0].get("status")
        what = f"HTTP {code}" if code else "no answer (the connection failed)"
        return "submit_failed", f"the site answered the request with {what}" + (
            f"; the page said '{_line(seen, error_text)}'" if error_text else "")
    if "error" in json_signals and not success_text:
        return "submit_failed", "the site's answer reports an error: " + _body_excerpt(seen)
    if success_text and not (error_text and not lx.SUCCESS.search(seen.new_text or "") and not seen.dialogs):
        how = "a dialog" if any(lx.SUCCESS.search(d) for d in seen.dialogs) else (
            "a thank-you page" if moved else "the page")
        return "submitted", f"request answered HTTP {answered[0]['status'] if answered else '?'}; {how} said " \
                            f"'{_line(seen, success_text)}'"
    if error_text:
        return "submit_failed", f"the page showed an error after sending: '{_line(seen, error_text)}'"
    if "success" in json_signals:
        return "submitted", "request answered HTTP 200 with a success answer; the page showed no text"
    return "needs_review", (f"the request was answered HTTP {answered[0]['status'] if answered else '?'} but "
                            "neither the page nor the answer confirmed it; check the evidence")


def _line(seen: Observed, word: str) -> str:
    for text in [seen.new_text, *seen.dialogs]:
        for line in (text or "").splitlines():
            if word.lower() in line.lower():
                return line.strip()[:160]
    return word


def _body_excerpt(seen: Observed) -> str:
    body = next((r.get("body") for r in seen.requests if r.get("body")), "")
    return (body or "")[:160]
