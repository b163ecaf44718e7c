"""Small PDFs and throwaway signing identities for the signing tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

from reportlab.pdfgen import canvas

from closingdesk.adapters.signing.identity import (
    Authority,
    SigningIdentity,
    create_authority,
    issue_identity,
)
from closingdesk.adapters.signing.pades import SigningKey, unlock

SIGNED_AT = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
CA_SECRET = b"ca passphrase"
KEY_SECRET = b"key passphrase"


def small_pdf(text: str = "Securities Purchase Agreement: Alpha Fund, 1,000,000 shares") -> bytes:
    """A one-page PDF whose page text sits uncompressed in the file (easy to tamper with)."""
    out = BytesIO()
    page = canvas.Canvas(out, invariant=1, pageCompression=0)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return out.getvalue()


@dataclass(frozen=True)
class Pki:
    authority: Authority
    identity: SigningIdentity
    key: SigningKey


def make_pki(issuer_name: str = "NeoTherapeutics, Inc.", now: datetime = SIGNED_AT) -> Pki:
    authority = create_authority(secret=CA_SECRET, now=now)
    identity = issue_identity(
        authority,
        authority_secret=CA_SECRET,
        issuer_name=issuer_name,
        valid_from=datetime(2002, 3, 12, tzinfo=UTC),
        now=now,
        secret=KEY_SECRET,
    )
    return Pki(authority, identity, unlock(identity, KEY_SECRET))
