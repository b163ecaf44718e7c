"""Signing on the purchaser's page: read the PDF, consent, sign; or send back a signed page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.signing.signatures import (
    Evidence,
    countersign,
    executed_documents,
    signature_pages,
    signing_view,
)
from tests.integration.portal.conftest import Portal
from tests.scenarios import NOW
from tests.signing_scenarios import small_pdf
from tests.signing_steps import (
    change_book,
    draft_pdfs,
    hidden,
    link_for,
    purchaser_id,
    ready_to_sign,
)


@pytest.fixture
def ready(portal: Portal, tmp_path: Path) -> Portal:
    """Alpha Fund and Beta Partners have PDFs to sign and opened the prospectus."""
    ready_to_sign(portal.closing.engine, tmp_path, "Alpha Fund", "Beta Partners")
    return portal


def open_page(portal: Portal, name: str) -> tuple[TestClient, str, str]:
    """A browser that opened the purchaser's link: its client, the token, the page."""
    link = link_for(portal.closing.engine, portal.closing.app.state.link_key, name)
    client = portal.closing.client()
    page = client.get(f"/p/{link.token}")
    assert page.status_code == 200, page.text
    return client, link.token, page.text


def sign(client: TestClient, token: str, page: str, **changes: str) -> httpx.Response:
    """Submit the page's signing form as shown, consent given, with ``changes``."""
    form = {
        "csrf_token": hidden(page, "csrf_token"),
        "document_id": hidden(page, "document_id"),
        "document_sha256": hidden(page, "document_sha256"),
        "consent_version": CONSENT_VERSION,
        "signer_name": "Jane Roe",
        "signer_title": "Managing Member",
        "typed_signature": "jane  roe",
        **changes,
    }
    sent = {name: value for name, value in form.items() if value != "-"}  # "-": left out
    return client.post(f"/p/{token}/sign", data=sent, follow_redirects=False)


def signed_events(portal: Portal) -> int:
    return sum(e.kind == "agreement.signed" for e in audit_log(portal.closing.engine))


def test_the_page_shows_the_pdf_the_consent_and_the_signer_from_the_book(ready: Portal) -> None:
    _, token, page = open_page(ready, "Alpha Fund")
    engine = ready.closing.engine
    view = signing_view(engine, purchaser_id=purchaser_id(engine, "Alpha Fund"))
    assert f'data="/p/{token}/agreement.pdf' in page
    assert hidden(page, "document_id") == str(view.agreement_document_id)
    assert hidden(page, "document_sha256") == view.agreement_sha256
    assert "Consent to sign electronically" in page and "Your right to paper" in page
    assert f'name="consent_version" value="{CONSENT_VERSION}" required' in page
    assert 'value="Jane Roe"' in page and 'value="Managing Member"' in page
    assert "Type your full name to sign" in page


def test_the_pdf_shown_is_exactly_the_newest_agreement_and_only_this_site_frames_it(
    ready: Portal,
) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    pdf = client.get(f"/p/{token}/agreement.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == hidden(page, "document_sha256")
    assert pdf.headers["x-frame-options"] == "SAMEORIGIN"
    assert pdf.headers["content-security-policy"] == "frame-ancestors 'self'"
    assert pdf.headers["cache-control"] == "no-store"
    assert "inline" in pdf.headers["content-disposition"]


def test_a_purchaser_signs_and_the_page_says_when_and_by_whom(ready: Portal) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    response = sign(client, token, page, signer_title="Managing Member")
    assert response.status_code == 303 and response.headers["location"] == f"/p/{token}#signing"
    after = client.get(f"/p/{token}").text
    assert "Signed on " in after and " UTC by Jane Roe, Managing Member" in after
    assert f'action="/p/{token}/sign"' not in after and "signature-page" not in after
    [event] = [e for e in audit_log(ready.closing.engine) if e.kind == "agreement.signed"]
    evidence = event.payload
    assert evidence["ip"] == "testclient" and evidence["user_agent"] == "testclient"
    assert evidence["document_sha256"] == hidden(page, "document_sha256")
    assert evidence["consent_version"] == CONSENT_VERSION
    assert evidence["sent_to"] == "alpha@purchaser.example"


def test_signing_without_consent_is_refused_and_what_was_typed_is_kept(ready: Portal) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    response = sign(client, token, page, consent_version="-", signer_title="Partner")
    assert response.status_code == 422
    assert "Consent to sign electronically was not given; nothing was signed." in response.text
    assert "tick the box to give your consent" in response.text.lower()
    assert 'value="Partner"' in response.text and 'value="jane  roe"' in response.text
    assert signed_events(ready) == 0


def test_a_typed_signature_that_is_not_the_signers_name_is_refused(ready: Portal) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    response = sign(client, token, page, typed_signature="J. Roe")
    assert response.status_code == 409
    assert "The typed signature must be the signer" in response.text
    assert signed_events(ready) == 0


def test_signing_a_document_that_changed_since_it_was_shown_is_refused(
    ready: Portal, tmp_path: Path
) -> None:
    client, token, old_page = open_page(ready, "Alpha Fund")
    engine = ready.closing.engine
    change_book(engine, tmp_path, "name,shares,signer_title\nAlpha Fund,1000000,Manager\n")
    draft_pdfs(engine)
    response = sign(client, token, old_page)
    assert response.status_code == 409
    assert "nothing was signed" in response.text
    assert "not the current version of the agreement (version 2" in response.text
    assert "Your agreement was drafted again since you opened this page" in response.text
    view = signing_view(engine, purchaser_id=purchaser_id(engine, "Alpha Fund"))
    assert view.agreement_version == 2 and not view.purchaser_signed
    assert hidden(response.text, "document_sha256") == view.agreement_sha256  # the new one
    assert signed_events(ready) == 0


def test_a_form_without_its_security_token_is_refused(ready: Portal) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    assert sign(client, token, page, csrf_token="-").status_code == 403
    assert sign(client, token, page, csrf_token="forged").status_code == 403
    assert signed_events(ready) == 0


def test_signing_twice_changes_nothing(ready: Portal) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    assert sign(client, token, page).status_code == 303
    log = audit_log(ready.closing.engine)
    again = sign(client, token, page, signer_name="Someone Else", typed_signature="Someone Else")
    assert again.status_code == 303
    assert audit_log(ready.closing.engine) == log
    assert "by Jane Roe" in client.get(f"/p/{token}").text


def test_another_purchasers_document_cannot_be_signed_through_a_link(ready: Portal) -> None:
    engine = ready.closing.engine
    _, _, beta_page = open_page(ready, "Beta Partners")
    client, token, page = open_page(ready, "Alpha Fund")
    response = sign(
        client,
        token,
        page,
        document_id=hidden(beta_page, "document_id"),
        document_sha256=hidden(beta_page, "document_sha256"),
    )
    assert response.status_code == 409
    assert "not the current version" in response.text
    assert "Beta Partners" not in response.text
    for name in ("Alpha Fund", "Beta Partners"):
        assert not signing_view(engine, purchaser_id=purchaser_id(engine, name)).purchaser_signed


def test_signing_waits_for_the_prospectus_and_says_so(portal: Portal, tmp_path: Path) -> None:
    ready_to_sign(portal.closing.engine, tmp_path, "Beta Partners")  # not Alpha Fund
    client, token, page = open_page(portal, "Alpha Fund")
    assert "Signing opens here once your agreement is final" in page
    assert "Signing needs the prospectus supplement (Exhibit B) to be opened first" in page
    assert "The prospectus supplement has not been delivered" in page
    assert f'action="/p/{token}/sign"' not in page
    response = client.post(
        f"/p/{token}/sign",
        data={"csrf_token": hidden(page, "csrf_token"), "document_id": "1", "typed_signature": "x"},
    )
    assert response.status_code in (409, 422) and signed_events(portal) == 0


def test_a_signed_signature_page_is_sent_back_for_the_version_shown(ready: Portal) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    scan = small_pdf("Signature page: Alpha Fund, by /s/ Jane Roe")
    response = client.post(
        f"/p/{token}/signature-page",
        data={"csrf_token": hidden(page, "csrf_token"), "document_id": hidden(page, "document_id")},
        files={"file": ("signed page.pdf", scan, "application/pdf")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    engine = ready.closing.engine
    [stored] = signature_pages(engine, purchaser_id=purchaser_id(engine, "Alpha Fund"))
    assert (stored.status, stored.file_name, stored.sha256) == (
        "pending",
        "signed page.pdf",
        hashlib.sha256(scan).hexdigest(),
    )
    assert str(stored.document_id) == hidden(page, "document_id")
    after = client.get(f"/p/{token}").text
    assert "Your signature page is with counsel for review." in after
    assert f'action="/p/{token}/sign"' not in after


@pytest.mark.parametrize(
    ("file_name", "content", "status", "says"),
    [
        ("page.gif", b"GIF89a not a scan", 422, "A signature page must be a PDF, PNG or JPEG"),
        ("page.pdf", b"", 422, "The file is empty."),
    ],
)
def test_a_signature_page_that_is_not_a_scan_is_refused(
    ready: Portal, file_name: str, content: bytes, status: int, says: str
) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    response = client.post(
        f"/p/{token}/signature-page",
        data={"csrf_token": hidden(page, "csrf_token"), "document_id": hidden(page, "document_id")},
        files={"file": (file_name, content, "image/gif")},
    )
    assert response.status_code == status
    assert "The signature page cannot be used; nothing was added." in response.text
    assert says in response.text
    engine = ready.closing.engine
    assert signature_pages(engine, purchaser_id=purchaser_id(engine, "Alpha Fund")) == []


def test_a_signature_page_for_an_older_version_is_refused(ready: Portal, tmp_path: Path) -> None:
    client, token, old_page = open_page(ready, "Alpha Fund")
    engine = ready.closing.engine
    change_book(engine, tmp_path, "name,shares,signer_title\nAlpha Fund,1000000,Manager\n")
    draft_pdfs(engine)
    response = client.post(
        f"/p/{token}/signature-page",
        data={
            "csrf_token": hidden(old_page, "csrf_token"),
            "document_id": hidden(old_page, "document_id"),
        },
        files={"file": ("page.pdf", small_pdf("signed"), "application/pdf")},
    )
    assert response.status_code == 409
    assert "wrong version of the agreement" in response.text
    assert signature_pages(engine, purchaser_id=purchaser_id(engine, "Alpha Fund")) == []


def test_once_countersigned_the_purchaser_keeps_the_executed_agreement(ready: Portal) -> None:
    client, token, page = open_page(ready, "Alpha Fund")
    assert client.get(f"/p/{token}/executed-agreement.pdf").status_code == 404
    sign(client, token, page)
    engine = ready.closing.engine
    alpha = purchaser_id(engine, "Alpha Fund")
    countersign(
        engine,
        offering=None,
        purchaser_ids=[alpha],
        signer_name="Samuel Gulko",
        signer_title="Chief Financial Officer",
        evidence=Evidence(ip=None, user_agent="tests"),
        actor="user:admin@closing.example",
        now=NOW,
    )
    after = client.get(f"/p/{token}").text
    assert "your agreement is executed" in after
    stored = {d.kind: d.sha256 for d in executed_documents(engine, purchaser_id=alpha)}
    for path, kind in (
        ("executed-agreement.pdf", "executed_agreement"),
        ("completion-certificate.pdf", "completion_certificate"),
    ):
        assert f'href="/p/{token}/{path}"' in after
        response = client.get(f"/p/{token}/{path}")
        assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
        assert hashlib.sha256(response.content).hexdigest() == stored[kind]
