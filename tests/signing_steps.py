"""Steps the signing page tests share, each the service a person's action calls: the signers
named in the book, the agreements drafted as PDF, the prospectus supplement opened, a
purchaser's electronic signature."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.agreements import draft_agreements
from closingdesk.services.documents.prospectus import add_prospectus, record_prospectus_delivered
from closingdesk.services.signing.links import IssuedLink, create_link
from closingdesk.services.signing.signatures import (
    Evidence,
    SignatureRecord,
    sign_electronically,
    signing_view,
)
from tests.scenarios import ACTOR, NOW, book_file
from tests.signing_scenarios import small_pdf

# The book again, naming who signs for each purchaser (other columns are left as they are).
SIGNERS = """\
name,shares,signer_name,signer_title
Alpha Fund,1000000,Jane Roe,Managing Member
Beta Partners,250000,John Poe,General Partner
"""
PROSPECTUS = small_pdf("Prospectus Supplement (Exhibit B) to the Prospectus dated March 1, 2002")


def purchaser_id(engine: Engine, name: str) -> int:
    with UnitOfWork(engine, read_only=True) as uow:
        query = select(t.purchasers.c.id).where(t.purchasers.c.name == name)
        return int(uow.connection.execute(query).scalar_one())


def change_book(engine: Engine, folder: Path, csv_text: str) -> None:
    import_book(
        engine, book_file(folder, csv_text, "changed.csv"), offering=None, actor=ACTOR, now=NOW
    )


def draft_pdfs(engine: Engine) -> None:
    draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)


def open_prospectus(engine: Engine, *names: str) -> None:
    """The prospectus supplement stored, and opened by each purchaser named."""
    add_prospectus(engine, PROSPECTUS, source="prospectus.pdf", offering=None, actor=ACTOR, now=NOW)
    for name in names:
        record_prospectus_delivered(
            engine, purchaser_id(engine, name), how="opened", at=NOW, detail={}, actor=ACTOR
        )


def ready_to_sign(engine: Engine, folder: Path, *names: str) -> None:
    """Signers named, agreements drafted as PDF, the prospectus opened by ``names``."""
    change_book(engine, folder, SIGNERS)
    draft_pdfs(engine)
    open_prospectus(engine, *names)


def link_for(engine: Engine, link_key: str, name: str) -> IssuedLink:
    return create_link(
        engine,
        purchaser_id(engine, name),
        offering=None,
        link_key=link_key,
        sent_to=f"{name.split()[0].lower()}@purchaser.example",
        actor="user:agent@closing.example",
        now=datetime.now(UTC),
    )


def signed_electronically(engine: Engine, link: IssuedLink, signer: str) -> SignatureRecord:
    """The purchaser of ``link`` signs their newest agreement PDF as ``signer``."""
    view = signing_view(engine, purchaser_id=link.link.purchaser_id)
    assert view.agreement_document_id is not None and view.agreement_sha256 is not None
    return sign_electronically(
        engine,
        purchaser_id=link.link.purchaser_id,
        link_id=link.link.id,
        document_id=view.agreement_document_id,
        document_sha256=view.agreement_sha256,
        consent_version=CONSENT_VERSION,
        signer_name=signer,
        signer_title=None,
        typed_signature=signer,
        evidence=Evidence(ip="192.0.2.7", user_agent="tests"),
        now=datetime.now(UTC),
    )


def hidden(html: str, name: str) -> str:
    """The value of a form's hidden field in a page."""
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no field {name} in the page"
    return found.group(1)
