"""The corporate approvals on file: the newest version of each kind counsel uploaded."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from closingdesk.adapters.store.offering_documents import OfferingDocumentRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork

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


def approvals(uow: UnitOfWork, offering_id: int) -> list[Approval]:
    """The newest version of each approval uploaded, in the order of :data:`KINDS`."""
    return _newest(uow.offering_documents, offering_id)


def approvals_on_file(connection: Connection, offering_id: int) -> list[Approval]:
    """As :func:`approvals`, on a bare connection (settling's, until it reads through its
    unit of work)."""
    return _newest(OfferingDocumentRepository(connection), offering_id)


def approval(kind: str, document_id: int, version: int, name: str, sha256: str) -> Approval:
    return Approval(kind, KINDS[kind][1], document_id, version, name, sha256)


def _newest(store: OfferingDocumentRepository, offering_id: int) -> list[Approval]:
    found = []
    for kind, (stored_kind, _) in KINDS.items():
        latest = store.latest(offering_id, kind=stored_kind)
        if latest is not None:
            found.append(approval(kind, latest.id, latest.version, latest.file_name, latest.sha256))
    return found
