"""Faithful local fakes of telephony APIs for tests and the demo: Twilio's Calls resource and Zadarma's
PBX statistics, served on 127.0.0.1, with their auth, paging, filters, errors and rate limits."""

from __future__ import annotations

import base64
import json
import threading
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from audit.callbacks.apis import zadarma_signature


class _Fake:
    """Common serving: a threading HTTP server on 127.0.0.1 with a free port."""

    def __init__(self):
        self.requests: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        """The fake's address."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        """Start serving in a background thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                fake.requests.append(self.path)
                status, body, headers = fake.answer(self)
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def answer(self, handler: BaseHTTPRequestHandler) -> tuple[int, dict, dict]:  # pragma: no cover - abstract
        raise NotImplementedError


class FakeTwilio(_Fake):
    """``GET /2010-04-01/Accounts/{sid}/Calls.json`` with Basic auth, ``To``/``From``/``StartTime>=``
    filters, ``PageSize`` paging via ``next_page_uri``, and (optionally) a 429 with ``Retry-After``
    on the first request.

    Args:
        calls: call resources as Twilio returns them (``start_time`` as RFC 2822).
        account_sid: the account.
        auth_token: the token.
        throttle_first: answer the first request with 429 Too Many Requests.
    """

    def __init__(self, calls: list[dict], account_sid: str = "AC" + "0" * 32, auth_token: str = "secret",
                 throttle_first: bool = True):
        super().__init__()
        self.calls, self.sid, self.token, self.throttle = calls, account_sid, auth_token, throttle_first

    def answer(self, handler):
        parts = urlsplit(handler.path)
        if self.throttle:
            self.throttle = False
            return 429, {"code": 20429, "message": "Too Many Requests", "status": 429}, {"Retry-After": "1"}
        expected = "Basic " + base64.b64encode(f"{self.sid}:{self.token}".encode()).decode()
        if handler.headers.get("Authorization") != expected:
            return 401, {"code": 20003, "message": "Authenticate",
                         "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}, {
                "WWW-Authenticate": 'Basic realm="Twilio API"'}
        if parts.path != f"/2010-04-01/Accounts/{self.sid}/Calls.json":
            return 404, {"code": 20404, "message": "The requested resource was not found", "status": 404}, {}
        query = dict(parse_qsl(parts.query))
        rows = [c for c in self.calls if (not query.get("To") or c["to"] == query["To"])
                and (not query.get("From") or c["from"] == query["From"])]
        if query.get("StartTime>="):
            since = query["StartTime>="]
            rows = [c for c in rows if parsedate_to_datetime(c["start_time"]).date().isoformat() >= since]
        size, page = int(query.get("PageSize", 50)), int(query.get("Page", 0))
        chunk = rows[page * size:(page + 1) * size]
        uri = f"/2010-04-01/Accounts/{self.sid}/Calls.json"
        keep = {k: v for k, v in query.items() if k not in ("Page", "PageToken")}
        next_uri = None
        if (page + 1) * size < len(rows):
            from urllib.parse import urlencode

            next_uri = f"{uri}?{urlencode({**keep, 'Page': page + 1, 'PageToken': f'PA{page + 1}'})}"
        return 200, {"calls": chunk, "page": page, "page_size": size, "start": page * size,
                     "end": page * size + len(chunk) - 1, "uri": uri, "first_page_uri": uri,
                     "next_page_uri": next_uri, "previous_page_uri": None}, {}


def twilio_call(sid: str, from_: str, to: str, start, status: str = "completed", duration: int = 42) -> dict:
    """A call resource as Twilio returns it (times as RFC 2822 strings)."""
    stamp = format_datetime(start, usegmt=True).replace("GMT", "+0000")
    return {"sid": sid, "account_sid": "AC" + "0" * 32, "from": from_, "to": to, "direction": "inbound",
            "status": status, "start_time": stamp, "end_time": stamp, "date_created": stamp,
            "duration": str(duration if status == "completed" else 0), "parent_call_sid": None,
            "price": None, "price_unit": "USD", "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/AC{'0' * 32}/Calls/{sid}.json"}


class FakeZadarma(_Fake):
    """``GET /v1/statistics/pbx/`` checking Zadarma's signature exactly, with ``start``/``end``
    filters, ``skip``/``limit`` paging, ``X-RateLimit`` headers, and a 503 on the first request.

    Args:
        stats: rows as Zadarma returns them (``callstart`` as local ``YYYY-MM-DD HH:MM:SS``).
        key: the API key.
        secret: the API secret.
        fail_first: answer the first request with 503.
    """

    def __init__(self, stats: list[dict], key: str = "zkey", secret: str = "zsecret", fail_first: bool = True):
        super().__init__()
        self.stats, self.key, self.secret, self.fail = stats, key, secret, fail_first

    def answer(self, handler):
        parts = urlsplit(handler.path)
        if self.fail:
            self.fail = False
            return 503, {"status": "error", "message": "Service Unavailable"}, {}
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        signed = f"{self.key}:{zadarma_signature(parts.path, params, self.secret)}"
        if handler.headers.get("Authorization") != signed:
            return 401, {"status": "error", "message": "Not authorized"}, {}
        if parts.path != "/v1/statistics/pbx/":
            return 404, {"status": "error", "message": "Method not found"}, {}
        rows = [r for r in self.stats if params.get("start", "") <= r["callstart"] <= params.get("end", "9999")]
        skip, limit = int(params.get("skip", 0)), min(int(params.get("limit", 1000)), 1000)
        return 200, {"status": "success", "start": params.get("start"), "end": params.get("end"),
                     "version": 2, "stats": rows[skip:skip + limit]}, {
            "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "99", "X-RateLimit-Reset": "60"}
