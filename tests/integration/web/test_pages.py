"""Every team page renders for a reader, and none answers without a session."""

from __future__ import annotations

from tests.http_scenarios import Closing
from tests.integration.web.helpers import OFFERING

PAGES = [
    OFFERING,
    f"{OFFERING}/purchasers",
    f"{OFFERING}/purchasers?attention=missing_dwac",
    f"{OFFERING}/terms",
    f"{OFFERING}/book",
    "/purchasers/1",
    "/audit",
]
POSTS = [
    "/logout",
    f"{OFFERING}/book",
    "/purchasers/1/links",
    "/purchasers/1/links/1/revoke",
]


def test_every_page_renders_for_a_viewer(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 200, page
        assert response.headers["content-type"].startswith("text/html")
        assert "viewer@closing.example" in response.text


def test_the_home_page_goes_straight_to_the_only_offering(closing: Closing) -> None:
    response = closing.signed_in("viewer").get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == OFFERING


def test_anonymous_requests_for_any_page_go_to_the_login_page(closing: Closing) -> None:
    client = closing.client()
    for page in [*PAGES, "/", "/documents/1"]:
        response = client.get(page, follow_redirects=False)
        assert response.status_code == 303, page
        assert response.headers["location"].startswith("/login?next=%2F")


def test_anonymous_forms_go_to_the_login_page(closing: Closing) -> None:
    client = closing.client()
    for action in POSTS[1:]:
        response = client.post(action, data={}, follow_redirects=False)
        assert response.status_code == 303, action
        assert response.headers["location"].startswith("/login")


def test_an_api_token_does_not_open_the_pages(closing: Closing) -> None:
    response = closing.client("admin").get(OFFERING, follow_redirects=False)
    assert response.status_code == 303


def test_the_dashboard_shows_money_checklist_deadline_and_exceptions(closing: Closing) -> None:
    page = closing.signed_in("viewer").get(OFFERING).text
    assert "$2,510,000.00" in page  # committed: 1,255,000 shares at $2.00
    assert "Warrant original delivered" in page
    assert 'data-deadline="2002-03-12T17:00:00-08:00"' in page
    assert "America/Los_Angeles" in page
    assert "Closed 2" in page and " ago" in page  # the seed's close of business has passed
    assert f"{OFFERING}/purchasers?attention=missing_dwac" in page


def test_the_terms_page_marks_the_warrant_coverage_as_an_assumption(closing: Closing) -> None:
    page = closing.signed_in("viewer").get(f"{OFFERING}/terms").text
    assert "021000021" in page and "561-04051-19-103" in page  # wire instructions
    assert "Samuel Gulko" in page  # notices
    assert "333-53108" in page  # registration
    coverage = page[page.index("Coverage") :]
    assert "assumption" in coverage[: coverage.index("</dd>")]


def test_an_unknown_purchaser_is_a_friendly_not_found_page(closing: Closing) -> None:
    response = closing.signed_in("viewer").get("/purchasers/999")
    assert response.status_code == 404
    assert "Not found" in response.text and "No purchaser 999." in response.text


def test_a_malformed_page_address_is_explained_not_a_crash(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    assert client.get("/purchasers/abc").status_code == 422
    assert client.get(f"{OFFERING}/purchasers?sort=colour").status_code == 422
    assert client.get("/no-such-page").status_code == 404
