"""The rule of wire actions: what a person may do with one bank line, and why not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from closingdesk.domain.funding.wire_actions import ACTIONS, WireFacts, allowed_actions, refusal

PRICE = Decimal("500.00")


def credit(**facts: object) -> WireFacts:
    return WireFacts(**{"txn_id": 7, "direction": "credit", "amount": PRICE, **facts})  # type: ignore[arg-type]


def test_money_nobody_claims_may_be_matched_refunded_or_voided() -> None:
    assert allowed_actions(credit()) == ("match", "refund", "void")


def test_matched_money_may_be_unmatched_or_refunded_but_not_matched_again_or_voided() -> None:
    matched = credit(purchaser_id=3)
    assert allowed_actions(matched) == ("unmatch", "refund")
    assert "already matched to purchaser 3" in (refusal("match", matched) or "")
    assert "unmatch it first" in (refusal("void", matched) or "")


def test_a_returned_wire_allows_only_acknowledging_its_return() -> None:
    returned = credit(purchaser_id=3, returned=True, open_exceptions=("returned",))
    assert allowed_actions(returned) == ("acknowledge_return",)
    assert refusal("unmatch", returned) == (
        "transaction 7 was returned by the bank: it cannot be unmatched"
    )


def test_a_debit_allows_nothing_but_voiding_when_it_returns_nothing() -> None:
    fee = WireFacts(9, "debit", Decimal("25.00"))
    assert allowed_actions(fee) == ("void",)
    assert allowed_actions(WireFacts(9, "debit", PRICE, reverses=7)) == ()
    assert "is a debit" in (refusal("refund", fee) or "")


def test_money_refunded_in_full_cannot_be_matched_or_refunded_again() -> None:
    gone = credit(refunded=PRICE)
    assert allowed_actions(gone) == ("void",)
    assert "already refunded" in (refusal("refund", gone) or "")
    assert allowed_actions(credit(refunded=Decimal("0.01"))) == ("match", "refund", "void")


def test_a_decision_needs_its_open_exception_on_a_purchasers_wire() -> None:
    late = credit(purchaser_id=3, open_exceptions=("late",))
    assert allowed_actions(late) == ("unmatch", "refund", "accept_late")
    assert refusal("acknowledge_return", late) == (
        "wire 7 has no open returned exception: nothing to acknowledge"
    )
    assert refusal("accept_late", credit()) == (
        "wire 7 is matched to no purchaser: nothing to accept"
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_is_allowed_exactly_when_nothing_refuses_it(action: str) -> None:
    for wire in (credit(), credit(purchaser_id=3), credit(returned=True)):
        assert (action in allowed_actions(wire)) == (refusal(action, wire) is None)


def test_an_unknown_action_is_a_bug_not_a_refusal() -> None:
    with pytest.raises(ValueError, match="unknown action"):
        refusal("merge", credit())
