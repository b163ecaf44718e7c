"""Small steps the page tests share: submitting a page's form, counting what changed."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from closingdesk.services.audit.event_log import audit_log
from tests.http_scenarios import csrf_from

OFFERING = "/offerings/neotherapeutics-2002"


def submit(
    client: TestClient,
    page: str,
    action: str,
    data: dict[str, str] | None = None,
    files: dict[str, Any] | None = None,
) -> httpx.Response:
    """Open ``page`` and post to ``action`` with the CSRF token the page's form carries."""
    token = csrf_from(client.get(page).text)
    return client.post(
        action, data={"csrf_token": token, **(data or {})}, files=files, follow_redirects=False
    )


def event_count(engine: Engine) -> int:
    return len(audit_log(engine))
