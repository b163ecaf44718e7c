"""What an executed counterpart is made from: the agreement version both sides signed, the
purchaser's data, both signatures; and the certificate of completion it gets."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.documents.agreement_readiness import agreement_data
from closingdesk.domain.documents.forms_catalog import AgreementForms
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.signing.executed_agreement import Signed
from closingdesk.domain.signing.signatures import SignatureRecord
from closingdesk.domain.signing.signing_evidence import Completion, SigningEvidence
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.documents.agreements import file_slug
from closingdesk.services.documents.forms import signed_forms


@dataclass(frozen=True)
class Job:
    purchaser: Purchaser
    data: AgreementData
    purchaser_signature: SignatureRecord
    company: SignatureRecord
    agreement_document_id: int
    version: int
    agreement_sha256: str
    agreement_file_name: str
    supplement: tuple[int, bytes] | None = None  # Exhibit B attached to the signed version
    forms: AgreementForms | None = None  # the forms the signed version was made from

    @property
    def file_stem(self) -> str:
        return f"{self.purchaser.id:05d}-{file_slug(self.purchaser.name)}"


def jobs_for(
    engine: Engine, *, offering: str | None, purchaser_ids: Sequence[int] | None
) -> tuple[Offering, list[Job], list[tuple[int, str]]]:
    """The counterparts to make (signed by both sides, none made yet), and the purchasers
    asked for by id whose counterpart cannot be made, with the reason."""
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        everyone = uow.purchasers.list(found.id)
        store = uow.signatures
        wanted = set(purchaser_ids) if purchaser_ids is not None else None
        purchasers = [p for p in everyone if wanted is None or p.id in wanted]
        ids = [p.id for p in purchasers]
        signatures = store.signatures_of(ids)
        files = store.agreement_files(s.document_id for s in signatures.values())
        executed = store.executed_versions(ids)
        signed_on = signed_forms(
            uow,
            found.id,
            [
                (pid, "pdf", files[s.document_id][0])
                for (pid, side), s in signatures.items()
                if side == "company" and s.document_id in files
            ],
        )
    unknown = sorted((wanted or set()) - set(ids))
    failed = [(i, f"no purchaser {i} in offering {found.slug}") for i in unknown]
    jobs = []
    for p in purchasers:
        ours, theirs = signatures.get((p.id, "company")), signatures.get((p.id, "purchaser"))
        if ours is None or theirs is None:
            if wanted is not None:
                failed.append((p.id, "the agreement is not signed by both sides yet"))
            continue
        version, sha256, file_name = files[ours.document_id]
        if (p.id, version) not in executed:
            data = agreement_data(found.terms, p)
            job = Job(p, data, theirs, ours, ours.document_id, version, sha256, file_name)
            jobs.append(replace(job, forms=signed_on.get(p.id)))
    return found, jobs, failed


def signed(record: SignatureRecord) -> Signed:
    return Signed(record.conformed, record.signer_name, record.signer_title, record.signed_at_utc)


def completion_of(
    offering: Offering, job: Job, executed_pdf: bytes, fingerprint: str, *, now: datetime
) -> Completion:
    events = sorted((job.purchaser_signature.evidence(), job.company.evidence()), key=_when)
    return Completion(
        document_name=f"{job.agreement_file_name} (version {job.version})",
        document_sha256=job.agreement_sha256,
        events=tuple(events),
        generated_at=now,
        offering=offering.slug,
        executed_sha256=hashlib.sha256(executed_pdf).hexdigest(),
        certificate_fingerprint=fingerprint,
        exhibit_b_sha256=None if job.supplement is None else _sha256(job.supplement[1]),
    )


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _when(evidence: SigningEvidence) -> datetime:
    return evidence.at
