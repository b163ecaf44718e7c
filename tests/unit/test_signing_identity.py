"""An offering's signing certificate: issued by the local CA, its key stored encrypted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from closingdesk.adapters.signing.identity import (
    DOCUMENT_SIGNING,
    fingerprint,
    load_private_key,
    passphrase,
    subject,
)
from tests.signing_scenarios import KEY_SECRET, SIGNED_AT, Pki, make_pki


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


def certificate(pem: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem)


def test_the_certificate_names_the_issuer_as_organisation_and_closing_signatures_as_cn(
    pki: Pki,
) -> None:
    name = certificate(pki.identity.certificate_pem).subject
    assert name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "NeoTherapeutics, Inc."
    )
    assert name.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == (
        "NeoTherapeutics, Inc. closing signatures"
    )
    assert subject(pki.identity.certificate_pem).startswith("CN=NeoTherapeutics")


def test_the_certificate_is_issued_and_signed_by_the_installation_ca(pki: Pki) -> None:
    issued = certificate(pki.identity.certificate_pem)
    ca = certificate(pki.authority.certificate_pem)
    assert pki.identity.ca_certificate_pem == pki.authority.certificate_pem
    assert issued.issuer == ca.subject
    issued.verify_directly_issued_by(ca)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert ca.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign


def test_the_certificate_may_sign_documents_and_nothing_else(pki: Pki) -> None:
    extensions = certificate(pki.identity.certificate_pem).extensions
    usage = extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not (usage.value.key_cert_sign or usage.value.key_encipherment)
    purposes = extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(purposes) == [DOCUMENT_SIGNING]
    assert ExtendedKeyUsageOID.SERVER_AUTH not in purposes
    assert not extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_an_old_deals_certificate_runs_from_its_date_to_ten_years_after_today(pki: Pki) -> None:
    issued = certificate(pki.identity.certificate_pem)
    assert issued.not_valid_before_utc == datetime(2002, 3, 12, tzinfo=UTC)
    assert issued.not_valid_after_utc.year == SIGNED_AT.year + 10


def test_the_key_is_rsa_3072_and_each_certificate_has_its_own_random_serial(pki: Pki) -> None:
    other = make_pki()
    issued = certificate(pki.identity.certificate_pem)
    assert isinstance(issued.public_key(), rsa.RSAPublicKey)
    assert issued.public_key().key_size == 3072  # type: ignore[union-attr]
    assert issued.serial_number != certificate(other.identity.certificate_pem).serial_number
    assert fingerprint(pki.identity.certificate_pem) != fingerprint(other.identity.certificate_pem)


def test_the_private_key_is_stored_encrypted(pki: Pki) -> None:
    assert pki.identity.private_key_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert pki.authority.private_key_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")


def test_loading_the_key_without_its_passphrase_fails(pki: Pki) -> None:
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(pki.identity.private_key_pem, password=None)
    with pytest.raises(ValueError):
        load_private_key(pki.identity.private_key_pem, b"wrong passphrase")


def test_the_key_with_its_passphrase_matches_the_certificate(pki: Pki) -> None:
    key = load_private_key(pki.identity.private_key_pem, KEY_SECRET)
    issued = certificate(pki.identity.certificate_pem)
    assert key.public_key().public_numbers() == issued.public_key().public_numbers()  # type: ignore[union-attr]


def test_each_key_has_its_own_passphrase_derived_from_the_installation_secret() -> None:
    assert passphrase("s", "offering:1") == passphrase("s", "offering:1")
    assert passphrase("s", "offering:1") != passphrase("s", "offering:2")
    assert passphrase("s", "authority") != passphrase("t", "authority")
