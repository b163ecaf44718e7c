"""Which credit a returning or recalling debit takes back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from closingdesk.domain.funding.bank import BankTransaction
from closingdesk.domain.funding.payments import reversed_credit

DAY = date(2002, 3, 12)
WIRE = BankTransaction(
    account="1",
    direction="credit",
    amount=Decimal("500.00"),
    currency="USD",
    value_date=DAY,
    originator="Alpha Fund, L.P.",
    bank_reference="FW0312A",
    imad="20020312QMGFT001000123",
    end_to_end_id="NOTPROVIDED",
)
RETURN = BankTransaction(
    account="1",
    direction="debit",
    amount=Decimal("500.00"),
    currency="USD",
    value_date=DAY,
    reversal=True,
)


def test_a_return_naming_the_credits_imad_takes_back_that_credit() -> None:
    debit = replace(RETURN, original_reference="20020312QMGFT001000123")
    assert (
        reversed_credit(debit, {7: WIRE, 8: replace(WIRE, imad="OTHER", bank_reference="X")}) == 7
    )


def test_the_original_reference_is_compared_without_case_or_spaces() -> None:
    assert reversed_credit(replace(RETURN, original_reference=" fw0312a "), {7: WIRE}) == 7


def test_notprovided_is_no_reference_to_anything() -> None:
    debit = replace(RETURN, original_reference="NOTPROVIDED")
    assert reversed_credit(debit, {7: WIRE}) is None


def test_without_a_known_reference_the_same_money_from_the_same_sender_is_taken_back() -> None:
    debit = replace(RETURN, original_reference="UNKNOWN-REF", originator="ALPHA FUND LP")
    assert reversed_credit(debit, {7: WIRE}) == 7


def test_two_credits_alike_are_left_to_a_person() -> None:
    debit = replace(RETURN, originator="ALPHA FUND LP")
    assert reversed_credit(debit, {7: WIRE, 8: replace(WIRE, bank_reference="FW2")}) is None


def test_a_different_amount_or_a_later_credit_is_not_the_one_returned() -> None:
    debit = replace(RETURN, originator="ALPHA FUND LP")
    assert reversed_credit(debit, {7: replace(WIRE, amount=Decimal("499.00"))}) is None
    later = replace(WIRE, value_date=date(2002, 3, 13))
    assert reversed_credit(debit, {7: later}) is None


def test_only_credits_are_taken_back() -> None:
    debit = replace(RETURN, original_reference="FW0312A")
    assert reversed_credit(debit, {7: replace(WIRE, direction="debit")}) is None
