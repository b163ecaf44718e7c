"""The deal room in a real Chromium, served by uvicorn over a SQLite closing."""

from __future__ import annotations

from tests.http_scenarios import browser_page, live_server

__all__ = ["browser_page", "live_server"]
