"""The prospectus supplement on the purchaser's page: shown first, opened from the page,
its delivery recorded, and only ever the purchaser's own offering's."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.prospectus import add_prospectus
from closingdesk.services.signing.links import create_link
from tests.integration.portal.conftest import Portal
from tests.mail_scenarios import prospectus_pdf
from tests.scenarios import book_file

NOW = datetime.now(UTC)
MUST_OPEN = "Signing needs the prospectus supplement (Exhibit B) to be opened first"


def stored(portal: Portal, title: str = "Prospectus", offering: str | None = None) -> bytes:
    content = prospectus_pdf(title)
    add_prospectus(
        portal.closing.engine,
        content,
        source="424b5.pdf",
        offering=offering,
        actor="user:counsel@closing.example",
        now=NOW,
    )
    return content


def test_before_it_is_opened_the_page_says_signing_needs_the_prospectus(portal: Portal) -> None:
    stored(portal)
    issued = portal.link("Alpha Fund")
    page = portal.closing.client().get(f"/p/{issued.token}").text
    assert "Read the prospectus supplement (Exhibit B)" in page
    assert f'href="/p/{issued.token}/prospectus"' in page
    assert MUST_OPEN in page and "before anything else" in page
    assert page.index('id="prospectus"') < page.index('id="details"') < page.index('id="signing"')


def test_opening_it_serves_the_pdf_and_records_its_delivery(portal: Portal) -> None:
    content = stored(portal)
    issued = portal.link("Alpha Fund")
    client = portal.closing.client()
    pdf = client.get(f"/p/{issued.token}/prospectus", headers={"User-Agent": "Reader/1.0"})
    assert pdf.status_code == 200 and pdf.content == content
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline;")
    assert pdf.headers["cache-control"] == "no-store"
    assert portal.purchaser("Alpha Fund").checklist["prospectus_delivered"]
    assert not portal.purchaser("Beta Partners").checklist["prospectus_delivered"]
    [delivery] = [e for e in events_of(portal) if e.kind == "prospectus.delivered"]
    assert delivery.subject == f"purchaser:{portal.purchaser('Alpha Fund').id}"
    assert delivery.actor == f"purchaser-link:{issued.link.id}"
    assert delivery.payload["how"] == "opened" and delivery.payload["user_agent"] == "Reader/1.0"
    page = client.get(f"/p/{issued.token}").text
    assert MUST_OPEN not in page and "The prospectus supplement has reached you" in page


def test_each_opening_is_recorded(portal: Portal) -> None:
    stored(portal)
    token = portal.link("Alpha Fund").token
    client = portal.closing.client()
    for _ in range(2):
        assert client.get(f"/p/{token}/prospectus").status_code == 200
    assert [e.kind for e in events_of(portal)].count("prospectus.delivered") == 2


def test_before_counsel_stores_one_the_page_says_it_is_not_available_yet(portal: Portal) -> None:
    token = portal.link("Alpha Fund").token
    client = portal.closing.client()
    page = client.get(f"/p/{token}").text
    assert "is not available yet" in page and f"/p/{token}/prospectus" not in page
    missing = client.get(f"/p/{token}/prospectus")
    assert missing.status_code == 404 and "has not been made available yet" in missing.text
    assert not portal.purchaser("Alpha Fund").checklist["prospectus_delivered"]


def test_a_purchaser_link_never_fetches_another_offerings_prospectus(
    portal: Portal, tmp_path: Path
) -> None:
    engine = portal.closing.engine
    create_offering(engine, replace(NEOTHERAPEUTICS_2002, slug="other-2003"), actor="t", now=NOW)
    import_book(
        engine,
        book_file(tmp_path, "name,shares\nOmega Fund,100\n"),
        offering="other-2003",
        actor="t",
        now=NOW,
    )
    ours = stored(portal, "NeoTherapeutics prospectus", offering="neotherapeutics-2002")
    theirs = stored(portal, "Other prospectus", offering="other-2003")
    client = portal.closing.client()
    for name, offering, expected in (
        ("Alpha Fund", "neotherapeutics-2002", ours),
        ("Omega Fund", "other-2003", theirs),
    ):
        token = link(portal, name, offering)
        assert client.get(f"/p/{token}/prospectus").content == expected
        assert client.get(f"/p/{token}/prospectus?offering=1&offering_id=1").content == expected


def test_a_changed_link_fetches_no_prospectus(portal: Portal) -> None:
    stored(portal)
    token = portal.link("Alpha Fund").token
    response = portal.closing.client().get(f"/p/{token[:-2]}xx/prospectus")
    assert response.status_code == 403 and response.headers["content-type"].startswith("text/html")
    assert not portal.purchaser("Alpha Fund").checklist["prospectus_delivered"]


def events_of(portal: Portal) -> list[ChainedEvent]:
    with UnitOfWork(portal.closing.engine, read_only=True) as uow:
        return list(uow.events.iter())


def link(portal: Portal, name: str, offering: str) -> str:
    purchaser = portal.purchaser(name).id
    issued = create_link(
        portal.closing.engine,
        purchaser,
        offering=offering,
        link_key=portal.closing.app.state.link_key,
        actor="t",
        now=NOW,
    )
    return issued.token
