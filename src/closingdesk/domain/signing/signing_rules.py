"""Who may sign what, and when: every reason a signature is not possible now, in words.

A purchaser signs the newest version of their agreement PDF, drafted with complete details,
once the prospectus supplement reached them, and only once. The company countersigns an
agreement its purchaser signed, the same version, once. Each check returns every reason, so
the page or the command shows them all together.

>>> ready = {"agreement_generated": True, "prospectus_delivered": True}
>>> v2 = AgreementVersion(document_id=7, version=2, sha256="ab" * 32)
>>> purchaser_reasons(ready, v2)
[]
>>> purchaser_reasons({"agreement_generated": True}, None)  # doctest: +NORMALIZE_WHITESPACE
['the agreement has not been prepared as a PDF yet',
 'the prospectus supplement has not been delivered to the purchaser yet']
>>> [p.what for p in version_problems(v2, document_id=5, sha256="ab" * 32)]
['this is not the current version of the agreement (version 2, document 7)']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from closingdesk.domain.problems import Problem
from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.domain.signing.signatures import same_signature

CHANGED = "the agreement changed since you opened it; reload it and read it again before signing"


@dataclass(frozen=True)
class AgreementVersion:
    """One stored version of a purchaser's agreement PDF."""

    document_id: int
    version: int
    sha256: str


def purchaser_reasons(
    checklist: Mapping[str, bool], agreement: AgreementVersion | None
) -> list[str]:
    """Why the purchaser cannot sign now; none when they can."""
    found = [
        (agreement is None, "the agreement has not been prepared as a PDF yet"),
        (
            agreement is not None and not checklist.get("agreement_generated", False),
            "the agreement is not complete: details are missing or changed since it was"
            " drafted, and it must be drafted again",
        ),
        (
            not checklist.get("prospectus_delivered", False),
            "the prospectus supplement has not been delivered to the purchaser yet",
        ),
        (checklist.get("purchaser_signed", False), "the agreement has already been signed"),
    ]
    return [reason for failed, reason in found if failed]


def company_reasons(
    checklist: Mapping[str, bool],
    agreement: AgreementVersion | None,
    *,
    purchaser_signed_sha256: str | None,
) -> list[str]:
    """Why the company cannot countersign this purchaser's agreement now; none when it can."""
    signed = checklist.get("purchaser_signed", False) and purchaser_signed_sha256 is not None
    moved = agreement is None or agreement.sha256 != purchaser_signed_sha256
    found = [
        (checklist.get("company_signed", False), "already countersigned"),
        (not signed, "the purchaser has not signed"),
        (
            signed and moved,
            "the agreement changed after the purchaser signed it; they must sign the new version",
        ),
    ]
    return [reason for failed, reason in found if failed]


def version_problems(
    agreement: AgreementVersion | None, *, document_id: int, sha256: str | None
) -> list[Problem]:
    """Problems when a document (and the hash of the bytes shown) is not the newest version."""
    where = f"document {document_id}"
    if agreement is None:
        return [Problem(where, "there is no agreement PDF to sign yet")]
    if document_id != agreement.document_id:
        current = f"version {agreement.version}, document {agreement.document_id}"
        return [Problem(where, f"this is not the current version of the agreement ({current})")]
    if sha256 is not None and sha256.strip().lower() != agreement.sha256:
        return [Problem(where, CHANGED)]
    return []


def name_problems(signer_name: str, typed_signature: str | None) -> list[Problem]:
    """Empty names: the signer's name, and the typed signature when one is adopted."""
    found = [(not signer_name.strip(), "signer name", "the signer's name is required")]
    if typed_signature is not None:
        found.append((not typed_signature.strip(), "signature", "type your name to sign"))
    return [Problem(where, what) for failed, where, what in found if failed]


def consent_problems(
    consent_version: str, *, signer_name: str, typed_signature: str
) -> list[Problem]:
    """An electronic signature's consent and adoption: the current consent, the signer's name."""
    found = [
        (
            consent_version != CONSENT_VERSION,
            "consent",
            f"consent {consent_version!r} is not the current consent ({CONSENT_VERSION}); "
            "read the consent again and give it",
        ),
        (
            not same_signature(typed_signature, signer_name),
            "signature",
            "the typed signature must be the signer's name as given",
        ),
    ]
    return [Problem(where, what) for failed, where, what in found if failed]
