"""What a request says about where a signature came from: its IP address and user agent."""

from __future__ import annotations

from fastapi import Request

from closingdesk.services.signing.signatures import Evidence


def evidence_of(request: Request) -> Evidence:
    """The client's address as the server saw it (behind a proxy: the proxy's, unless the
    server is told to trust its forwarded headers) and the browser's own description."""
    ip = request.client.host if request.client else None
    return Evidence(ip=ip, user_agent=request.headers.get("user-agent"))
