"""The corporate approvals counsel uploads as documents of the offering: the board's
resolution authorising the issuance, the officer's certificate, and counsel's legal
opinion. The transfer agent's letter lists them as its attachments; when the terms say a
legal opinion is required (``legal_opinion_required``), settling waits for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine

from closingdesk.adapters.pdf_files import read_pdf
from closingdesk.adapters.store.offering_documents import OfferingDocumentRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp

# the command line's name, the documents' kind, and how the letter describes it
KINDS: dict[str, tuple[str, str]] = {
    "board-resolution": (
        "board_resolution",
        "resolutions of the Board of Directors authorizing the issuance of the Shares and the "
        "Warrants and the reservation of the Warrant Shares",
    ),
    "officers-certificate": ("officers_certificate", "officer's certificate"),
    "legal-opinion": ("legal_opinion", "legal opinion of the Company's counsel"),
}


@dataclass(frozen=True)
class Approval:
    kind: str  # the command line's name: "board-resolution"
    description: str
    document_id: int
    version: int
    file_name: str
    sha256: str


def add_approval(
    engine: Engine,
    content: bytes,
    *,
    kind: str,
    source: str,
    offering: str | None,
    actor: str,
    now: datetime,
) -> Approval:
    """Store one approval (a PDF) as a new version of its kind; the same bytes change nothing."""
    if kind not in KINDS:
        raise InvalidInput(f"{kind!r} is not one of {', '.join(KINDS)}")
    _, problems = read_pdf(content, source=source)
    if problems:
        raise InvalidInput(f"the {kind} was not stored", problems)
    stored_kind, _ = KINDS[kind]
    digest = hashlib.sha256(content).hexdigest()
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = OfferingDocumentRepository(uow.connection)
        latest = store.latest(found.id, kind=stored_kind)
        if latest is not None and latest.sha256 == digest:
            return _approval(kind, latest.id, latest.version, latest.file_name, digest)
        at, version = stamp(now), (latest.version + 1) if latest else 1
        name = f"{kind}-{found.slug}-v{version}.pdf"
        added = store.add(
            found.id,
            kind=stored_kind,
            fmt="pdf",
            version=version,
            file_name=name,
            sha256=digest,
            content=content,
            created_at=at,
        )
        payload = {"kind": kind, "version": version, "sha256": digest, "source": source}
        uow.events.append(
            at=at, actor=actor, entries=[("approval.added", f"offering:{found.id}", payload)]
        )
        uow.commit()
    return _approval(kind, added.id, version, name, digest)


def approvals_on_file(connection: Connection, offering_id: int) -> list[Approval]:
    """The newest version of each approval uploaded, in the order of :data:`KINDS`."""
    store = OfferingDocumentRepository(connection)
    found = []
    for kind, (stored_kind, _) in KINDS.items():
        latest = store.latest(offering_id, kind=stored_kind)
        if latest is not None:
            found.append(
                _approval(kind, latest.id, latest.version, latest.file_name, latest.sha256)
            )
    return found


def _approval(kind: str, document_id: int, version: int, name: str, sha256: str) -> Approval:
    return Approval(kind, KINDS[kind][1], document_id, version, name, sha256)
