"""The team's pages over a real app and database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from closingdesk.interfaces.web import login
from tests.http_scenarios import closing, live_server

__all__ = ["closing", "live_server"]


@pytest.fixture(autouse=True)
def quick_failed_sign_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Failed sign-ins wait half a second in production; the tests that time it ask for it."""
    monkeypatch.setattr(login, "FAILED_SIGN_IN_DELAY", 0.0)
