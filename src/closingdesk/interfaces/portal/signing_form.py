"""The signing form as it arrives, and as it is shown again when it was refused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Form

from closingdesk.domain.problems import Problem, Refusal

Text = Annotated[str, Form()]


@dataclass(frozen=True)
class SigningSent:
    """The signing form as it arrives: the document shown, the consent, the signature."""

    document_id: int
    document_sha256: str
    consent_version: str  # the checkbox's value; empty when it was not ticked
    signer_name: str
    signer_title: str
    typed_signature: str

    def values(self) -> dict[str, str]:
        return {
            "signer_name": self.signer_name,
            "signer_title": self.signer_title,
            "typed_signature": self.typed_signature,
        }


def signing_sent(
    document_id: Annotated[int, Form()],
    document_sha256: Text = "",
    consent_version: Text = "",
    signer_name: Text = "",
    signer_title: Text = "",
    typed_signature: Text = "",
) -> SigningSent:
    return SigningSent(
        document_id,
        document_sha256.strip(),
        consent_version.strip(),
        signer_name.strip(),
        signer_title.strip(),
        typed_signature.strip(),
    )


@dataclass(frozen=True)
class SigningForm:
    """A refused signing or upload, shown again: what was refused, the values as typed."""

    error: str
    document_id: int  # the agreement version the form was for
    problems: tuple[Problem, ...] = ()
    values: Mapping[str, str] = field(default_factory=dict)
    upload: bool = False  # the refusal was of an uploaded signature page


def refused_form(refusal: Refusal, *, document_id: int, sent: SigningSent | None) -> SigningForm:
    """``sent``: the signing form; None for an uploaded signature page."""
    message = refusal.message[:1].upper() + refusal.message[1:].rstrip(".") + "."
    values = sent.values() if sent else {}
    return SigningForm(message, document_id, refusal.problems, values, upload=sent is None)
