"""Executed counterparts: each agreement signed by both sides, digitally signed, with proof.

The executed PDF is the signed agreement version re-typeset with both signature blocks
completed, then signed with the offering's certificate (PAdES B-B; B-T with a timestamp
authority). Its certificate of completion lists both signing events with their evidence and
the hashes, and is signed the same way. Both are stored as documents ("executed_agreement",
"completion_certificate") of the agreement's version. A timestamp authority that cannot be
reached is recorded (event "agreement.execution_failed") and reported, never skipped
silently; running again produces what is missing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from pyhanko.sign.timestamps import TimestampRequestError
from sqlalchemy import Engine

from closingdesk.adapters.documents.pdf_executed import render_executed_pdf
from closingdesk.adapters.signing.completion import completion_pdf
from closingdesk.adapters.signing.pades import SigningKey, sign_many
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.services.clock import stamp
from closingdesk.services.documents.documents_view import DocumentInfo, documents_of
from closingdesk.services.documents.prospectus import attached_supplement
from closingdesk.services.signing.execution_jobs import Job, completion_of, jobs_for, signed
from closingdesk.services.signing.signing_identity import ensure_signing_identity, signing_key

KINDS = ("executed_agreement", "completion_certificate")
BATCH = 100  # agreements rendered, signed and stored per transaction


@dataclass(frozen=True)
class Execution:
    executed_document_ids: list[int]  # the executed PDFs made
    certificate_document_ids: list[int]  # their certificates of completion
    failed: list[tuple[int, str]]  # purchaser id, why no executed counterpart was made


def execute_counterparts(
    engine: Engine,
    *,
    offering: str | None,
    purchaser_ids: Sequence[int] | None = None,
    tsa_url: str | None = None,
    actor: str,
    now: datetime,
) -> Execution:
    """The executed counterpart of every agreement signed by both sides that lacks one."""
    found, jobs, failed = jobs_for(engine, offering=offering, purchaser_ids=purchaser_ids)
    jobs = [
        replace(j, supplement=attached_supplement(engine, j.agreement_document_id)) for j in jobs
    ]
    done = Execution([], [], failed)
    if not jobs:
        return done
    fingerprint = ensure_signing_identity(engine, offering=found, actor=actor, now=now).fingerprint
    key = signing_key(engine, found)
    for batch in _batches(jobs):
        try:
            made = _sign_batch(found, batch, key, fingerprint, tsa_url=tsa_url, now=now)
        except TimestampRequestError as error:
            rest = jobs[jobs.index(batch[0]) :]
            reason = f"the timestamp authority {tsa_url} could not be reached: {error}"
            _record_failures(engine, rest, reason, actor=actor, now=now)
            done.failed.extend((job.purchaser.id, reason) for job in rest)
            break
        made = _store(
            engine, found, made, tsa_url=tsa_url, fingerprint=fingerprint, actor=actor, now=now
        )
        done.executed_document_ids.extend(m.executed_id for m in made)
        done.certificate_document_ids.extend(m.certificate_id for m in made)
    return done


def executed_documents(engine: Engine, *, purchaser_id: int) -> list[DocumentInfo]:
    """The purchaser's executed PDF and certificate of completion, newest version first."""
    return [d for d in documents_of(engine, purchaser_id) if d.kind in KINDS]


@dataclass
class _Made:
    job: Job
    executed: bytes
    certificate: bytes = b""
    executed_id: int = 0
    certificate_id: int = 0


def _sign_batch(
    offering: Offering,
    batch: list[Job],
    key: SigningKey,
    fingerprint: str,
    *,
    tsa_url: str | None,
    now: datetime,
) -> list[_Made]:
    terms = offering.terms
    pdfs = [
        render_executed_pdf(
            terms,
            job.data,
            version=job.version,
            company=signed(job.company),
            purchaser=signed(job.purchaser_signature),
            supplement=job.supplement,
            forms=job.forms,
        )
        for job in batch
    ]
    executed = sign_many(pdfs, key, at=now, tsa_url=tsa_url)
    made = [_Made(job, pdf) for job, pdf in zip(batch, executed, strict=True)]
    certificates = [
        completion_pdf(completion_of(offering, m.job, m.executed, fingerprint, now=now))
        for m in made
    ]
    reason = "Certificate of completion"
    signed_certificates = sign_many(certificates, key, at=now, tsa_url=tsa_url, reason=reason)
    for m, pdf in zip(made, signed_certificates, strict=True):
        m.certificate = pdf
    return made


def _store(
    engine: Engine,
    offering: Offering,
    made: list[_Made],
    *,
    tsa_url: str | None,
    fingerprint: str,
    actor: str,
    now: datetime,
) -> list[_Made]:
    """Store what was made, but for counterparts another run stored meanwhile."""
    at = stamp(now)
    with UnitOfWork(engine) as uow:
        store = uow.signatures
        for m in made:
            store.lock_purchaser(m.job.purchaser.id)
        stored = store.executed_versions(m.job.purchaser.id for m in made)
        made = [m for m in made if (m.job.purchaser.id, m.job.version) not in stored]
        entries = []
        for m in made:
            job = m.job
            m.executed_id = store.add_document(_row(offering, job, KINDS[0], m.executed, at))
            m.certificate_id = store.add_document(_row(offering, job, KINDS[1], m.certificate, at))
            payload = {
                "agreement_document_id": job.agreement_document_id,
                "version": job.version,
                "agreement_sha256": job.agreement_sha256,
                "executed_document_id": m.executed_id,
                "executed_sha256": _sha(m.executed),
                "certificate_document_id": m.certificate_id,
                "certificate_sha256": _sha(m.certificate),
                "certificate_fingerprint": fingerprint,
                "timestamp_authority": tsa_url,
            }
            entries.append(("agreement.executed", f"purchaser:{job.purchaser.id}", payload))
        uow.events.append(at=at, actor=actor, entries=entries)
        uow.commit()
    return made


def _row(offering: Offering, job: Job, kind: str, content: bytes, at: str) -> dict[str, object]:
    prefix = "executed" if kind == KINDS[0] else "completion"
    return {
        "offering_id": offering.id,
        "purchaser_id": job.purchaser.id,
        "kind": kind,
        "format": "pdf",
        "version": job.version,
        "file_name": f"{prefix}-{job.file_stem}-v{job.version}.pdf",
        "sha256": _sha(content),
        "content": content,
        "created_at": at,
    }


def _record_failures(
    engine: Engine, jobs: list[Job], reason: str, *, actor: str, now: datetime
) -> None:
    with UnitOfWork(engine) as uow:
        entries = [
            (
                "agreement.execution_failed",
                f"purchaser:{job.purchaser.id}",
                {"agreement_document_id": job.agreement_document_id, "reason": reason},
            )
            for job in jobs
        ]
        uow.events.append(at=stamp(now), actor=actor, entries=entries)
        uow.commit()


def _batches(jobs: list[Job]) -> Iterator[list[Job]]:
    for start in range(0, len(jobs), BATCH):
        yield jobs[start : start + BATCH]


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
