"""A purchaser settles only when signed by both sides, funded exactly and DWAC-ready."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.checklist import CHECKLIST
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress
from closingdesk.domain.problems import Problem
from closingdesk.domain.settlement.readiness import is_ready, settlement_problems

AGENT = NoticeAddress(
    name="Example Stock Transfer Company",
    attention="DWAC Department",
    title=None,
    address=("1 Example Plaza", "New York, NY 10004"),
    fax="(212) 555-0100",
    email="dwac@example.com",
)
TERMS = replace(NEOTHERAPEUTICS_2002, cusip="640656104", transfer_agent=AGENT)
SIGNED_AND_FUNDED = {
    key: key in ("purchaser_signed", "company_signed", "funded") for key in CHECKLIST
}
PRICE = Decimal("2000000.00")  # 1,000,000 shares at $2.00
WHO = "purchaser 7 (Alpha Fund)"


def alpha(**changes: object) -> Purchaser:
    ready = Purchaser(
        id=7,
        offering_id=1,
        name="Alpha Fund",
        shares=1_000_000,
        warrant_shares_override=None,
        email="ops@alpha.example",
        attention="Jane Roe",
        address=("1 Main Street", "Boston, MA 02110"),
        fax=None,
        dtc_participant="0123",
        dtc_account="ALPHA-1",
        dtc_reference="SPA-2002",
        signer_name="Jane Roe",
        signer_title="Partner",
        checklist=SIGNED_AND_FUNDED,
    )
    return replace(ready, **changes)


def unsigned(*keys: str) -> dict[str, bool]:
    return {**SIGNED_AND_FUNDED, **dict.fromkeys(keys, False)}


def test_a_signed_and_exactly_funded_purchaser_with_dwac_details_is_ready() -> None:
    assert settlement_problems(alpha(), TERMS, received=PRICE) == ()
    assert is_ready(alpha(), TERMS, received=PRICE)


def test_a_purchaser_who_has_not_signed_is_not_ready() -> None:
    problems = settlement_problems(
        alpha(checklist=unsigned("purchaser_signed")), TERMS, received=PRICE
    )
    assert problems == (Problem(WHO, "has not signed the agreement"),)


def test_a_purchaser_the_company_has_not_countersigned_is_not_ready() -> None:
    problems = settlement_problems(
        alpha(checklist=unsigned("company_signed")), TERMS, received=PRICE
    )
    assert problems == (Problem(WHO, "the company has not countersigned the agreement"),)


def test_a_short_payment_says_what_was_received_and_expected() -> None:
    problems = settlement_problems(alpha(), TERMS, received=Decimal("1999999.99"))
    what = "not funded exactly: received $1,999,999.99, expected $2,000,000.00 (short by $0.01)"
    assert problems == (Problem(WHO, what),)


def test_an_overpayment_is_not_funded_exactly_either() -> None:
    (problem,) = settlement_problems(alpha(), TERMS, received=Decimal("2000500.00"))
    assert problem.what.endswith("(over by $500.00)")


def test_nothing_received_is_not_funded() -> None:
    (problem,) = settlement_problems(alpha(), TERMS, received=Decimal("0"))
    assert "received $0.00, expected $2,000,000.00" in problem.what


def test_a_missing_dtc_participant_number_is_named() -> None:
    (problem,) = settlement_problems(alpha(dtc_participant=None), TERMS, received=PRICE)
    assert problem == Problem(
        WHO,
        "DWAC details missing: no DTC participant number "
        "(the `dtc_participant` column of the purchaser book)",
    )


def test_a_blank_dtc_account_is_named() -> None:
    (problem,) = settlement_problems(alpha(dtc_account="  "), TERMS, received=PRICE)
    assert problem.what.startswith("DWAC details missing: no DTC account number")


def test_terms_without_a_cusip_say_where_it_goes() -> None:
    (problem,) = settlement_problems(alpha(), replace(TERMS, cusip=None), received=PRICE)
    assert problem.where == "terms"
    assert "`cusip` key in the terms TOML" in problem.what
    assert "closingdesk terms-template" in problem.what


def test_terms_with_an_invalid_cusip_are_not_ready() -> None:
    (problem,) = settlement_problems(alpha(), replace(TERMS, cusip="640656105"), received=PRICE)
    assert problem == Problem(
        "terms", "the CUSIP '640656105' is not valid: correct the `cusip` key in the terms TOML"
    )


def test_terms_without_a_transfer_agent_are_not_ready() -> None:
    (problem,) = settlement_problems(alpha(), replace(TERMS, transfer_agent=None), received=PRICE)
    assert problem.where == "terms"
    assert problem.what.startswith("no transfer agent: set the `transfer_agent` table")


def test_a_transfer_agent_without_an_email_address_is_not_enough() -> None:
    terms = replace(TERMS, transfer_agent=replace(AGENT, email=None))
    (problem,) = settlement_problems(alpha(), terms, received=PRICE)
    assert "has no e-mail address" in problem.what
    assert "`transfer_agent.email`" in problem.what


def test_every_reason_is_listed_at_once() -> None:
    purchaser = alpha(
        checklist=unsigned("purchaser_signed", "company_signed", "funded"),
        dtc_participant=None,
        dtc_account="",
    )
    terms = replace(TERMS, cusip=None, transfer_agent=None)
    problems = settlement_problems(purchaser, terms, received=Decimal("10.00"))
    assert [(p.where, p.what.split(":")[0]) for p in problems] == [
        (WHO, "has not signed the agreement"),
        (WHO, "the company has not countersigned the agreement"),
        (WHO, "not funded exactly"),
        (WHO, "DWAC details missing"),
        (WHO, "DWAC details missing"),
        ("terms", "no CUSIP"),
        ("terms", "no transfer agent"),
    ]
    assert not is_ready(purchaser, terms, received=Decimal("10.00"))
