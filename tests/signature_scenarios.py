"""A closing ready for signatures, built the way people build it, and the signatures in it.

``ready_closing`` is the example offering with three purchasers: Alpha Fund and Beta Partners
complete (signers named, agreements drafted as PDF, the prospectus supplement opened), Gamma
Trust incomplete (no DWAC details or address) and without the prospectus. Signing happens
at the real time of day: signing certificates are checked against the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.agreements import draft_agreements
from closingdesk.services.documents.prospectus import add_prospectus, record_prospectus_delivered
from closingdesk.services.signing.countersigning import CountersignResult, countersign
from closingdesk.services.signing.links import create_link
from closingdesk.services.signing.signatures import (
    Evidence,
    SignatureRecord,
    sign_electronically,
    signing_view,
)
from tests.scenarios import ACTOR, NOW, book_file, example_offering
from tests.signing_scenarios import small_pdf

BOOK = """\
name,shares,email,address,dtc_participant,dtc_account,dtc_reference,signer_name,signer_title
Alpha Fund,1000000,ops@alpha.example,1 Main St | Boston MA,226,A-1,REF-1,Jane Roe,Managing Member
Beta Partners,250000,,2 Oak Ave,0352,B-2,,John Poe,General Partner
Gamma Trust,5000,,,,,,,
"""
ALPHA_BIGGER = BOOK.replace("Alpha Fund,1000000", "Alpha Fund,1200000")
PROSPECTUS = small_pdf("Prospectus Supplement (Exhibit B)")
BROWSER = Evidence(ip="203.0.113.9", user_agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0")
COUNTERSIGNER = ("Samuel Gulko", "Chief Financial Officer")
AGENT = "user:agent@closing.example"


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Ids:
    alpha: int
    beta: int
    gamma: int


def ready_closing(engine: Engine, folder: Path, *, prospectus_opened: bool = True) -> Ids:
    """``prospectus_opened=False``: the prospectus is stored but nobody has opened it."""
    example_offering(engine)
    import_book(engine, book_file(folder, BOOK), offering=None, actor=ACTOR, now=NOW)
    draft_pdfs(engine)
    add_prospectus(engine, PROSPECTUS, source="prospectus.pdf", offering=None, actor=ACTOR, now=NOW)
    ids = Ids(*(purchaser_id(engine, n) for n in ("Alpha Fund", "Beta Partners", "Gamma Trust")))
    for pid in (ids.alpha, ids.beta) if prospectus_opened else ():
        record_prospectus_delivered(engine, pid, how="opened", at=NOW, detail={}, actor=ACTOR)
    return ids


def draft_pdfs(engine: Engine) -> None:
    draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)


def change_book(engine: Engine, folder: Path, csv_text: str) -> None:
    path = book_file(folder, csv_text, "changed.csv")
    import_book(engine, path, offering=None, actor=ACTOR, now=NOW)


def purchaser_id(engine: Engine, name: str) -> int:
    with UnitOfWork(engine, read_only=True) as uow:
        query = select(t.purchasers.c.id).where(t.purchasers.c.name == name)
        return int(uow.connection.execute(query).scalar_one())


def purchaser(engine: Engine, pid: int) -> Purchaser:
    with UnitOfWork(engine, read_only=True) as uow:
        found = uow.purchasers.get(pid)
    assert found is not None
    return found


def link_id(engine: Engine, pid: int, sent_to: str = "jane@alpha.example") -> int:
    issued = create_link(
        engine, pid, offering=None, link_key="k", sent_to=sent_to, actor=AGENT, now=now()
    )
    return issued.link.id


def sign(engine: Engine, pid: int, **changes: Any) -> SignatureRecord:
    """The purchaser signs the PDF their page shows, as its signer; ``changes`` alter that."""
    view = signing_view(engine, purchaser_id=pid)
    signer = purchaser(engine, pid).signer_name or "Pat Doe"
    arguments: dict[str, Any] = {
        "purchaser_id": pid,
        "link_id": changes.pop("link_id", None) or link_id(engine, pid),
        "document_id": view.agreement_document_id,
        "document_sha256": view.agreement_sha256,
        "consent_version": CONSENT_VERSION,
        "signer_name": signer,
        "signer_title": "Managing Member",
        "typed_signature": signer,
        "evidence": BROWSER,
        "now": now(),
    }
    return sign_electronically(engine, **{**arguments, **changes})


def countersign_all(engine: Engine, **changes: Any) -> CountersignResult:
    arguments: dict[str, Any] = {
        "offering": None,
        "purchaser_ids": None,
        "signer_name": COUNTERSIGNER[0],
        "signer_title": COUNTERSIGNER[1],
        "evidence": Evidence(ip="198.51.100.4", user_agent="closingdesk tests"),
        "actor": "user:admin@closing.example",
        "now": now(),
    }
    return countersign(engine, **{**arguments, **changes})


def events(engine: Engine, pid: int, kind: str | None = None) -> list[ChainedEvent]:
    with UnitOfWork(engine, read_only=True) as uow:
        found = list(uow.events.iter(subject=f"purchaser:{pid}"))
    return [e for e in found if kind is None or e.kind == kind]


def event_count(engine: Engine) -> int:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.events.head()[0]
