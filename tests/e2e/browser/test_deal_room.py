"""A team member works the closing in Chromium: signs in, loads the book, reads the dashboard."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.http_scenarios import PASSWORD, LiveServer, artifact

pytestmark = pytest.mark.browser

OFFERING = "/offerings/neotherapeutics-2002"
BROKEN = textwrap.dedent("""\
    name,shares,email
    Delta Fund,12x,ops@delta.example
    ,5000,
    Epsilon LLC,2500,not-an-email
    """).encode()
GOOD = textwrap.dedent("""\
    name,shares,email,address,dtc_participant,dtc_account
    Delta Fund,400000,ops@delta.example,9 Pine St | New York NY,0161,D-4
    Epsilon LLC,125000,ops@epsilon.example,,,
    """).encode()


def sign_in(page: Any, server: LiveServer, role: str, path: str = "/") -> None:
    page.goto(f"{server.url}{path}")
    page.fill("#email", f"{role}@closing.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def upload(page: Any, name: str, content: bytes) -> None:
    page.set_input_files("#book", {"name": name, "mimeType": "text/csv", "buffer": content})
    page.click("text=Import the book")
    page.wait_for_load_state()


def seconds_left(countdown: str) -> int:
    found = re.fullmatch(r"(\d\d):(\d\d):(\d\d) left", countdown)
    assert found is not None, countdown
    hours, minutes, seconds = map(int, found.groups())
    return hours * 3600 + minutes * 60 + seconds


def test_an_agent_sees_every_error_of_a_broken_book_then_imports_a_good_one(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    sign_in(page, live_server, "agent", f"{OFFERING}/book")
    upload(page, "allocations.csv", BROKEN)
    problems = page.locator("tr.problem")
    assert problems.count() == 3
    text = page.locator("#problems").inner_text()
    assert "allocations.csv row 2, column shares" in text
    assert "allocations.csv row 3, column name" in text
    assert "allocations.csv row 4, column email" in text
    assert "nothing was imported" in text
    upload(page, "allocations.csv", GOOD)
    assert "2 added" in page.locator(".alert.good").inner_text()


def test_the_dashboard_shows_the_money_the_checklist_and_the_passed_close(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    sign_in(page, live_server, "agent", f"{OFFERING}/book")
    upload(page, "allocations.csv", GOOD)
    page.click("nav >> text=Dashboard")
    assert page.locator("h1").inner_text() == "NeoTherapeutics, Inc."
    assert "$3,560,000.00" in page.get_by_role("region", name="Committed").inner_text()
    assert re.fullmatch(r"Closed \d+ years? ago", page.locator("#countdown").inner_text())
    assert page.locator(".meter").count() == 10
    page.screenshot(path=str(artifact("dashboard.png")), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifact("dashboard-phone.png")), full_page=True)


def test_the_countdown_ticks_every_second_before_the_close(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    sign_in(page, live_server, "viewer", OFFERING)
    page.clock.install(time=datetime(2002, 3, 13, 0, 59, 0, tzinfo=UTC))  # 4:59 pm in Irvine
    page.reload()
    page.clock.pause_at(datetime(2002, 3, 13, 0, 59, 1, tzinfo=UTC))
    before = seconds_left(page.locator("#countdown").inner_text())
    assert 55 <= before <= 60
    page.clock.run_for(3000)
    assert seconds_left(page.locator("#countdown").inner_text()) == before - 3
    page.clock.run_for(90_000)
    assert re.fullmatch(r"Closed \d+ seconds? ago", page.locator("#countdown").inner_text())


def test_a_viewer_opens_a_purchaser_from_the_table(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    sign_in(page, live_server, "viewer", f"{OFFERING}/purchasers")
    page.fill("#q", "beta")
    page.click("text=Filter")
    page.click("td.name >> text=Beta Partners")
    assert page.locator("h1").inner_text() == "Beta Partners"
    assert page.locator("ol.checklist li").count() == 10
    assert "$500,000.00" in page.locator("section", has_text="Allocation").inner_text()
    assert page.locator("a", has_text="Download").count() == 1
