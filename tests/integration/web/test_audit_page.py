"""The audit log page: the events, filtered and paged, and the chain's verdict up front."""

from __future__ import annotations

from sqlalchemy import update

from closingdesk.adapters.store import tables as t
from tests.http_scenarios import Closing


def test_the_log_shows_an_intact_chain(closing: Closing) -> None:
    page = closing.signed_in("viewer").get("/audit").text
    assert "The chain is intact" in page
    assert "book.imported" in page and "user.added" in page


def test_an_edited_event_shows_the_chain_broken_where_it_was_edited(closing: Closing) -> None:
    with closing.engine.begin() as connection:
        connection.execute(update(t.events).where(t.events.c.seq == 2).values(actor="mallory"))
    page = closing.signed_in("viewer").get("/audit").text
    assert "The chain is broken at event 2" in page
    assert "does not match its hash" in page


def test_the_log_filters_by_kind_and_by_subject(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    page = client.get("/audit?kind=agreement.drafted").text
    assert page.count("<code>agreement.drafted</code>") == 3
    assert "<code>user.added</code>" not in page
    page = client.get("/audit?subject=purchaser:2").text
    assert page.count("<code>agreement.drafted</code>") == 1
    assert 'href="/purchasers/2"' in page


def test_the_log_pages_newest_first(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    page = client.get("/audit?per_page=2").text
    assert "1–2 of " in page and 'href="/audit?per_page=2&amp;page=2"' in page
    assert "No events match" in client.get("/audit?kind=nothing.happened").text
