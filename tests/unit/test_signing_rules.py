"""Who may sign, and when: every reason at once, in words."""

from __future__ import annotations

from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.domain.signing.scanned_pages import page_file_problems
from closingdesk.domain.signing.signatures import same_signature
from closingdesk.domain.signing.signing_rules import (
    AgreementVersion,
    company_reasons,
    consent_problems,
    purchaser_reasons,
    version_problems,
)

V1 = AgreementVersion(document_id=4, version=1, sha256="a" * 64)
V2 = AgreementVersion(document_id=9, version=2, sha256="b" * 64)
READY = {"agreement_generated": True, "prospectus_delivered": True}
SIGNED = {**READY, "purchaser_signed": True}


def test_a_purchaser_with_a_complete_agreement_and_the_prospectus_may_sign() -> None:
    assert purchaser_reasons(READY, V2) == []


def test_every_reason_a_purchaser_cannot_sign_is_given_at_once() -> None:
    reasons = purchaser_reasons({"purchaser_signed": True}, V2)
    assert [r.split(":")[0].split(" yet")[0] for r in reasons] == [
        "the agreement is not complete",
        "the prospectus supplement has not been delivered to the purchaser",
        "the agreement has already been signed",
    ]


def test_the_company_countersigns_only_what_the_purchaser_signed() -> None:
    assert company_reasons(SIGNED, V2, purchaser_signed_sha256=V2.sha256) == []
    assert company_reasons(READY, V2, purchaser_signed_sha256=None) == [
        "the purchaser has not signed"
    ]
    assert company_reasons(SIGNED, V2, purchaser_signed_sha256=V1.sha256) == [
        "the agreement changed after the purchaser signed it; they must sign the new version"
    ]
    done = {**SIGNED, "company_signed": True}
    assert company_reasons(done, V2, purchaser_signed_sha256=V2.sha256) == ["already countersigned"]


def test_only_the_newest_version_with_the_bytes_shown_can_be_signed() -> None:
    assert version_problems(V2, document_id=9, sha256="B" * 64) == []
    [old] = version_problems(V2, document_id=4, sha256=V1.sha256)
    assert old.what == "this is not the current version of the agreement (version 2, document 9)"
    [changed] = version_problems(V2, document_id=9, sha256=V1.sha256)
    assert changed.what.startswith("the agreement changed since you opened it")


def test_a_typed_signature_adopts_the_signers_name_whatever_the_case_and_spacing() -> None:
    assert same_signature(" jane  ROE", "Jane Roe")
    assert not same_signature("Jane", "Jane Roe") and not same_signature("", "")
    assert (
        consent_problems(CONSENT_VERSION, signer_name="Jane Roe", typed_signature="jane roe") == []
    )
    wrong = consent_problems("esign-consent-0", signer_name="Jane Roe", typed_signature="JR")
    assert [p.where for p in wrong] == ["consent", "signature"]


def test_a_signature_page_is_judged_by_its_first_bytes_not_its_name() -> None:
    assert page_file_problems("scan.pdf", b"\xff\xd8\xff\xe0 jpeg") == []
    assert [p.what for p in page_file_problems("page.pdf", b"")] == ["the file is empty"]
    [problem] = page_file_problems("page.pdf", b"<html>")
    assert problem.where == "page.pdf" and "PDF, PNG or JPEG" in problem.what
