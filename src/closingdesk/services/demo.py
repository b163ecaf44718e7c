"""The demo closing: the seed's offering, a fictional book, every agreement drafted (text and
PDF), the prospectus delivered, most purchasers signed and countersigned with their executed
PDFs, the bank's statement matched, the ready purchasers settled with their warrants mailed
(:mod:`closingdesk.services.demo_closing`), and a demo admin for the deal room (a fresh
random password each time).

It runs the same services a user would, on a fresh SQLite database in the demo folder, so
the demo always shows the whole closing as far as closingdesk has built it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from closingdesk.adapters.files import write_file
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.domain.signing.signatures import entity_signer_problems
from closingdesk.examples import demo_book_path
from closingdesk.examples.demo_prospectus import demo_prospectus
from closingdesk.examples.demo_terms import DEMO_TERMS, demo_terms
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import BookImport, import_book
from closingdesk.services.deal_room import purchaser_detail
from closingdesk.services.demo_closing import DemoSettlement, fund_and_settle
from closingdesk.services.documents.agreements import DraftedAgreement, blank_form, draft_agreements
from closingdesk.services.documents.documents_view import stored_document
from closingdesk.services.documents.prospectus import add_prospectus, record_prospectus_delivered
from closingdesk.services.people.team import add_user, installation_secrets
from closingdesk.services.signing.links import create_link
from closingdesk.services.signing.signatures import (
    Evidence,
    countersign,
    sign_electronically,
    signing_view,
)
from closingdesk.services.status import ClosingStatus, closing_status

DEMO_ADMIN = "admin@demo.closingdesk.invalid"


@dataclass(frozen=True)
class Demo:
    database_url: str
    folder: Path
    book: Path
    agreements: Path
    imported: BookImport
    drafted: list[DraftedAgreement]
    status: ClosingStatus
    admin_email: str
    admin_password: str
    signing: DemoSigning
    settlement: DemoSettlement


def build_demo(folder: Path, *, actor: str, now: datetime) -> Demo:
    """A fresh demo in ``folder``: any database left by an earlier demo is replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "closingdesk.db"
    database.unlink(missing_ok=True)
    url = f"sqlite:///{database.resolve()}"
    engine = make_engine(url)
    upgrade(engine)
    terms = demo_terms(now.astimezone(ZoneInfo(DEMO_TERMS.timezone)).date())
    create_offering(engine, terms, actor=actor, now=now)
    book = write_file(folder, "demo-book.csv", demo_book_path().read_bytes())
    imported = import_book(engine, book, offering=None, actor=actor, now=now)
    agreements = folder / "agreements"
    _, drafted = draft_agreements(engine, offering=None, actor=actor, now=now)
    for agreement in drafted:
        write_file(agreements, agreement.file_name, agreement.content)
    _, form = blank_form(engine, offering=None)
    write_file(agreements, f"{terms.slug}-form.txt", form.encode("utf-8"))
    # the prospectus supplement first: the PDF agreements attach it as Exhibit B
    add_prospectus(
        engine,
        demo_prospectus(terms),
        source="demo-prospectus.pdf",
        offering=None,
        actor=actor,
        now=now,
    )
    _, pdfs = draft_agreements(engine, offering=None, fmt="pdf", actor=actor, now=now)
    signing = _sign_most(engine, pdfs, actor=actor, now=now)
    for document_id in signing.executed_documents:
        stored = stored_document(engine, document_id)
        write_file(folder / "executed", stored.info.file_name, stored.content)
    settlement = fund_and_settle(engine, folder, actor=actor, now=now)
    status = closing_status(engine, offering=None)
    password = secrets.token_urlsafe(12)
    add_user(engine, DEMO_ADMIN, role="admin", password=password, actor=actor, now=now)
    engine.dispose()
    return Demo(
        url,
        folder,
        book,
        agreements,
        imported,
        drafted,
        status,
        DEMO_ADMIN,
        password,
        signing,
        settlement,
    )


@dataclass(frozen=True)
class DemoSigning:
    signed: list[int]  # purchasers who signed electronically
    unsigned: list[int]  # drafted completely, but left to sign in the deal room
    executed_documents: list[int]


# How many purchasers with a complete agreement the demo leaves unsigned, to show the rest.
LEFT_UNSIGNED = 2


def _sign_most(
    engine: Engine, pdfs: list[DraftedAgreement], *, actor: str, now: datetime
) -> DemoSigning:
    """Most purchasers open the prospectus and sign on their page, the CFO countersigns."""
    key = installation_secrets(engine).link_key
    complete = [d for d in pdfs if not d.missing]
    signers = complete[: max(0, len(complete) - LEFT_UNSIGNED)]
    signed = [
        d.purchaser_id for d in signers if _sign(engine, d, link_key=key, actor=actor, now=now)
    ]
    result = countersign(
        engine,
        offering=None,
        purchaser_ids=None,
        signatory="Samuel Gulko",
        evidence=DEMO_EVIDENCE,
        actor=actor,
        now=now,
    )
    return DemoSigning(
        signed=signed,
        unsigned=[d.purchaser_id for d in complete if d.purchaser_id not in signed],
        executed_documents=list(result.executed_document_ids),
    )


DEMO_EVIDENCE = Evidence(ip="127.0.0.1", user_agent="closingdesk demo")


def _sign(
    engine: Engine, drafted: DraftedAgreement, *, link_key: str, actor: str, now: datetime
) -> bool:
    """What a purchaser does on their page: open the prospectus, consent, sign; whether
    they signed."""
    _, purchaser = purchaser_detail(engine, drafted.purchaser_id)
    link = create_link(
        engine, purchaser.id, offering=None, link_key=link_key, actor=actor, now=now
    ).link
    record_prospectus_delivered(
        engine,
        purchaser.id,
        how="opened",
        at=now,
        detail={"demo": True},
        actor=f"purchaser-link:{link.id}",
    )
    view = signing_view(engine, purchaser_id=purchaser.id)
    if view.agreement_document_id is None or view.agreement_sha256 is None:
        return False
    signer = purchaser.signer_name or purchaser.attention or purchaser.name
    if entity_signer_problems(purchaser.name, signer, purchaser.signer_title):
        return False  # an entity the book names no individual signer for stays unsigned
    sign_electronically(
        engine,
        purchaser_id=purchaser.id,
        link_id=link.id,
        document_id=view.agreement_document_id,
        document_sha256=view.agreement_sha256,
        consent_version=CONSENT_VERSION,
        signer_name=signer,
        signer_title=purchaser.signer_title,
        typed_signature=signer,
        evidence=DEMO_EVIDENCE,
        now=now,
    )
    return True
