"""Pulling call logs from telephony APIs with ``requests``: Twilio's Calls resource (2010-04-01) and
Zadarma's PBX statistics (``/v1/statistics/pbx/``). Paging, authentication, and retries with backoff
that honour ``Retry-After`` on 429 and 5xx answers."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from audit.callbacks.model import Leg, ReadResult
from audit.callbacks.readers import ShopperLine, local_to_utc
from audit.errors import AuditError
from audit.phones import to_e164

TWILIO_BASE = "https://api.twilio.com"
ZADARMA_BASE = "https://api.zadarma.com"


def session(retries: int = 5, backoff: float = 0.5) -> requests.Session:
    """A session that retries GETs on connection errors, 429 and 5xx, backing off exponentially and
    waiting as long as a ``Retry-After`` header asks."""
    retry = Retry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=backoff,
                  status_forcelist=(429, 500, 502, 503, 504), allowed_methods=frozenset({"GET"}),
                  respect_retry_after_header=True, raise_on_status=False)
    http = requests.Session()
    http.mount("http://", HTTPAdapter(max_retries=retry))
    http.mount("https://", HTTPAdapter(max_retries=retry))
    return http


def _check(response: requests.Response, service: str) -> dict:
    if response.status_code in (401, 403):
        raise AuditError(f"{service} refused the credentials (HTTP {response.status_code}); check the account "
                         "id/key and the token/secret")
    if response.status_code >= 400:
        raise AuditError(f"{service} answered HTTP {response.status_code}: {response.text[:200]}")
    try:
        return response.json()
    except ValueError as exc:
        raise AuditError(f"{service} answered something that is not JSON: {response.text[:200]}") from exc


def fetch_twilio(account_sid: str, auth_token: str, line: ShopperLine, since: str | None = None,
                 base_url: str = TWILIO_BASE, page_size: int = 100, http: requests.Session | None = None,
                 timeout: float = 30) -> ReadResult:
    """Calls to the shopper's Twilio number, every page.

    Args:
        account_sid: the AccountSid (Basic-auth user).
        auth_token: the AuthToken (Basic-auth password).
        line: the shopper's number (``To`` filter).
        since: only calls started on or after this date (``YYYY-MM-DD``), the ``StartTime>=`` filter.
        base_url: the API's address (a local fake in tests).
        page_size: rows per page.
        http: a session (default: one with retries).
        timeout: seconds per request.
    """
    http = http or session()
    params = {"To": line.e164 or line.raw, "PageSize": page_size}
    if since:
        params["StartTime>="] = since
    url = f"{base_url}/2010-04-01/Accounts/{account_sid}/Calls.json"
    result = ReadResult()
    while url:
        data = _check(http.get(url, params=params, auth=(account_sid, auth_token), timeout=timeout), "Twilio")
        for call in data.get("calls", []):
            result.rows_read += 1
            leg = _twilio_leg(call, line)
            if isinstance(leg, str):
                result.skip(leg)
            else:
                result.legs.append(leg)
        next_uri = data.get("next_page_uri")
        url, params = (f"{base_url}{next_uri}" if next_uri else None), None
    return result


def _twilio_leg(call: dict, line: ShopperLine) -> Leg | str:
    if call.get("direction") != "inbound" or not line.matches(call.get("to")):
        return "not an inbound call to the shopper's number"
    stamp = call.get("start_time") or call.get("date_created")
    try:
        started = parsedate_to_datetime(stamp).astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (TypeError, ValueError):
        return "unreadable start_time"
    duration = int(call.get("duration") or 0)
    answered = call.get("status") in ("completed", "in-progress") and duration > 0
    return Leg(call["sid"], call.get("parent_call_sid") or call["sid"], "inbound", to_e164(call.get("from") or ""),
               call.get("to"), started, answered, duration, call.get("status") or "", call, "UTC")


def zadarma_signature(method: str, params: dict[str, str], secret: str) -> str:
    """Zadarma's request signature: base64 of the hex HMAC-SHA1 of method + sorted query + md5(query)."""
    query = urlencode(sorted(params.items()))
    digest = hmac.new(secret.encode(), (method + query + hashlib.md5(query.encode()).hexdigest()).encode(),
                      hashlib.sha1).hexdigest()
    return base64.b64encode(digest.encode()).decode()


def fetch_zadarma(key: str, secret: str, line: ShopperLine, start: str, end: str, zone: str,
                  base_url: str = ZADARMA_BASE, limit: int = 1000, http: requests.Session | None = None,
                  timeout: float = 30) -> ReadResult:
    """PBX call statistics between two local times, every page, kept when the destination is the shopper's.

    Args:
        key: the API key.
        secret: the API secret (signs each request).
        line: the shopper's PBX extension or number.
        start: ``YYYY-MM-DD HH:MM:SS`` in the account's time zone.
        end: likewise.
        zone: the account's time zone (Zadarma reports local times).
        base_url: the API's address (a local fake in tests).
        limit: rows per page (Zadarma allows up to 1000).
        http: a session (default: one with retries).
        timeout: seconds per request.
    """
    http = http or session()
    method = "/v1/statistics/pbx/"
    result = ReadResult()
    skip = 0
    while True:
        params = {"start": start, "end": end, "version": "2", "skip": str(skip), "limit": str(limit), "format": "json"}
        headers = {"Authorization": f"{key}:{zadarma_signature(method, params, secret)}"}
        data = _check(http.get(base_url + method, params=sorted(params.items()), headers=headers, timeout=timeout),
                      "Zadarma")
        if data.get("status") != "success":
            raise AuditError(f"Zadarma said: {data.get('message') or data}")
        stats = data.get("stats") or []
        for row in stats:
            result.rows_read += 1
            if not line.matches(str(row.get("destination", ""))):
                result.skip("not to the shopper's line")
                continue
            try:
                started = local_to_utc(row["callstart"], zone)
            except (KeyError, ValueError):
                result.skip("unreadable callstart")
                continue
            caller = to_e164(str(row.get("clid", "")).split("<")[-1].rstrip(">").strip('" '))
            result.legs.append(Leg(str(row.get("call_id")), str(row.get("pbx_call_id") or row.get("call_id")),
                                   "inbound", caller, str(row.get("destination")), started,
                                   row.get("disposition") == "answered", int(row.get("seconds") or 0),
                                   row.get("disposition", ""), row, zone))
        if len(stats) < limit:
            return result
        skip += limit
