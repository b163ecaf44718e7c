"""The deal room's scripts run from static files under a policy that forbids inline scripts."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser.test_deal_room import OFFERING, sign_in
from tests.http_scenarios import LiveServer

pytestmark = pytest.mark.browser


def test_no_page_breaks_the_content_security_policy(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    complaints: list[str] = []
    page.on("console", lambda message: complaints.append(message.text))
    page.on("pageerror", lambda error: complaints.append(str(error)))
    sign_in(page, live_server, "admin", OFFERING)
    page.wait_for_function("!!document.getElementById('countdown').textContent")
    for path in (f"{OFFERING}/countersign", "/purchasers/1", f"{OFFERING}/funding", "/audit"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state()
    assert [c for c in complaints if "Content Security Policy" in c] == []
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


def test_an_injected_inline_script_does_not_run(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, live_server, "admin", OFFERING)
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true';
                   document.body.appendChild(s); }"""
    )
    assert page.evaluate("window.injected === true") is False
