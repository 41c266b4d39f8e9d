"""What browsers need of every answer, in one ASGI middleware in front of the app's routes:
security headers, and a Host check against DNS rebinding.

- Host: a page on evil.example whose name is then pointed at 127.0.0.1 reaches a server bound
  to loopback, with ``Host: evil.example``. Only the names in ``LEGAL_GRAPH_ALLOWED_HOSTS``
  (comma-separated, ``*`` for any; default: the loopback names) are answered; any other gets a
  400 naming the host and the setting.
- Headers: ``X-Content-Type-Options: nosniff``; no framing by other sites (``X-Frame-Options``
  and CSP ``frame-ancestors``); a Content-Security-Policy that lets pages load scripts, styles
  and data from this server only (style attributes allowed: the pages colour their swatches
  with them). The two pages whose HTML runs an inline script, the SPARQL editor (YASGUI) and
  Swagger UI at /docs, also allow inline scripts (tests/test_security.py draws both in Chromium).

Responses that set one of these headers themselves keep theirs.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_BASE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
             "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; ")  # fmt: skip
CSP = _BASE_CSP + "script-src 'self'"
INLINE_CSP = _BASE_CSP + "script-src 'self' 'unsafe-inline'"
INLINE_PAGES = ("/sparql", "/docs")
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
}


def host_name(header: str) -> str:
    """The name in a Host header, without its port; an IPv6 address without its brackets."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    """The middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(hosts)
        self.any_host = "*" in self.hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
        if not self.any_host and host_name(host) not in self.hosts:
            await self._refuse(host, send)
            return
        csp = (INLINE_CSP if scope["path"] in INLINE_PAGES else CSP).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in HEADERS.items() if k not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _refuse(self, host: str, send: Send) -> None:
        body = (f"Host {host!r} is not served here (DNS rebinding?). To serve this name, add it "
                f"to LEGAL_GRAPH_ALLOWED_HOSTS (now: {', '.join(sorted(self.hosts))}).\n").encode()  # fmt: skip
        await send({"type": "http.response.start", "status": 400, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()), *HEADERS.items()]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def install(app: FastAPI, hosts: Iterable[str]) -> None:
    """Put ``Guard`` in front of the app's routes (``hosts``: Settings.hosts)."""
    app.add_middleware(Guard, hosts=tuple(hosts))
