"""A real SMTP server on loopback (aiosmtpd) for the mail tests, and a prospectus PDF.

``smtp_server()`` starts one; it keeps every message it takes. It can refuse recipients
(550), require a login (AUTH PLAIN / LOGIN), and offer STARTTLS with a self-signed
certificate made here with ``cryptography``; ``tls.cafile`` is what a client must trust.
"""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from io import BytesIO
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from reportlab.pdfgen import canvas

USER, PASSWORD = "agent@mail.example", "s3cret mail password"


def prospectus_pdf(title: str = "Prospectus Supplement (Exhibit B)") -> bytes:
    """A small, real PDF: a cover page with ``title``."""
    out = BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.drawString(72, 720, title)
    page.drawString(72, 700, "Filed pursuant to Rule 424(b)(5), Registration No. 333-53108")
    page.showPage()
    page.save()
    return out.getvalue()


@dataclass
class Mailbox:
    """What the server took: each message as the client sent it, and its envelope."""

    refuse: set[str] = field(default_factory=set)  # recipients answered with 550
    received: list[tuple[EmailMessage, list[str]]] = field(default_factory=list)
    queued: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        assert isinstance(message, EmailMessage)
        self.received.append((message, list(envelope.rcpt_tos)))
        self.queued += 1
        return f"250 2.0.0 OK queued as Q{self.queued:04d}"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m, rcpt in self.received if address in rcpt]


@dataclass(frozen=True)
class Tls:
    cafile: str  # the server's self-signed certificate, for the client to trust
    context: ssl.SSLContext  # the server's


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    mailbox: Mailbox
    tls: Tls | None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(*, login: bool = False, starttls: Tls | None = None) -> Iterator[SmtpServer]:
    """An SMTP server on 127.0.0.1; with ``login`` it takes mail only after AUTH (over
    STARTTLS when ``starttls`` is given, else in the clear, for the test only)."""
    mailbox = Mailbox()
    options: dict[str, Any] = {}
    if login:
        options.update(
            authenticator=_authenticate, auth_required=True, auth_require_tls=starttls is not None
        )
    if starttls is not None:
        options.update(tls_context=starttls.context, require_starttls=True)
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", controller.port, mailbox, starttls)
    finally:
        controller.stop()


def self_signed_tls(folder: Path) -> Tls:
    """A certificate for 127.0.0.1 and localhost, signed by its own key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "closingdesk test mail")])
    now = dt.datetime.now(dt.UTC)
    san = x509.SubjectAlternativeName(
        [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(san, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return Tls(str(cert_file), context)


def link_in(message: EmailMessage) -> str:
    """The purchaser's link in an invitation's text."""
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    return next(word for word in text.split() if "/p/" in word)


def attachments(message: EmailMessage) -> dict[str, bytes]:
    return {
        part.get_filename() or "": part.get_payload(decode=True)
        for part in message.iter_attachments()
    }
