"""Security headers on every answer: the team's pages, purchasers' pages and the API.

- ``Content-Security-Policy``: scripts only from our own static files (no inline script or
  ``on...=`` handler runs, so injected markup cannot run code), no framing by any site
  (``frame-ancestors 'none'``), forms post only to us. Inline ``style`` attributes stay
  allowed: they cannot run code, and a progress bar's width is one.
- ``X-Frame-Options: DENY`` for browsers that do not read ``frame-ancestors``.
- ``Referrer-Policy: no-referrer``: a purchaser's page has their secret link in its URL.
- ``X-Content-Type-Options: nosniff``: a file is what its content type says.

A route that sets one of these itself keeps its own (the purchaser's agreement PDF may be
framed by the purchaser's page). The API's documentation page (Swagger UI, loaded from its
CDN) gets a policy that names its one inline script by hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'self'",
        "frame-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    )
)
HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
DOCS_PATH = "/api/v1/docs"
DOCS_CDN = "https://cdn.jsdelivr.net"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def docs_policy(html: bytes) -> str:
    """The policy of the API documentation page: its CDN, and its inline scripts by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' {DOCS_CDN} {hashes}".rstrip(),
            f"style-src 'self' {DOCS_CDN}",
            "img-src 'self' data: https:",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        )
    )


class SecurityHeaders:
    """ASGI middleware adding ``HEADERS`` to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == DOCS_PATH:
            await self._docs(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The documentation page is small: held whole, to hash its inline script."""
        start: Message = {}
        body = bytearray()

        async def held(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            headers = MutableHeaders(scope=start)
            for name, value in HEADERS.items():
                headers[name] = value
            headers["Content-Security-Policy"] = docs_policy(bytes(body))
            await send(start)
            await send({"type": "http.response.body", "body": bytes(body)})

        await self.app(scope, receive, held)
