"""A purchaser's page: data, checklist, documents to download, events, and their links."""

from __future__ import annotations

import hashlib
import re

from closingdesk.services.documents.documents_view import documents_of
from closingdesk.services.signing.links import links_of
from tests.http_scenarios import Closing
from tests.integration.web.helpers import submit


def test_the_page_shows_the_purchasers_data_and_whole_checklist(closing: Closing) -> None:
    page = closing.signed_in("viewer").get("/purchasers/1").text
    for text in ("Alpha Fund", "1,000,000", "$2,000,000.00", "250,000", "0226", "A-1", "REF-1"):
        assert text in page
    assert page.count('<span class="tick"') == 10
    assert page.count('<li class="done">') == 1  # the agreement was drafted
    assert "1 of 10 done" in page


def test_a_drafted_agreement_can_be_downloaded_exactly_as_stored(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    [agreement] = documents_of(closing.engine, 1)
    page = client.get("/purchasers/1").text
    assert f'href="/documents/{agreement.id}"' in page
    assert agreement.sha256[:16] in page and "v1" in page
    response = client.get(f"/documents/{agreement.id}")
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == agreement.sha256
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert agreement.file_name in response.headers["content-disposition"]
    assert "attachment" in response.headers["content-disposition"]


def test_an_unknown_document_is_not_found(closing: Closing) -> None:
    assert closing.signed_in("viewer").get("/documents/999").status_code == 404


def test_the_page_lists_only_that_purchasers_events(closing: Closing) -> None:
    page = closing.signed_in("viewer").get("/purchasers/1").text
    assert "agreement.drafted" in page
    assert "agreement-00001-alpha-fund.txt" in page
    assert "agreement-00002" not in page


def test_an_agent_creates_a_link_shown_once_and_can_revoke_it(closing: Closing) -> None:
    client = closing.signed_in("agent")
    response = submit(client, "/purchasers/1", "/purchasers/1/links", {"sent_to": ""})
    assert response.status_code == 201
    [url] = re.findall(r'value="(http://127\.0\.0\.1:8000/p/[^"]+)"', response.text)
    assert "shown only once" in response.text
    [link] = links_of(closing.engine, 1)
    assert link.sent_to == "ops@alpha.example" and link.created_by == "user:agent@closing.example"
    again = client.get("/purchasers/1").text
    assert url not in again and "active" in again
    revoked = submit(client, "/purchasers/1", f"/purchasers/1/links/{link.id}/revoke")
    assert revoked.status_code == 303
    assert links_of(closing.engine, 1)[0].revoked_at is not None
    assert "revoked" in client.get("/purchasers/1").text


def test_a_link_is_revoked_only_through_its_own_purchaser(closing: Closing) -> None:
    client = closing.signed_in("agent")
    submit(client, "/purchasers/1", "/purchasers/1/links")
    [link] = links_of(closing.engine, 1)
    response = submit(client, "/purchasers/2", f"/purchasers/2/links/{link.id}/revoke")
    assert response.status_code == 404
    assert links_of(closing.engine, 1)[0].revoked_at is None
