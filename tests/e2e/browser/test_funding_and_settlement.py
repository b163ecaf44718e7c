"""An admin works closing day in Chromium: loads the bank's file, confirms the wire the
matcher could only suggest, watches the bar move, then settles and sees the warrants."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.services.people.team import add_user
from tests.e2e.browser.test_deal_room import sign_in
from tests.funding_scenarios import ACCOUNT, HEADER
from tests.http_scenarios import PASSWORD, Closing, LiveServer, _free_port, artifact
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import closing as settlement_closing
from tests.settlement_scenarios import paid, signed

pytestmark = pytest.mark.browser

OFFERING = "/offerings/neotherapeutics-2002"
# Beta's price from a payer the matcher cannot place on its own: Beta is only suggested.
BANK_FILE = (
    HEADER + f"{ACCOUNT},2002-03-12,11:30,500000.00,USD,J SMITH,SUBSCRIPTION,FW-B\n"
).encode()


@pytest.fixture
def closing_day(sqlite_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    """Terms with a CUSIP and a transfer agent; Alpha and Beta signed, only Alpha paid."""
    app = create_app(Settings(database_url=sqlite_url))
    engine = app.state.engine
    settlement_closing(engine, tmp_path)
    signed(engine, 1, 2)
    paid(engine, tmp_path, 1)
    add_user(engine, "admin@closing.example", role="admin", password=PASSWORD, actor=ACTOR, now=NOW)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", Closing(app, engine, {}))
    server.should_exit = True
    thread.join(timeout=10)


def bar(page: Any) -> int:
    value = page.get_by_role("region", name="Received").get_by_role("progressbar")
    return int(value.get_attribute("aria-valuenow"))


def test_an_admin_confirms_a_suggested_wire_then_settles_the_ready_purchasers(
    closing_day: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    sign_in(page, closing_day, "admin", f"{OFFERING}/funding")
    assert page.locator("h1").inner_text() == "Funding"
    assert bar(page) == 79  # $2,000,000.00 of $2,510,000.00
    page.set_input_files(
        "#bank_file", {"name": "intraday.csv", "mimeType": "text/csv", "buffer": BANK_FILE}
    )
    page.click("text=Import the bank file")
    page.wait_for_load_state()
    assert "intraday.csv was imported" in page.locator("#imported").inner_text()
    unknown = page.locator("tr.exception[data-kind=unknown]")
    assert "Beta Partners" in unknown.locator(".suggestion").first.inner_text()
    page.screenshot(path=str(artifact("funding-suggestion.png")), full_page=True)
    unknown.get_by_role("button", name="Confirm match of transaction").first.click()
    page.wait_for_load_state()
    assert "Now funded: purchaser 2." in page.locator("#notice").inner_text()
    assert bar(page) == 99  # $2,500,000.00: Gamma's $10,000.00 is still to come
    assert page.locator("[data-count=funded]").inner_text() == "2"
    assert page.locator("tr.exception[data-kind=unknown]").count() == 0
    page.screenshot(path=str(artifact("funding.png")), full_page=True)

    page.click("nav >> text=Settlement")
    page.click("#settle")
    page.wait_for_load_state()
    assert "Settled 2 purchasers" in page.locator("#notice").inner_text()
    numbers = page.locator("a.warrant-number").all_inner_texts()
    assert numbers == ["W-0001", "W-0002"]
    gamma = page.locator("#not-ready li[data-purchaser='3']").inner_text()
    assert "Gamma Trust" in gamma
    page.screenshot(path=str(artifact("settlement.png")), full_page=True)
