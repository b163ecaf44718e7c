"""Properties of the reconciliation that hold whatever the wires (hypothesis)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from closingdesk.domain.funding.matching import ExpectedPayment
from closingdesk.domain.funding.payments import Reconciliation, Wire, reconcile

COB = datetime(2002, 3, 12, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
MONEY = st.decimals(
    min_value=Decimal("0.01"),
    max_value=Decimal("100000.00"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
PURCHASERS = 4


def _up_to(amount: Decimal) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal("0.00"),
        max_value=amount,
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )


@st.composite
def books_and_wires(draw: st.DrawFn) -> tuple[list[ExpectedPayment], list[Wire]]:
    prices = draw(st.lists(MONEY, min_size=PURCHASERS, max_size=PURCHASERS))
    expected = [
        ExpectedPayment(i, f"Purchaser {i}", f"REF-{i}", price, "USD")
        for i, price in enumerate(prices, start=1)
    ]
    credits = []
    for txn_id in range(1, draw(st.integers(0, 12)) + 1):
        # a purchaser's own price now and then, so that funded and duplicates happen
        amount = draw(MONEY | st.sampled_from(prices))
        refunded = draw(st.sampled_from([Decimal("0.00"), amount]) | _up_to(amount))
        credits.append(
            Wire(
                txn_id,
                "credit",
                amount,
                draw(st.sampled_from(["USD", "USD", "USD", "EUR"])),
                date(2002, 3, draw(st.integers(11, 13))),
                purchaser_id=draw(st.none() | st.integers(1, PURCHASERS + 1)),
                refunded=refunded,
            )
        )
    returned = draw(
        st.sets(st.sampled_from([w.txn_id for w in credits])) if credits else st.just(set())
    )
    debits = [
        Wire(100 + i, "debit", Decimal("1.00"), "USD", date(2002, 3, 13), reverses=txn_id)
        for i, txn_id in enumerate(sorted(returned))
    ]
    return expected, credits + debits


def _imported(wires: list[Wire]) -> Decimal:
    return sum((w.amount for w in wires if w.direction == "credit"), Decimal("0"))


def _set_aside(result: Reconciliation, wires: list[Wire]) -> Decimal:
    """Refunds, and what was returned or is in the wrong currency."""
    refunded = sum((w.refunded for w in wires if w.direction == "credit"), Decimal("0"))
    aside = (e.amount for e in result.exceptions if e.kind in ("returned", "wrong_currency"))
    return refunded + sum(aside, Decimal("0"))


@given(books_and_wires())
def test_matched_plus_unmatched_plus_set_aside_is_exactly_what_was_imported(
    case: tuple[list[ExpectedPayment], list[Wire]],
) -> None:
    expected, wires = case
    result = reconcile(expected, wires, close_of_business=COB)
    unmatched = sum((w.net for w in result.unmatched), Decimal("0"))
    assert result.total_received + unmatched + _set_aside(result, wires) == _imported(wires)


@given(books_and_wires())
def test_no_money_is_counted_twice(case: tuple[list[ExpectedPayment], list[Wire]]) -> None:
    expected, wires = case
    result = reconcile(expected, wires, close_of_business=COB)
    counted_for_someone = {
        w.txn_id
        for w in wires
        if w.direction == "credit" and w.purchaser_id in {e.purchaser_id for e in expected}
    }
    unmatched = {w.txn_id for w in result.unmatched}
    assert not counted_for_someone & unmatched
    assert len(unmatched) == len(result.unmatched)
    assert result.total_received <= _imported(wires)


@given(books_and_wires())
def test_a_purchaser_is_funded_only_at_the_exact_price(
    case: tuple[list[ExpectedPayment], list[Wire]],
) -> None:
    expected, wires = case
    result = reconcile(expected, wires, close_of_business=COB)
    for funding in result.purchasers:
        assert (funding.state == "funded") == (funding.received == funding.expected)
        if funding.state == "short":
            assert Decimal("0") < funding.received < funding.expected
        if funding.state == "over":
            assert funding.received > funding.expected
