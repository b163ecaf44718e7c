"""The prospectus supplement (Exhibit B): stored once per offering, delivered to each purchaser.

The form says the prospectus supplement reaches each purchaser before funding. It is
delivered when the purchaser opens it from their page or when an invitation carried it as
an attachment; either way ``prospectus_delivered`` is set and the delivery (when, how, which
version) becomes an event. Each delivery is an event; the checklist item is set once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.documents.pdf_exhibits import exhibit_b_sha256
from closingdesk.adapters.pdf_files import read_pdf
from closingdesk.adapters.store.offering_documents import (
    OfferingDocument,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import InvalidInput, NotFound
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp

KIND = "prospectus"
HOW = ("opened", "emailed")
Prospectus = OfferingDocument
NOT_YET = "the prospectus supplement (Exhibit B) has not been made available yet"


@dataclass(frozen=True)
class AddedProspectus:
    offering: Offering
    prospectus: Prospectus
    pages: int
    changed: bool  # False when these bytes were already the current version


def add_prospectus(
    engine: Engine,
    content: bytes,
    *,
    source: str,
    offering: str | None,
    actor: str,
    now: datetime,
) -> AddedProspectus:
    """Store the offering's prospectus supplement; a new version only when the bytes differ."""
    pages, problems = read_pdf(content, source=source)
    if problems:
        raise InvalidInput("the prospectus supplement was not stored", problems)
    digest = hashlib.sha256(content).hexdigest()
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = uow.offering_documents
        latest = store.latest(found.id, kind=KIND)
        if latest is not None and latest.sha256 == digest:
            return AddedProspectus(found, latest, pages, changed=False)
        at, version = stamp(now), (latest.version + 1) if latest else 1
        added = store.add(
            found.id,
            kind=KIND,
            fmt="pdf",
            version=version,
            file_name=f"prospectus-supplement-{found.slug}.pdf",
            sha256=digest,
            content=content,
            created_at=at,
        )
        payload = {"version": version, "sha256": digest, "pages": pages, "source": source}
        entry = ("prospectus.added", f"offering:{found.id}", payload)
        uow.events.append(at=at, actor=actor, entries=[entry])
        uow.commit()
    return AddedProspectus(found, added, pages, changed=True)


def current_prospectus(engine: Engine, offering_id: int) -> Prospectus | None:
    """The offering's newest prospectus supplement, or None before one is stored."""
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.offering_documents.latest(offering_id, kind=KIND)


def attached_supplement(engine: Engine, agreement_document_id: int) -> tuple[int, bytes] | None:
    """The prospectus supplement (version, bytes) a stored agreement PDF attaches as Exhibit B,
    found by the SHA-256 the PDF names; None when it attaches none."""
    with UnitOfWork(engine, read_only=True) as uow:
        store = uow.offering_documents
        agreement = store.get(agreement_document_id)
        if agreement is None or agreement.format != "pdf":
            return None
        sha256 = exhibit_b_sha256(agreement.content)
        if sha256 is None:
            return None
        found = store.by_sha256(agreement.offering_id, kind=KIND, sha256=sha256)
    if found is None:
        raise NotFound(
            f"the prospectus supplement {sha256} attached to {agreement.file_name}"
            " is no longer stored"
        )
    return found.version, found.content


def record_prospectus_delivered(
    engine: Engine,
    purchaser_id: int,
    *,
    how: str,
    at: datetime,
    detail: Mapping[str, Any],
    actor: str,
) -> Prospectus:
    """Record that the current prospectus of the purchaser's own offering reached them
    ``how`` ("opened" or "emailed"), and return it: what a page serves is what was recorded."""
    with UnitOfWork(engine) as uow:
        purchaser = _locked_purchaser(uow, purchaser_id)
        prospectus = uow.offering_documents.latest(purchaser.offering_id, kind=KIND)
        if prospectus is None:
            raise NotFound(NOT_YET)
        deliver_in(uow, purchaser, prospectus, how=how, at=at, detail=detail, actor=actor)
        uow.commit()
    return prospectus


def deliver_in(
    uow: UnitOfWork,
    purchaser: Purchaser,
    prospectus: Prospectus,
    *,
    how: str,
    at: datetime,
    detail: Mapping[str, Any],
    actor: str,
) -> None:
    """As record_prospectus_delivered, inside the caller's unit of work (e.g. an invitation)."""
    if how not in HOW:
        raise ValueError(f"a prospectus is delivered {' or '.join(HOW)}, not {how!r}")
    if prospectus.offering_id != purchaser.offering_id:
        raise ValueError("a purchaser is delivered their own offering's prospectus only")
    when = stamp(at)
    uow.purchasers.set_checklist([purchaser.id], "prospectus_delivered", done=True)
    payload = {
        **detail,
        "how": how,
        "delivered_at": when,
        "version": prospectus.version,
        "sha256": prospectus.sha256,
        "before_funding": not purchaser.checklist["funded"],
    }
    entry = ("prospectus.delivered", f"purchaser:{purchaser.id}", payload)
    uow.events.append(at=when, actor=actor, entries=[entry])


def _locked_purchaser(uow: UnitOfWork, purchaser_id: int) -> Purchaser:
    uow.purchaser_details.lock(purchaser_id)
    purchaser = uow.purchasers.get(purchaser_id)
    if purchaser is None:
        raise NotFound(f"no purchaser {purchaser_id}")
    return purchaser
