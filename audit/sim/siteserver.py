"""Local ISP websites for the demo and tests: each site on its own loopback address, recording every
request a form sends, so that tests can assert on what an ISP really received.

A site is a folder: static files (``index.html``, …) plus ``site.yaml`` saying how it answers::

    submit: {path: /ajax/lead.php, respond: json, body: {message: "Спасибо! Заявка принята"}}
    behaviour: normal            # or hang, redirect_loop, not_found, server_error_home, slow_submit
    requires: {name_pattern: "^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$"}   # server-side checks (optional)
    rejects_if_filled: [website]  # honeypot fields

``respond`` is ``json`` (200 with ``body``), ``redirect`` (303 to ``location``), ``html`` (200 page
``page``), or ``error`` (``status`` with ``body``). Any POST to a path in ``submit.path`` (a string or a
list) is recorded, whatever the answer.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import yaml

SITES_DIR = Path(__file__).parent / "sites"
_PEER = re.compile(rb"__PEER_([a-z0-9_]+)__")
_TYPES = {".html": "text/html; charset=utf-8", ".js": "application/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".json": "application/json", ".png": "image/png",
          ".svg": "image/svg+xml", ".pdf": "application/pdf"}


@dataclass
class Received:
    """One request a site's form endpoint received."""

    site: str
    at: str
    method: str
    path: str
    fields: dict[str, str]
    content_type: str


@dataclass
class Site:
    """A site folder and its answering rules."""

    name: str
    folder: Path
    spec: dict
    host: str = "127.0.0.1"
    port: int = 0
    received: list[Received] = field(default_factory=list)

    @property
    def is_isp(self) -> bool:
        """False for helper sites (a CRM's form host), whose folder names start with ``_``."""
        return not self.name.startswith("_")

    @property
    def url(self) -> str:
        """The site's home page address."""
        return f"http://{self.host}:{self.port}/"


def load_site(folder: Path) -> Site:
    """Read a site folder's ``site.yaml`` (missing: a plain static site)."""
    spec_file = folder / "site.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) if spec_file.exists() else {}
    return Site(folder.name, folder, spec or {})


def _parse_body(content_type: str, body: bytes) -> dict[str, str]:
    if content_type.startswith("application/json"):
        data = json.loads(body or b"{}")
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {"_json": str(data)}
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        return {part.get_param("name", header="content-disposition"):
                part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", errors="replace")
                for part in message.iter_parts()}
    return dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))


class _Handler(BaseHTTPRequestHandler):
    server_version = "isp-fixture/1"
    site: Site
    lock: threading.Lock
    peers: dict[str, Site]

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _behaviour(self) -> bool:
        behaviour = self.site.spec.get("behaviour", "normal")
        path = urlsplit(self.path).path
        if behaviour == "hang":
            time.sleep(120)
            return True
        if behaviour == "redirect_loop":
            target = "/a" if path != "/a" else "/b"
            self._send(302, b"", headers={"Location": target})
            return True
        if behaviour == "not_found":
            self._send(404, "<h1>404 Не найдено</h1>".encode())
            return True
        if behaviour == "server_error_home":
            self._send(502, b"<h1>502 Bad Gateway</h1><hr>nginx")
            return True
        return False

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self._behaviour():
            return
        path = urlsplit(self.path).path
        if path.endswith("/"):
            path += "index.html"
        if urlsplit(self.path).query and not (self.site.folder / path.lstrip("/")).is_file():
            self._record("GET", path, dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True)), "")
        if path == "/index.html" and self.site.spec.get("huge"):
            filler = ("<p>" + "Тарифы и новости провайдера. " * 40 + "</p>\n") * 4000
            page = (self.site.folder / "index.html").read_text(encoding="utf-8")
            self._send(200, page.replace("<!--HUGE-->", filler).encode())
            return
        file = (self.site.folder / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.site.folder.resolve()) or not file.is_file():
            if (self.site.folder / path.lstrip("/") / "index.html").is_file():
                file = self.site.folder / path.lstrip("/") / "index.html"
            else:
                self._send(404, "<h1>404 Страница не найдена</h1>".encode())
                return
        body = file.read_bytes()
        if file.suffix in (".html", ".js"):
            body = _PEER.sub(lambda m: self.peers[m.group(1).decode()].url.rstrip("/").encode(), body)
        self._send(200, body, _TYPES.get(file.suffix, "application/octet-stream"))

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        submit = self.site.spec.get("submit") or {}
        paths = submit.get("path", [])
        paths = [paths] if isinstance(paths, str) else paths
        ctype = self.headers.get("Content-Type", "")
        fields = _parse_body(ctype, body)
        self._record("POST", path, fields, ctype)
        if path not in paths:
            self._send(404, b"{}", "application/json")
            return
        if submit.get("delay"):
            time.sleep(float(submit["delay"]))
        self._answer(submit, fields)

    def _record(self, method: str, path: str, fields: dict[str, str], ctype: str) -> None:
        with self.lock:
            self.site.received.append(Received(
                self.site.name, datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                method, path, fields, ctype.split(";")[0]))

    def _answer(self, submit: dict, fields: dict[str, str]) -> None:
        requires = self.site.spec.get("requires") or {}
        for name in self.site.spec.get("rejects_if_filled") or []:
            if fields.get(name):
                self._send(200, json.dumps({"ok": False, "message": "spam"}).encode(), "application/json")
                return
        for name, pattern in requires.items():
            if not re.search(pattern, fields.get(name, "")):
                self._send(400, json.dumps({"ok": False, "message": f"Поле {name} заполнено неверно"},
                                           ensure_ascii=False).encode(), "application/json")
                return
        respond = submit.get("respond", "json")
        if respond == "json":
            self._send(200, json.dumps(submit.get("body", {"ok": True}), ensure_ascii=False).encode(),
                       "application/json; charset=utf-8")
        elif respond == "redirect":
            self._send(303, b"", headers={"Location": submit.get("location", "/spasibo/")})
        elif respond == "html":
            self._send(200, (self.site.folder / submit.get("page", "thanks.html")).read_bytes())
        else:
            self._send(int(submit.get("status", 500)),
                       json.dumps(submit.get("body", {"error": "Internal Server Error"}),
                                  ensure_ascii=False).encode(), "application/json; charset=utf-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class SiteFarm:
    """Serve many sites at once, each on its own loopback address (127.0.0.2, 127.0.0.3, …).

    Args:
        sites: the sites to serve.
        first_host: the last octet of the first address.
        port: one port for all (0: a free one per site).
    """

    def __init__(self, sites: list[Site], first_host: int = 2, port: int = 0):
        self.sites = {s.name: s for s in sites}
        self._servers: list[_Server] = []
        self._first, self._port = first_host, port

    def start(self) -> SiteFarm:
        """Start every site's server in a background thread."""
        lock = threading.Lock()
        for index, site in enumerate(self.sites.values()):
            spec_host = site.spec.get("host")
            site.host = spec_host or f"127.0.{(self._first + index) // 250}.{(self._first + index) % 250 + 2}"
            if site.spec.get("behaviour") == "refused":
                site.port = _free_port(site.host)  # nothing listens there
                continue
            handler = type(f"Handler_{site.name}", (_Handler,),
                           {"site": site, "lock": lock, "peers": self.sites})
            server = _Server((site.host, self._port), handler)
            site.port = server.server_address[1]
            self._servers.append(server)
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def url(self, name: str) -> str:
        """A site's home address."""
        return self.sites[name].url

    def received(self, name: str) -> list[Received]:
        """What a site's form endpoints received, oldest first."""
        return list(self.sites[name].received)

    def stop(self) -> None:
        """Stop every server."""
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> SiteFarm:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def corpus(names: list[str] | None = None, root: Path = SITES_DIR) -> list[Site]:
    """The bundled site corpus (or the named sites of it, plus the helper sites), freshly loaded."""
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    return [load_site(f) for f in folders if names is None or f.name in names or f.name.startswith("_")]
