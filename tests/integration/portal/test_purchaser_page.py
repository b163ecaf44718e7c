"""The purchaser's own page: their terms, amounts, wire instructions and agreement."""

from __future__ import annotations

from tests.integration.portal.conftest import Portal


def test_the_page_shows_the_purchasers_own_amounts_and_the_wire_instructions(
    portal: Portal,
) -> None:
    issued = portal.link("Beta Partners")
    page = portal.closing.client().get(f"/p/{issued.token}")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for shown in (
        "Beta Partners",
        "NeoTherapeutics, Inc.",
        "250,000",  # shares
        "$500,000.00",  # the Purchase Price, the amount to wire
        "62,500",  # warrant shares at 25% coverage
        "$2.75",
        "5 years",
        "Chase Manhattan Bank",
        "021000021",
        "066-198038",
        "561-04051-19-103",
        "Tuesday, March 12, 2002 at 5:00 pm PST (America/Los_Angeles)",
        "Signing opens here once your agreement is final",
    ):
        assert shown in page.text, shown
    for other in ("Alpha Fund", "Gamma Trust", "$2,000,000.00", "ops@alpha.example"):
        assert other not in page.text, other


def test_the_page_shows_the_agreement_text_and_offers_it_for_download(portal: Portal) -> None:
    issued = portal.link("Alpha Fund")
    client = portal.closing.client()
    page = client.get(f"/p/{issued.token}")
    download = client.get(f"/p/{issued.token}/agreement")
    assert download.status_code == 200
    assert download.headers["content-type"] == "text/plain; charset=utf-8"
    assert "attachment" in download.headers["content-disposition"]
    assert "SECURITIES PURCHASE AGREEMENT" in download.text
    assert "Alpha Fund" in download.text and "Beta Partners" not in download.text
    assert "<pre" in page.text and "SECURITIES PURCHASE AGREEMENT" in page.text


def test_the_page_is_private_not_cached_framed_or_referred(portal: Portal) -> None:
    issued = portal.link("Alpha Fund")
    page = portal.closing.client().get(f"/p/{issued.token}")
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-frame-options"] == "DENY"


def test_the_page_says_which_details_the_agreement_still_needs(portal: Portal) -> None:
    issued = portal.link("Gamma Trust")
    page = portal.closing.client().get(f"/p/{issued.token}")
    assert "Your agreement still needs: DTC participant number, Account number, Address" in (
        page.text
    )


def test_a_signed_purchaser_sees_their_details_but_no_form(portal: Portal) -> None:
    portal.mark("Alpha Fund", "purchaser_signed")
    issued = portal.link("Alpha Fund")
    page = portal.closing.client().get(f"/p/{issued.token}")
    assert page.status_code == 200
    assert "can no longer be" in page.text
    assert "/details" not in page.text and "A-1" in page.text
