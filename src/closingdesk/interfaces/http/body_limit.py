"""A limit on how much a request may send, enforced before anything is buffered.

Uploads (``multipart/form-data``: a purchaser book, a bank file, a signature page) may send
up to ``upload_bytes``; everything else (forms, sign-in, JSON) up to ``form_bytes``, and
``/login`` never more than that whatever it claims to be. A declared ``Content-Length``
over the limit is answered 413 at once, without reading the body; a body sent in chunks is
counted as it arrives and refused the moment it passes the limit, so neither memory nor
disk ever holds more than the limit.

>>> limit_text(64 * 1024), limit_text(25 * 1024 * 1024)
('64 KB', '25 MB')
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FORM_ONLY_PATHS = ("/login", "/logout")


def limit_text(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KB"
    return f"{size:,} bytes"


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request is too large: at most {limit_text(limit)} may be sent here; "
            "nothing was changed",
        )


class BodyLimit:
    """ASGI middleware answering 413 to a request body over its limit."""

    def __init__(self, app: ASGIApp, *, upload_bytes: int, form_bytes: int) -> None:
        self.app = app
        self.upload_bytes = upload_bytes
        self.form_bytes = form_bytes

    def limit_of(self, scope: Scope, headers: Headers) -> int:
        is_upload = headers.get("content-type", "").lower().startswith("multipart/form-data")
        if is_upload and not scope["path"].startswith(FORM_ONLY_PATHS):
            return self.upload_bytes
        return self.form_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_of(scope, headers)
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(scope, send, BodyTooLarge(limit))
            return
        received = 0
        exceeded = False

        async def counted() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge(limit)
            return message

        replaced = False

        async def checked(message: Message) -> None:
            # Whatever a route made of the interrupted body, the answer is a 413.
            nonlocal replaced
            if message["type"] == "http.response.start" and exceeded and message["status"] != 413:
                replaced = True
                await _refuse(scope, send, BodyTooLarge(limit))
            if not replaced:
                await send(message)

        await self.app(scope, counted, checked)


async def _refuse(scope: Scope, send: Send, error: BodyTooLarge) -> None:
    """The 413 answer: JSON on the API, plain text elsewhere; the connection is closed."""
    if scope["path"].startswith("/api/"):
        body = json.dumps({"detail": error.detail, "problems": []}).encode()
        kind = b"application/json"
    else:
        body = (error.detail[:1].upper() + error.detail[1:] + ".\n").encode()
        kind = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
