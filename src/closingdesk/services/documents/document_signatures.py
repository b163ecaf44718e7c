"""Checking a signed PDF against this installation: `closingdesk documents verify`.

The installation's CA is the trust root; a signature made with one of its offerings'
certificates is named by that offering.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from closingdesk.adapters.signing.verification import Verdict, verify_pdf
from closingdesk.adapters.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DocumentCheck:
    verdict: Verdict
    offering: str | None  # slug of the offering whose certificate signed it, if one of ours


def verify_document(engine: Engine, pdf: bytes) -> DocumentCheck:
    with UnitOfWork(engine, read_only=True) as uow:
        store = uow.signing_identity
        authority = store.authority()
        identities = store.identities()
        slugs = {o.id: o.slug for o in uow.offerings.list()}
    roots = [] if authority is None else [authority.certificate_pem]
    roots += [
        i.identity.ca_certificate_pem
        for i in identities
        if i.identity.ca_certificate_pem not in roots
    ]
    verdict = verify_pdf(pdf, roots)
    signer = next((i for i in identities if i.fingerprint == verdict.signer_fingerprint), None)
    return DocumentCheck(verdict, None if signer is None else slugs.get(signer.offering_id))
