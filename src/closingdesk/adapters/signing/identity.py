"""An offering's signing identity: its key pair and X.509 certificate, issued by a local CA.

Each installation has one small certificate authority, the "closingdesk local CA"; it
issues each offering a certificate ("<issuer> closing signatures") whose key signs that
offering's executed PDFs. A verifier that trusts the CA's certificate can name the signer.
Private keys are only ever handed out encrypted (PKCS#8, best available encryption) under a
passphrase derived from an installation secret. Everything here is PEM bytes in and out.

>>> key = passphrase("installation secret", "authority")
>>> len(key), key == passphrase("installation secret", "offering:1")
(64, False)
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

KEY_BITS = 3072
# RFC 9336 id-kp-documentSigning: the certificate is for signing documents.
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
YEARS = 10
CA_YEARS = 30
_YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Authority:
    """The installation's CA: its certificate and its encrypted private key (PEM)."""

    certificate_pem: bytes
    private_key_pem: bytes


@dataclass(frozen=True)
class SigningIdentity:
    """An offering's certificate, its encrypted private key and the CA certificate (PEM)."""

    certificate_pem: bytes
    private_key_pem: bytes
    ca_certificate_pem: bytes


def passphrase(installation_secret: str, purpose: str) -> bytes:
    """The passphrase of one key: the installation secret, keyed to what the key is for."""
    message = f"closingdesk signing key: {purpose}".encode()
    return hmac.new(installation_secret.encode(), message, hashlib.sha256).hexdigest().encode()


def create_authority(*, secret: bytes, now: datetime) -> Authority:
    """A new local CA, valid from now for 30 years."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    key_id = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "closingdesk"),
            x509.NameAttribute(
                NameOID.COMMON_NAME, f"closingdesk local CA {key_id.digest.hex()[:8]}"
            ),
        ]
    )
    certificate = (
        _builder(name, name, key.public_key(), now, now + CA_YEARS * _YEAR)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signing=False), critical=True)
        .add_extension(key_id, critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(_pem(certificate), _encrypted(key, secret))


def issue_identity(
    authority: Authority,
    *,
    authority_secret: bytes,
    issuer_name: str,
    valid_from: datetime,
    now: datetime,
    secret: bytes,
) -> SigningIdentity:
    """A new key pair for an issuer, certified by the CA from valid_from for ten years after
    the later of valid_from and now (so that an old deal's certificate can still sign today)."""
    ca_certificate = x509.load_pem_x509_certificate(authority.certificate_pem)
    ca_key = load_private_key(authority.private_key_pem, authority_secret)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, issuer_name),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{issuer_name} closing signatures"),
        ]
    )
    not_after = max(valid_from, now) + YEARS * _YEAR
    certificate = (
        _builder(subject, ca_certificate.subject, key.public_key(), valid_from, not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signing=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return SigningIdentity(_pem(certificate), _encrypted(key, secret), authority.certificate_pem)


def load_private_key(private_key_pem: bytes, secret: bytes) -> rsa.RSAPrivateKey:
    """The decrypted key; a wrong passphrase raises ValueError, a missing one TypeError."""
    key = serialization.load_pem_private_key(private_key_pem, password=secret)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("closingdesk signing keys are RSA keys")
    return key


def fingerprint(certificate_pem: bytes) -> str:
    """The certificate's SHA-256 fingerprint, lowercase hex."""
    certificate = x509.load_pem_x509_certificate(certificate_pem)
    return certificate.fingerprint(hashes.SHA256()).hex()


def subject(certificate_pem: bytes) -> str:
    """The certificate's subject as RFC 4514 text: ``CN=...,O=...``."""
    return x509.load_pem_x509_certificate(certificate_pem).subject.rfc4514_string()


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: rsa.RSAPublicKey,
    not_before: datetime,
    not_after: datetime,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )


def _key_usage(*, signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signing,
        crl_sign=not signing,
        encipher_only=False,
        decipher_only=False,
    )


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _encrypted(key: rsa.RSAPrivateKey, secret: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )
