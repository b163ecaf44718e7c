"""A purchaser opens their link in Chromium and corrects their DWAC details."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from closingdesk.services.book.purchasers import list_purchasers
from closingdesk.services.deal_room import purchaser_detail
from closingdesk.services.signing.links import create_link
from tests.http_scenarios import LiveServer, artifact


@pytest.mark.browser
def test_a_purchaser_opens_their_link_and_corrects_their_dwac_details(
    live_server: LiveServer, browser_page: Any
) -> None:
    closing = live_server.closing
    _, purchasers = list_purchasers(closing.engine, offering=None)
    beta_id = next(p.id for p in purchasers if p.name == "Beta Partners")
    issued = create_link(
        closing.engine,
        beta_id,
        offering=None,
        link_key=closing.app.state.link_key,
        actor="user:agent@closing.example",
        now=datetime.now(UTC),
    )
    page = browser_page
    page.goto(f"{live_server.url}/p/{issued.token}")
    assert page.locator("h1").inner_text() == "Beta Partners"
    assert page.locator("[data-amount]").inner_text() == "$500,000.00"
    assert "SECURITIES PURCHASE AGREEMENT" in page.locator("pre.portal-agreement").inner_text()

    page.fill("#field-dtc_participant", "12345")
    page.fill("#field-email", "not an address")
    page.click("text=Save my details")
    assert "1 to 4 digits" in page.locator(".portal-field-bad").first.inner_text()
    assert page.locator(".portal-field-bad").count() == 2

    page.fill("#field-dtc_participant", "17")
    page.fill("#field-dtc_account", "B-22")
    page.fill("#field-attention", "Back Office")
    page.fill("#field-email", "ops@beta.example")
    page.click("text=Save my details")
    page.wait_for_selector("text=Your details were saved")
    assert page.input_value("#field-dtc_participant") == "0017"
    assert page.input_value("#field-dtc_account") == "B-22"
    _, beta = purchaser_detail(closing.engine, beta_id)
    assert (beta.dtc_participant, beta.dtc_account, beta.email) == (
        "0017",
        "B-22",
        "ops@beta.example",
    )
    page.screenshot(path=str(artifact("purchaser-page.png")), full_page=True)


@pytest.mark.browser
def test_a_changed_link_opens_a_plain_page_saying_whom_to_ask(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/p/WzEsIm5vdCBhIGxpbmsiXQ.changed")
    assert page.locator("h1").inner_text() == "This link can't be opened"
    assert "ask the placement agent" in page.locator("main").inner_text()
    page.screenshot(path=str(artifact("purchaser-link-refused.png")))
