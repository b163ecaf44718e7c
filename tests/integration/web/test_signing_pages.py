"""The team's side of signing: a purchaser's signature status, counsel's review of a
signature page sent back, and the admin's countersignature of many agreements at once."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.signing.signatures import (
    add_signature_page,
    executed_documents,
    signature_pages,
    signing_view,
)
from tests.http_scenarios import Closing
from tests.integration.web.helpers import OFFERING, event_count, submit
from tests.scenarios import NOW
from tests.signing_scenarios import small_pdf
from tests.signing_steps import link_for, purchaser_id, ready_to_sign, signed_electronically

COUNTERSIGN = f"{OFFERING}/countersign"
SCAN = small_pdf("Signature page of Beta Partners, signed in ink by John Poe")


@pytest.fixture
def ready(closing: Closing, tmp_path: Path) -> Closing:
    """Alpha Fund and Beta Partners can sign: PDFs drafted, the prospectus opened."""
    ready_to_sign(closing.engine, tmp_path, "Alpha Fund", "Beta Partners")
    return closing


def sign_as(closing: Closing, name: str, signer: str) -> int:
    link = link_for(closing.engine, closing.app.state.link_key, name)
    return signed_electronically(closing.engine, link, signer).purchaser_id


def page_sent_back(closing: Closing, name: str = "Beta Partners") -> int:
    """A signed page of the purchaser's current agreement, sent back by fax; its purchaser."""
    pid = purchaser_id(closing.engine, name)
    view = signing_view(closing.engine, purchaser_id=pid)
    assert view.agreement_document_id is not None
    add_signature_page(
        closing.engine,
        purchaser_id=pid,
        document_id=view.agreement_document_id,
        file_name="beta-signature-page.pdf",
        content=SCAN,
        actor="user:agent@closing.example",
        now=NOW,
    )
    return pid


def status_of(html: str) -> str:
    found = re.search(r"data-signature-status>([^<]+)<", html)
    assert found, "the page shows no signature status"
    return found.group(1)


def test_a_purchaser_signed_electronically_shows_with_its_evidence(ready: Closing) -> None:
    pid = sign_as(ready, "Alpha Fund", "Jane Roe")
    page = ready.signed_in("viewer").get(f"/purchasers/{pid}").text
    assert status_of(page) == "signed electronically"
    evidence = ("/s/ Jane Roe", "192.0.2.7", "esign-consent-1", "alpha@purchaser.example")
    for shown in evidence:
        assert shown in page, shown
    assert "/signature-page/accept" not in page


def test_a_pending_signature_page_links_to_the_file_exactly_as_sent(ready: Closing) -> None:
    pid = page_sent_back(ready)
    client = ready.signed_in("viewer")
    page = client.get(f"/purchasers/{pid}").text
    assert status_of(page) == "signature page pending"
    [sent] = signature_pages(ready.engine, purchaser_id=pid)
    assert f'href="/signature-pages/{sent.id}"' in page
    assert "/signature-page/accept" not in page  # a viewer may look, not review
    shown = client.get(f"/signature-pages/{sent.id}")
    assert shown.status_code == 200 and shown.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(shown.content).hexdigest() == sent.sha256
    assert shown.headers["x-content-type-options"] == "nosniff"


def test_counsel_accepts_a_signature_page_and_the_purchaser_has_signed(ready: Closing) -> None:
    pid = page_sent_back(ready)
    client = ready.signed_in("counsel")
    response = submit(client, f"/purchasers/{pid}", f"/purchasers/{pid}/signature-page/accept")
    assert response.status_code == 303
    assert response.headers["location"] == f"/purchasers/{pid}#signature"
    view = signing_view(ready.engine, purchaser_id=pid)
    assert view.purchaser_signed and view.signature is not None
    assert view.signature.method == "signature_page"
    page = client.get(f"/purchasers/{pid}").text
    assert status_of(page) == "signed by signature page"
    assert "accepted" in page and "user:counsel@closing.example" in page


def test_counsel_rejects_a_signature_page_saying_why(ready: Closing) -> None:
    pid = page_sent_back(ready)
    client = ready.signed_in("counsel")
    action = f"/purchasers/{pid}/signature-page/reject"
    refused = submit(client, f"/purchasers/{pid}", action, {"reason": "  "})
    assert refused.status_code == 422 and "say why" in refused.text.lower()
    response = submit(client, f"/purchasers/{pid}", action, {"reason": "not signed"})
    assert response.status_code == 303
    [page] = signature_pages(ready.engine, purchaser_id=pid)
    assert (page.status, page.reason) == ("rejected", "not signed")
    shown = client.get(f"/purchasers/{pid}").text
    assert status_of(shown) == "signature page rejected" and "not signed" in shown
    assert not signing_view(ready.engine, purchaser_id=pid).purchaser_signed


@pytest.mark.parametrize("role", ["viewer", "agent"])
@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_viewers_and_agents_cannot_review_a_signature_page(
    ready: Closing, role: str, decision: str
) -> None:
    pid = page_sent_back(ready)
    before = event_count(ready.engine)
    client = ready.signed_in(role)
    action = f"/purchasers/{pid}/signature-page/{decision}"
    response = submit(client, f"/purchasers/{pid}", action, {"reason": "looks wrong"})
    assert response.status_code == 403
    assert event_count(ready.engine) == before
    [page] = signature_pages(ready.engine, purchaser_id=pid)
    assert page.status == "pending"


def test_an_agent_adds_a_page_that_came_back_by_fax(ready: Closing) -> None:
    pid = purchaser_id(ready.engine, "Beta Partners")
    view = signing_view(ready.engine, purchaser_id=pid)
    client = ready.signed_in("agent")
    response = submit(
        client,
        f"/purchasers/{pid}",
        f"/purchasers/{pid}/signature-page",
        {"document_id": str(view.agreement_document_id)},
        files={"file": ("fax.pdf", SCAN, "application/pdf")},
    )
    assert response.status_code == 303
    [page] = signature_pages(ready.engine, purchaser_id=pid)
    assert (page.status, page.added_by) == ("pending", "user:agent@closing.example")


def test_the_countersign_page_lists_purchasers_who_signed_and_await_it(ready: Closing) -> None:
    sign_as(ready, "Alpha Fund", "Jane Roe")
    page = ready.signed_in("admin").get(COUNTERSIGN)
    assert page.status_code == 200
    assert "Alpha Fund" in page.text and "Beta Partners" not in page.text
    assert "1 awaiting countersignature" in page.text
    assert 'name="purchaser" value="' in page.text and "data-pick-all" in page.text


def test_an_admin_countersigns_the_selected_and_gets_the_executed_pdfs(ready: Closing) -> None:
    alpha = sign_as(ready, "Alpha Fund", "Jane Roe")
    beta = sign_as(ready, "Beta Partners", "John Poe")
    client = ready.signed_in("admin")
    signer = {"signer_name": "Samuel Gulko"}  # the terms' authorised signatory
    response = submit(client, COUNTERSIGN, COUNTERSIGN, {"purchaser": str(alpha), **signer})
    assert response.status_code == 200, response.text
    assert "Countersigned 1 agreement" in response.text
    documents = executed_documents(ready.engine, purchaser_id=alpha)
    assert {d.kind for d in documents} == {"executed_agreement", "completion_certificate"}
    for document in documents:
        assert f'href="/documents/{document.id}"' in response.text
    assert signing_view(ready.engine, purchaser_id=alpha).company_signed
    assert not signing_view(ready.engine, purchaser_id=beta).company_signed
    [event] = [e for e in audit_log(ready.engine) if e.kind == "agreement.countersigned"]
    assert event.actor == "user:admin@closing.example"
    assert event.payload["signer_name"] == "Samuel Gulko" and event.payload["ip"] == "testclient"
    assert event.payload["signer_title"] == "Chief Financial Officer"  # from the terms


def test_a_name_that_is_not_an_authorised_signatory_cannot_countersign(ready: Closing) -> None:
    alpha = sign_as(ready, "Alpha Fund", "Jane Roe")
    client = ready.signed_in("admin")
    before = event_count(ready.engine)
    signer = {"purchaser": str(alpha), "signer_name": "Alan Smith"}
    response = submit(client, COUNTERSIGN, COUNTERSIGN, signer)
    assert response.status_code == 422 and "not an authorised signatory" in response.text
    assert event_count(ready.engine) == before


def test_countersigning_all_skips_those_who_cannot_be_with_their_reasons(ready: Closing) -> None:
    sign_as(ready, "Alpha Fund", "Jane Roe")
    client = ready.signed_in("admin")
    signer = {"signer_name": "Samuel Gulko", "scope": "all"}
    response = submit(client, COUNTERSIGN, COUNTERSIGN, signer)
    assert response.status_code == 200
    assert "Countersigned 1 agreement" in response.text
    assert "The purchaser has not signed." in response.text
    assert "2 purchasers" in response.text and "Gamma Trust" in response.text
    again = submit(client, COUNTERSIGN, COUNTERSIGN, signer)
    assert "Countersigned 0 agreements" in again.text and "Already countersigned." in again.text


def test_countersigning_with_nobody_selected_or_no_signer_is_refused(ready: Closing) -> None:
    alpha = sign_as(ready, "Alpha Fund", "Jane Roe")
    client = ready.signed_in("admin")
    before = event_count(ready.engine)
    nobody = submit(client, COUNTERSIGN, COUNTERSIGN, {"signer_name": "A", "signer_title": "B"})
    assert nobody.status_code == 422 and "nothing was countersigned" in nobody.text
    unnamed = submit(client, COUNTERSIGN, COUNTERSIGN, {"purchaser": str(alpha)})
    assert unnamed.status_code == 422 and "say who countersigns" in unnamed.text.lower()
    assert event_count(ready.engine) == before


@pytest.mark.parametrize("role", ["counsel", "agent", "viewer"])
def test_only_an_admin_may_countersign(ready: Closing, role: str) -> None:
    alpha = sign_as(ready, "Alpha Fund", "Jane Roe")
    client = ready.signed_in(role)
    assert client.get(COUNTERSIGN).status_code == 403
    before = event_count(ready.engine)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert token is not None
    response = client.post(
        COUNTERSIGN,
        data={
            "csrf_token": token.group(1),
            "purchaser": str(alpha),
            "signer_name": "Mallory",
            "signer_title": "CFO",
        },
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert event_count(ready.engine) == before
    assert not signing_view(ready.engine, purchaser_id=alpha).company_signed
