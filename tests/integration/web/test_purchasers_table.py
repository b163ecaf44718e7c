"""The purchasers table: search, filter by state, sort by a column, page through, all linkable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.people.team import add_user
from tests.http_scenarios import PASSWORD, Closing
from tests.integration.web.helpers import OFFERING
from tests.scenarios import ACTOR, NOW, book_file, example_offering

TABLE = f"{OFFERING}/purchasers"


@pytest.fixture
def many(closing: Closing, tmp_path: Path) -> Closing:
    """The three purchasers and 120 more: "Fund 001" with 1,001 shares ... "Fund 120"."""
    rows = "".join(f"Fund {n:03d},{1000 + n}\n" for n in range(1, 121))
    import_book(
        closing.engine,
        book_file(tmp_path, "name,shares\n" + rows, "more.csv"),
        offering=None,
        actor=ACTOR,
        now=NOW,
    )
    return closing


def names(page: str) -> list[str]:
    return re.findall(r'<td class="name"><a href="/purchasers/\d+">([^<]+)</a>', page)


def test_the_table_pages_through_every_purchaser(many: Closing) -> None:
    client = many.signed_in("viewer")
    first = client.get(TABLE).text
    assert len(names(first)) == 50
    assert "1–50 of 123" in first
    assert f'href="{TABLE}?page=2"' in first
    last = client.get(f"{TABLE}?page=3").text
    assert len(names(last)) == 23 and "101–123 of 123" in last


def test_searching_finds_names_and_emails_in_any_case(many: Closing) -> None:
    client = many.signed_in("viewer")
    assert names(client.get(f"{TABLE}?q=fund 11").text) == [f"Fund 11{n}" for n in range(10)]
    assert names(client.get(f"{TABLE}?q=ALPHA.EXAMPLE").text) == ["Alpha Fund"]
    page = client.get(f"{TABLE}?q=nobody").text
    assert "No purchaser matches" in page


def test_filtering_by_state_shows_only_purchasers_in_that_state(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    assert names(client.get(f"{TABLE}?state=new").text) == ["Gamma Trust"]
    drafted = names(client.get(f"{TABLE}?state=agreement_generated").text)
    assert drafted == ["Alpha Fund", "Beta Partners"]


def test_clicking_a_header_sorts_and_clicking_again_reverses(many: Closing) -> None:
    client = many.signed_in("viewer")
    page = client.get(TABLE).text
    assert f'href="{TABLE}?sort=shares"' in page
    ascending = names(client.get(f"{TABLE}?sort=shares").text)
    assert ascending[:2] == ["Fund 001", "Fund 002"]
    page = client.get(f"{TABLE}?sort=shares").text
    assert f'href="{TABLE}?sort=shares&amp;dir=desc"' in page
    descending = names(client.get(f"{TABLE}?sort=shares&dir=desc").text)
    assert descending[:2] == ["Alpha Fund", "Beta Partners"]


def test_the_filters_stay_in_the_links_of_the_other_pages(many: Closing) -> None:
    page = many.signed_in("viewer").get(f"{TABLE}?q=fund&sort=name&dir=desc").text
    assert f'href="{TABLE}?q=fund&amp;sort=name&amp;dir=desc&amp;page=2"' in page
    assert names(page)[0] == "Fund 120"


def test_an_attention_item_lists_the_purchasers_it_counts(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    assert names(client.get(f"{TABLE}?attention=missing_dwac").text) == ["Gamma Trust"]
    missing_email = names(client.get(f"{TABLE}?attention=missing_email").text)
    assert missing_email == ["Beta Partners", "Gamma Trust"]


def test_money_and_share_counts_are_written_for_people(closing: Closing) -> None:
    page = closing.signed_in("viewer").get(TABLE).text
    assert '<td class="num">1,000,000</td>' in page
    assert '<td class="num">$2,000,000.00</td>' in page


def test_an_offering_without_purchasers_says_to_upload_a_book(
    database_url: str, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=database_url))
    example_offering(app.state.engine)
    add_user(
        app.state.engine,
        "viewer@closing.example",
        role="viewer",
        password=PASSWORD,
        actor=ACTOR,
        now=NOW,
    )
    client = Closing(app, app.state.engine, {}).signed_in("viewer")
    for page in (TABLE, OFFERING):
        assert "No purchasers yet — upload a book" in client.get(page).text
    app.state.engine.dispose()
