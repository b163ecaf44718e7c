"""PAdES signatures on PDFs, checked by our verdict and by pyHanko's own validation."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from asn1crypto import keys, tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps import DummyTimeStamper, HTTPTimeStamper, TimestampRequestError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pypdf import PdfReader

from closingdesk.adapters.signing.pades import (
    FIELD_NAME,
    asn1_certificate,
    sign_many,
    sign_pdf,
    timestamper,
)
from closingdesk.adapters.signing.verification import verify_pdf
from tests.signing_scenarios import SIGNED_AT, Pki, make_pki, small_pdf


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="module")
def signed(pki: Pki) -> bytes:
    return sign_pdf(small_pdf(), pki.key, at=SIGNED_AT)


def test_a_signed_pdf_verifies_as_valid_and_unchanged_by_its_signer(
    pki: Pki, signed: bytes
) -> None:
    verdict = verify_pdf(signed, [pki.authority.certificate_pem])
    assert verdict.state == "valid" and verdict.valid and verdict.problems == ()
    assert verdict.intact and verdict.trusted and verdict.covers_whole_document
    assert verdict.signed_by == "NeoTherapeutics, Inc. closing signatures"
    assert verdict.signed_at == SIGNED_AT and not verdict.timestamped
    assert verdict.message.startswith("valid: signed by NeoTherapeutics")


def test_pyhankos_own_validation_accepts_the_signature_as_pades(pki: Pki, signed: bytes) -> None:
    signature = PdfFileReader(BytesIO(signed)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[asn1_certificate(pki.authority.certificate_pem)])
    status = validate_pdf_signature(signature, context)
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.md_algorithm == "sha256"
    assert signature.field_name == FIELD_NAME
    assert signature.sig_object["/SubFilter"] == SigSeedSubFilter.PADES.value


def test_the_same_pdf_signed_at_the_same_time_gives_the_same_bytes(pki: Pki, signed: bytes) -> None:
    assert sign_pdf(small_pdf(), pki.key, at=SIGNED_AT) == signed


def test_one_byte_changed_inside_the_signed_range_is_reported_as_altered(
    pki: Pki, signed: bytes
) -> None:
    tampered = signed.replace(b"1,000,000 shares", b"9,000,000 shares")
    assert tampered != signed and len(tampered) == len(signed)
    verdict = verify_pdf(tampered, [pki.authority.certificate_pem])
    assert verdict.state == "altered" and not verdict.intact
    assert verdict.message == "ALTERED: the document was changed after it was signed"
    assert "the signed bytes were changed after signing" in verdict.problems[0]


def test_a_damaged_signature_value_is_reported_as_altered(pki: Pki, signed: bytes) -> None:
    at = signed.index(b"/Contents <") + len(b"/Contents <") + 40
    damaged = signed[:at] + (b"0" if signed[at : at + 1] != b"0" else b"1") + signed[at + 1 :]
    assert verify_pdf(damaged, [pki.authority.certificate_pem]).state == "altered"


def test_an_update_appended_after_signing_is_reported_as_altered(pki: Pki, signed: bytes) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("fr")
    writer.update_root()  # type: ignore[no-untyped-call]
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    verdict = verify_pdf(out.getvalue(), [pki.authority.certificate_pem])
    assert verdict.state == "altered" and verdict.intact and not verdict.covers_whole_document
    assert "changed after this signature" in verdict.problems[0]


def test_a_pdf_signed_under_another_ca_is_reported_as_untrusted(pki: Pki) -> None:
    stranger = make_pki("Stranger Corp.")
    verdict = verify_pdf(
        sign_pdf(small_pdf(), stranger.key, at=SIGNED_AT), [pki.authority.certificate_pem]
    )
    assert verdict.state == "untrusted" and verdict.intact and not verdict.trusted
    assert verdict.signed_by == "Stranger Corp. closing signatures"
    assert "a certificate not issued by a CA trusted here" in verdict.problems[0]


def test_a_signature_whose_certificate_has_expired_is_not_trusted_and_says_why() -> None:
    made_in_2002 = make_pki("Old, Inc.", now=datetime(2002, 3, 12, tzinfo=UTC))
    signed = sign_pdf(small_pdf(), made_in_2002.key, at=datetime(2002, 3, 12, tzinfo=UTC))
    verdict = verify_pdf(signed, [made_in_2002.authority.certificate_pem])
    assert verdict.state == "untrusted" and verdict.intact
    assert "expired" in verdict.problems[0]


def test_an_unsigned_pdf_is_reported_as_not_signed(pki: Pki) -> None:
    verdict = verify_pdf(small_pdf(), [pki.authority.certificate_pem])
    assert verdict.state == "unsigned" and verdict.signatures == 0
    assert verdict.message == "NOT SIGNED: the document carries no digital signature"


def test_a_file_that_is_no_pdf_is_reported_as_unreadable(pki: Pki) -> None:
    assert verify_pdf(b"hello", [pki.authority.certificate_pem]).state == "unreadable"


def test_a_visible_signature_sits_in_its_box_and_verifies(pki: Pki) -> None:
    signed = sign_pdf(small_pdf(), pki.key, at=SIGNED_AT, box=(72, 72, 288, 144))
    field = PdfFileReader(BytesIO(signed)).embedded_signatures[0].sig_field
    assert [float(x) for x in field["/Rect"]] == [72, 72, 288, 144]
    assert verify_pdf(signed, [pki.authority.certificate_pem]).valid


def test_sign_many_signs_each_pdf_in_order(pki: Pki) -> None:
    pdfs = [small_pdf(f"Agreement {n}") for n in range(3)]
    signed = sign_many(pdfs, pki.key, at=SIGNED_AT)
    assert [s[: len(p)] for s, p in zip(signed, pdfs, strict=True)] == pdfs
    assert all(verify_pdf(s, [pki.authority.certificate_pem]).valid for s in signed)


def test_the_timestamp_client_asks_the_configured_authority() -> None:
    client = timestamper("http://127.0.0.1:1/tsa")
    assert isinstance(client, HTTPTimeStamper) and client.url == "http://127.0.0.1:1/tsa"


def test_an_unreachable_timestamp_authority_is_an_error_not_a_weaker_signature(pki: Pki) -> None:
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TimestampRequestError):
        sign_pdf(small_pdf(), pki.key, at=SIGNED_AT, tsa_url=f"http://127.0.0.1:{port}/")


# PAdES B-T against a real RFC 3161 service on loopback: pyHanko's DummyTimeStamper answers
# HTTP requests as a TSA with its own CA.

TSA_TIME = SIGNED_AT + timedelta(seconds=3)


def _tsa_pki() -> tuple[bytes, DummyTimeStamper]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA Root")])
    tsa_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])

    def build(subject: x509.Name, key: rsa.RSAPrivateKey) -> x509.CertificateBuilder:
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + timedelta(days=3650))
        )

    ca = (
        build(ca_name, ca_key)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    tsa = (
        build(tsa_name, tsa_key)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    pem = ca.public_bytes(serialization.Encoding.PEM)
    der_key = tsa_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    stamper = DummyTimeStamper(
        tsa_cert=asn1_certificate(tsa.public_bytes(serialization.Encoding.PEM)),
        tsa_key=keys.PrivateKeyInfo.load(der_key),
        certs_to_embed=SimpleCertificateStore.from_certs([asn1_certificate(pem)]),  # type: ignore[no-untyped-call]
        fixed_dt=TSA_TIME,
    )
    return pem, stamper


@pytest.fixture(scope="module")
def tsa() -> Iterator[tuple[str, bytes]]:
    """A timestamp authority on 127.0.0.1: its URL and its root certificate."""
    root, stamper = _tsa_pki()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            reply = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()


def test_with_a_timestamp_authority_the_signature_is_pades_b_t(
    pki: Pki, tsa: tuple[str, bytes]
) -> None:
    url, tsa_root = tsa
    signed = sign_pdf(small_pdf(), pki.key, at=SIGNED_AT, tsa_url=url)
    verdict = verify_pdf(signed, [pki.authority.certificate_pem, tsa_root])
    assert verdict.valid and verdict.timestamped and verdict.signed_at == TSA_TIME
    signature = PdfFileReader(BytesIO(signed)).embedded_signatures[0]
    roots = [asn1_certificate(pki.authority.certificate_pem), asn1_certificate(tsa_root)]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
    assert status.bottom_line and status.timestamp_validity is not None
    assert status.timestamp_validity.trusted


def test_a_timestamp_from_an_authority_not_trusted_here_is_not_counted(
    pki: Pki, tsa: tuple[str, bytes]
) -> None:
    url, _ = tsa
    signed = sign_pdf(small_pdf(), pki.key, at=SIGNED_AT, tsa_url=url)
    verdict = verify_pdf(signed, [pki.authority.certificate_pem])
    assert verdict.valid and not verdict.timestamped and verdict.signed_at == SIGNED_AT


def test_a_signed_pdf_says_it_was_modified_when_it_was_signed_not_by_the_clock(
    pki: Pki,
) -> None:
    """pyHanko stamps ModDate with the clock; the signing time is what the file must say."""
    signed_pdf = sign_pdf(small_pdf(), pki.key, at=SIGNED_AT)
    info = PdfReader(BytesIO(signed_pdf)).metadata
    assert info is not None and info.modification_date == SIGNED_AT
