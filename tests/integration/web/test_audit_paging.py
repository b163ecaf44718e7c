"""The audit log page never fails on a page number: past the end it shows the last page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.http_scenarios import Closing


def events_shown(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/audit?{query}")
    assert response.status_code == 200, response.text[:300]
    return [line for line in response.text.splitlines() if "<code>" in line]


def test_a_page_past_the_end_shows_the_last_page(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    total_pages = -(-len(events_shown(client, "per_page=500")) // 5)
    last = events_shown(client, f"per_page=5&page={total_pages}")
    assert events_shown(client, "per_page=5&page=1000") == last
    assert last


def test_an_enormous_page_number_shows_the_last_page_not_an_error(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    last = events_shown(client, "page=1000")
    assert events_shown(client, "page=99999999999999999999999999") == last


def test_a_page_below_one_shows_the_first_page(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    assert events_shown(client, "page=-5") == events_shown(client, "page=1")
