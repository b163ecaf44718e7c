"""Each offering's signing identity in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from closingdesk.adapters.signing.identity import fingerprint, load_private_key, passphrase
from closingdesk.adapters.signing.pades import sign_pdf
from closingdesk.adapters.signing.verification import verify_pdf
from closingdesk.adapters.store.signing_tables import signing_authority, signing_identities
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.domain.problems import NotFound
from closingdesk.services.audit.event_log import audit_log, verify_chain
from closingdesk.services.book.offerings import create_offering, get_offering
from closingdesk.services.documents.document_signatures import verify_document
from closingdesk.services.signing.signing_identity import (
    SECRET_NAME,
    ensure_signing_identity,
    signing_identity,
    signing_key,
)
from tests.scenarios import ACTOR, NOW, example_offering
from tests.signing_scenarios import SIGNED_AT, small_pdf


def count(engine: Engine, table: object) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_ensuring_twice_makes_one_identity_and_records_one_event(engine: Engine) -> None:
    example_offering(engine)
    offering = get_offering(engine, None)
    first = ensure_signing_identity(engine, offering=offering, actor=ACTOR, now=NOW)
    again = ensure_signing_identity(engine, offering=offering, actor=ACTOR, now=NOW)
    assert again == first
    assert count(engine, signing_identities) == 1 and count(engine, signing_authority) == 1
    made = [e for e in audit_log(engine) if e.kind == "signing_identity.created"]
    assert len(made) == 1
    assert made[0].subject == f"offering:{offering.id}"
    assert made[0].payload["fingerprint_sha256"] == fingerprint(first.identity.certificate_pem)
    assert (
        made[0].payload["subject"]
        == "CN=NeoTherapeutics\\, Inc. closing signatures,O=NeoTherapeutics\\, Inc."
    )
    assert verify_chain(engine).intact


def test_two_offerings_get_their_own_certificates_from_one_installation_ca(engine: Engine) -> None:
    example_offering(engine)
    other_terms = NEOTHERAPEUTICS_2002.__class__(
        **{**NEOTHERAPEUTICS_2002.__dict__, "slug": "second", "issuer_name": "Second, Inc."}
    )
    second = create_offering(engine, other_terms, actor=ACTOR, now=NOW)
    first = ensure_signing_identity(
        engine, offering=get_offering(engine, "neotherapeutics-2002"), actor=ACTOR, now=NOW
    )
    later = NOW + timedelta(days=1)
    made = ensure_signing_identity(engine, offering=second, actor=ACTOR, now=later)
    assert made.identity.ca_certificate_pem == first.identity.ca_certificate_pem
    assert made.fingerprint != first.fingerprint and "Second" in made.subject
    kinds = [e.kind for e in audit_log(engine) if e.kind.startswith("signing_")]
    assert kinds == [
        "signing_authority.created",
        "signing_identity.created",
        "signing_identity.created",
    ]


def test_the_stored_key_opens_only_with_the_installation_secret(engine: Engine) -> None:
    example_offering(engine)
    offering = get_offering(engine, None)
    made = ensure_signing_identity(engine, offering=offering, actor=ACTOR, now=NOW)
    with pytest.raises(ValueError):
        load_private_key(
            made.identity.private_key_pem, passphrase("guess", f"offering:{offering.id}")
        )
    with engine.connect() as connection:
        row = connection.execute(select(signing_identities)).one()
    assert row.private_key_pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert SECRET_NAME not in row.private_key_pem


def test_an_offering_without_an_identity_is_not_found(engine: Engine) -> None:
    example_offering(engine)
    with pytest.raises(NotFound, match="no signing certificate"):
        signing_identity(engine, get_offering(engine, None))


def test_a_pdf_signed_with_the_offerings_key_verifies_and_names_the_offering(
    engine: Engine,
) -> None:
    example_offering(engine)  # a 2002 deal, whose certificate is made today
    offering = get_offering(engine, None)
    ensure_signing_identity(engine, offering=offering, actor=ACTOR, now=SIGNED_AT)
    signed = sign_pdf(small_pdf(), signing_key(engine, offering), at=SIGNED_AT)
    check = verify_document(engine, signed)
    assert check.verdict.valid and check.offering == "neotherapeutics-2002"
    assert verify_pdf(signed, []).state == "untrusted"
