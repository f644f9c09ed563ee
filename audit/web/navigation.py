"""Classifying why a site could not be opened. Pure."""

from __future__ import annotations

_REASONS = (
    ("ERR_CONNECTION_REFUSED", "connection refused (nothing listens at that address)"),
    ("ERR_TOO_MANY_REDIRECTS", "redirect loop"),
    ("ERR_NAME_NOT_RESOLVED", "the domain does not resolve"),
    ("ERR_CERT", "the site's TLS certificate is not valid"),
    ("ERR_SSL", "TLS error"),
    ("ERR_CONNECTION_RESET", "the connection was reset"),
    ("ERR_EMPTY_RESPONSE", "the server closed the connection without answering"),
    ("ERR_ADDRESS_UNREACHABLE", "the address is unreachable"),
    ("ERR_CONNECTION_TIMED_OUT", "the connection timed out"),
    ("ERR_INTERNET_DISCONNECTED", "no network"),
    ("ERR_ABORTED", "the page load was aborted (a download or a blocked page)"),
)


def unreachable_reason(message: str, timeout_s: float) -> str:
    """A short reason for a failed page load, from Playwright's error message."""
    for code, reason in _REASONS:
        if code in message:
            return reason
    if "Timeout" in message or "timeout" in message:
        return f"no answer within {timeout_s:g} s"
    return message.strip().splitlines()[0][:200] if message.strip() else "the page could not be opened"
