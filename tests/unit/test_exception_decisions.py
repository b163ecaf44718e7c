"""Which funding exceptions hold a purchaser's settlement, and which decision closes which."""

from __future__ import annotations

from decimal import Decimal

from closingdesk.domain.funding.exception_decisions import (
    ExceptionDecision,
    decision_problem,
    open_exceptions,
    settlement_holds,
)
from closingdesk.domain.funding.funding_exceptions import FundingException


def exception(kind: str, purchaser: int | None, txn: int) -> FundingException:
    return FundingException(kind, purchaser, txn, Decimal("10.00"), f"{kind} {txn}", "next")


def decided(kind: str, txn: int, purchaser: int) -> ExceptionDecision:
    return ExceptionDecision(kind, txn, purchaser, "why", "cfo", "2002-03-13T09:00:00+00:00")


def test_a_decision_closes_only_its_kind_on_its_wire_of_its_purchaser() -> None:
    late = exception("late", 3, 12)
    assert open_exceptions([late], [decided("accept_late", 12, 3)]) == []
    for other in (
        decided("accept_late", 13, 3),
        decided("accept_late", 12, 4),
        decided("acknowledge_return", 12, 3),
    ):
        assert open_exceptions([late], [other]) == [late]


def test_money_that_names_no_purchaser_holds_no_one() -> None:
    assert open_exceptions([exception("unknown", None, 9)], []) == []


def test_short_over_and_duplicate_leave_the_reason_to_funding() -> None:
    found = [exception(k, 3, 12) for k in ("short", "over", "duplicate")]
    assert settlement_holds(found) == []
    assert settlement_holds([exception("wrong_currency", 3, 14)]) == [
        "open funding exception (wrong_currency): wrong_currency 14; next"
    ]


def test_a_decision_on_a_wire_without_that_exception_is_refused() -> None:
    assert decision_problem("accept_late", txn_id=12, purchaser_id=None, exceptions=[]) == (
        "wire 12 is matched to no purchaser: nothing to accept"
    )
    late = [exception("late", 3, 12)]
    assert decision_problem("accept_late", txn_id=12, purchaser_id=3, exceptions=late) is None
    assert "no open returned exception" in (
        decision_problem("acknowledge_return", txn_id=12, purchaser_id=3, exceptions=late) or ""
    )
