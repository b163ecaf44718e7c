"""Forms that change state: each carries the session's token and needs the right role."""

from __future__ import annotations

import pytest

from closingdesk.services.signing.links import links_of
from tests.http_scenarios import PASSWORD, Closing
from tests.integration.web.helpers import OFFERING, event_count, submit
from tests.scenarios import THREE_PURCHASERS

BOOK = {"book": ("book.csv", THREE_PURCHASERS.replace("1000000", "1000001"), "text/csv")}
READERS = ("viewer", "counsel")  # may read, may not touch the book or links
FORMS = [
    (f"{OFFERING}/book", {}, BOOK),
    ("/purchasers/1/links", {"sent_to": "ops@alpha.example"}, None),
    ("/purchasers/1/links/1/revoke", {}, None),
]


def issue_a_link(closing: Closing) -> None:
    response = submit(closing.signed_in("agent"), "/purchasers/1", "/purchasers/1/links")
    assert response.status_code == 201


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_a_form_without_the_sessions_token_is_refused_and_changes_nothing(
    closing: Closing, token: str | None
) -> None:
    issue_a_link(closing)
    client = closing.signed_in("admin")
    before = event_count(closing.engine)
    for action, data, files in FORMS:
        form = data if token is None else {**data, "csrf_token": token}
        response = client.post(action, data=form, files=files, follow_redirects=False)
        assert response.status_code == 403, action
        assert "security token" in response.text
    assert event_count(closing.engine) == before
    assert all(link.revoked_at is None for link in links_of(closing.engine, 1))


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_the_login_form_needs_its_token_too(closing: Closing, token: str | None) -> None:
    client = closing.client()
    client.get("/login")
    form = {"email": "admin@closing.example", "password": PASSWORD}
    response = client.post("/login", data=form if token is None else {**form, "csrf_token": token})
    assert response.status_code == 403
    assert client.get("/audit", follow_redirects=False).status_code == 303


def test_signing_out_needs_the_token(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/audit", follow_redirects=False).status_code == 200


def test_a_reader_cannot_upload_a_book(closing: Closing) -> None:
    before = event_count(closing.engine)
    for role in READERS:
        client = closing.signed_in(role)
        response = submit(client, f"{OFFERING}/book", f"{OFFERING}/book", files=BOOK)
        assert response.status_code == 403
        assert "Not allowed" in response.text and f"A {role} may not import book." in response.text
        assert 'type="file"' not in client.get(f"{OFFERING}/book").text
    assert event_count(closing.engine) == before


def test_a_reader_cannot_create_or_revoke_links(closing: Closing) -> None:
    issue_a_link(closing)
    before = event_count(closing.engine)
    for role in READERS:
        client = closing.signed_in(role)
        assert submit(client, "/purchasers/1", "/purchasers/1/links").status_code == 403
        assert submit(client, "/purchasers/1", "/purchasers/1/links/1/revoke").status_code == 403
        assert "Create a link" not in client.get("/purchasers/1").text
    assert event_count(closing.engine) == before
