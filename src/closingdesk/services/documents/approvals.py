"""The corporate approvals counsel uploads as documents of the offering: the board's
resolution authorising the issuance, the officer's certificate, and counsel's legal
opinion. The transfer agent's letter lists them as its attachments; when the terms say a
legal opinion is required (``legal_opinion_required``), settling waits for it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Engine

from closingdesk.adapters.pdf_files import read_pdf
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.views.approvals import KINDS, Approval, approval, approvals_on_file

__all__ = ["KINDS", "Approval", "add_approval", "approvals_on_file"]


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
        store = uow.offering_documents
        latest = store.latest(found.id, kind=stored_kind)
        if latest is not None and latest.sha256 == digest:
            return approval(kind, latest.id, latest.version, latest.file_name, digest)
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
    return approval(kind, added.id, version, name, digest)
