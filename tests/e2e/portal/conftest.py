"""The browser fixtures: a live server over the three-purchaser closing, and Chromium."""

from __future__ import annotations

from tests.http_scenarios import browser_page, live_server

__all__ = ["browser_page", "live_server"]
