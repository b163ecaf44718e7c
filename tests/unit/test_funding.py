"""The funding reconciliation: who is funded, and every exception with its next step."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from closingdesk.domain.funding.matching import ExpectedPayment
from closingdesk.domain.funding.payments import (
    KINDS,
    FundingException,
    Reconciliation,
    Wire,
    is_funded,
    is_late,
    reconcile,
)

LA = ZoneInfo("America/Los_Angeles")
DAY = date(2002, 3, 12)
COB = datetime(2002, 3, 12, 17, 0, tzinfo=LA)
BOOK = [
    ExpectedPayment(1, "Alpha Fund", "NEOTHERA-00001", Decimal("500.00"), "USD"),
    ExpectedPayment(2, "Beta LLC", "NEOTHERA-00002", Decimal("700.00"), "USD"),
]


def credit(txn_id: int, amount: str, purchaser_id: int | None = None, **more: object) -> Wire:
    wire = Wire(txn_id, "credit", Decimal(amount), "USD", DAY, purchaser_id=purchaser_id)
    return replace(wire, **more)


def run(*wires: Wire) -> Reconciliation:
    return reconcile(BOOK, list(wires), close_of_business=COB)


def kinds(result: Reconciliation) -> list[tuple[str, int | None, int | None, str]]:
    return [(e.kind, e.purchaser_id, e.txn_id, str(e.amount)) for e in result.exceptions]


def states(result: Reconciliation) -> dict[int, tuple[str, str]]:
    return {p.purchaser_id: (p.state, str(p.received)) for p in result.purchasers}


def test_a_purchaser_who_wired_the_exact_price_is_funded_without_exceptions() -> None:
    result = run(credit(10, "500.00", 1), credit(11, "700.00", 2))
    assert states(result) == {1: ("funded", "500.00"), 2: ("funded", "700.00")}
    assert result.exceptions == () and result.unmatched == ()
    assert (result.funded_count, result.total_expected, result.total_received) == (
        2,
        Decimal("1200.00"),
        Decimal("1200.00"),
    )


def test_several_wires_fund_one_purchaser_by_their_sum() -> None:
    result = run(credit(10, "200.00", 1), credit(11, "300.00", 1))
    assert states(result)[1] == ("funded", "500.00")


def test_a_purchaser_with_no_wire_is_unpaid_and_that_is_no_exception() -> None:
    result = run()
    assert states(result) == {1: ("unpaid", "0.00"), 2: ("unpaid", "0.00")}
    assert result.exceptions == ()


def test_a_short_payment_is_an_exception_for_the_missing_amount() -> None:
    result = run(credit(10, "499.99", 1))
    assert states(result)[1] == ("short", "499.99")
    assert kinds(result) == [("short", 1, 10, "0.01")]
    assert "closingdesk funding match TXN 1" in result.exceptions[0].next_step


def test_funding_is_never_within_a_tolerance() -> None:
    assert not is_funded(Decimal("500.00"), Decimal("500.01"))
    assert not is_funded(Decimal("500.00"), Decimal("499.999"))
    assert is_funded(Decimal("500.00"), Decimal("500"))


def test_an_overpayment_owes_a_refund_of_the_excess() -> None:
    result = run(credit(10, "500.00", 1), credit(11, "20.00", 1))
    assert states(result)[1] == ("over", "520.00")
    assert kinds(result) == [("over", 1, 11, "20.00")]
    step = result.exceptions[0].next_step
    assert "closingdesk funding mark-refunded 11 --reference" in step
    assert "closingdesk funding unmatch 11" in step


def test_a_second_full_payment_is_a_duplicate_not_an_overpayment() -> None:
    result = run(credit(10, "500.00", 1), credit(11, "500.00", 1))
    assert states(result)[1] == ("over", "1000.00")
    assert kinds(result) == [("duplicate", 1, 11, "500.00")]
    assert "closingdesk funding mark-refunded 11" in result.exceptions[0].next_step


def test_a_duplicate_with_something_more_is_both() -> None:
    result = run(credit(10, "500.00", 1), credit(11, "500.00", 1), credit(12, "5.00", 1))
    assert kinds(result) == [("over", 1, 12, "5.00"), ("duplicate", 1, 11, "500.00")]


def test_a_refunded_duplicate_leaves_the_purchaser_funded() -> None:
    result = run(credit(10, "500.00", 1), credit(11, "500.00", 1, refunded=Decimal("500.00")))
    assert states(result)[1] == ("funded", "500.00")
    assert result.exceptions == ()


def test_a_credit_matched_to_nobody_is_unknown_and_listed_as_unmatched() -> None:
    wire = credit(10, "25.00", originator="ACME CORP")
    result = run(wire)
    assert result.unmatched == (wire,)
    assert kinds(result) == [("unknown", None, 10, "25.00")]
    assert "closingdesk funding match 10 PURCHASER" in result.exceptions[0].next_step


def test_an_unknown_credit_sent_back_is_no_longer_unmatched() -> None:
    result = run(credit(10, "25.00", refunded=Decimal("25.00")))
    assert result.unmatched == () and result.exceptions == ()


def test_a_credit_matched_to_a_purchaser_not_in_the_book_is_unknown() -> None:
    result = run(credit(10, "25.00", 42))
    assert kinds(result) == [("unknown", None, 10, "25.00")]


def test_a_credit_in_another_currency_is_flagged_and_not_counted() -> None:
    result = run(credit(10, "500.00", 1, currency="EUR"))
    assert states(result)[1] == ("unpaid", "0.00")
    assert kinds(result) == [("wrong_currency", 1, 10, "500.00")]
    assert "500.00 EUR" in result.exceptions[0].what
    assert "closingdesk funding unmatch 10" in result.exceptions[0].next_step


@pytest.mark.parametrize(
    ("value_date", "value_time", "late"),
    [
        (DAY, None, False),  # the agreement date without a time
        (DAY + timedelta(days=1), None, True),  # a day later
        (DAY - timedelta(days=1), time(23, 59), False),
        (DAY, time(16, 59), False),  # naive: the issuer's zone
        (DAY, time(17, 0), False),  # at the close of business
        (DAY, time(17, 1), True),
        (DAY, time(23, 30, tzinfo=UTC), False),  # 15:30 in Los Angeles
        (DAY, time(20, 30, tzinfo=timezone(timedelta(hours=-5))), True),  # 17:30 Los Angeles
        (DAY + timedelta(days=1), time(0, 30, tzinfo=UTC), False),  # 16:30 the day before
    ],
)
def test_a_wire_is_late_after_the_close_of_business_in_the_issuers_zone(
    value_date: date, value_time: time | None, late: bool
) -> None:
    assert is_late(value_date, value_time, close_of_business=COB) is late


def test_a_late_wire_counts_but_is_flagged_for_the_company_to_decide() -> None:
    result = run(credit(10, "500.00", 1, value_time=time(18, 5)))
    assert states(result)[1] == ("funded", "500.00")
    assert kinds(result) == [("late", 1, 10, "500.00")]
    assert "2002-03-12 18:05:00" in result.exceptions[0].what
    assert "mark-refunded 10" in result.exceptions[0].next_step


def test_a_returned_credit_is_flagged_and_not_counted() -> None:
    debit = Wire(20, "debit", Decimal("500.00"), "USD", DAY, reverses=10)
    result = run(credit(10, "500.00", 1), debit)
    assert states(result)[1] == ("unpaid", "0.00")
    assert kinds(result) == [("returned", 1, 10, "500.00")]
    assert "debit 20" in result.exceptions[0].what


def test_a_returned_unknown_credit_is_not_left_unmatched() -> None:
    debit = Wire(20, "debit", Decimal("25.00"), "USD", DAY, reverses=10)
    result = run(credit(10, "25.00"), debit)
    assert result.unmatched == ()
    assert kinds(result) == [("returned", None, 10, "25.00")]


def test_debits_that_reverse_nothing_change_nothing() -> None:
    result = run(credit(10, "500.00", 1), Wire(20, "debit", Decimal("9.00"), "USD", DAY))
    assert states(result)[1] == ("funded", "500.00") and result.exceptions == ()


def test_exceptions_come_grouped_by_kind_in_the_order_of_kinds() -> None:
    result = run(
        credit(10, "25.00"),
        credit(11, "100.00", 1),
        credit(12, "700.00", 2, value_date=DAY + timedelta(days=1)),
    )
    assert [e.kind for e in result.exceptions] == ["short", "unknown", "late"]
    order = [KINDS.index(e.kind) for e in result.exceptions]
    assert order == sorted(order)


def test_every_exception_says_what_is_wrong_and_what_to_do_next() -> None:
    result = run(
        credit(10, "25.00"),
        credit(11, "100.00", 1),
        credit(12, "700.00", 2),
        credit(13, "700.00", 2),
        credit(14, "1.00", 2, currency="EUR"),
    )
    assert {e.kind for e in result.exceptions} == {
        "unknown",
        "short",
        "duplicate",
        "wrong_currency",
    }
    for exception in result.exceptions:
        assert isinstance(exception, FundingException)
        assert exception.what and exception.next_step
        assert exception.kind in KINDS


def test_close_of_business_without_a_zone_is_a_bug() -> None:
    with pytest.raises(ValueError, match="time zone"):
        reconcile(BOOK, [], close_of_business=datetime(2002, 3, 12, 17, 0))
