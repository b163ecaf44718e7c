"""The closing memorandum: its totals, its exceptions and how each was resolved, its contents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from closingdesk.domain.documents.closing_memo import (
    ClosingMemo,
    MemoException,
    Tally,
    memo_sections,
    memo_text,
    money_of,
    open_exceptions,
)

SHORT_WIRE = MemoException(
    kind="short wire",
    purchaser="Société Générale",
    amount=Decimal("1000.00"),
    what="wired $999,000.00 of $1,000,000.00",
    resolution="refunded, reference OUT-77",
)
UNKNOWN_WIRE = MemoException(
    kind="unknown wire", purchaser=None, amount=Decimal("250.50"), what="no purchaser matches"
)
LATE_ORIGINAL = MemoException(
    kind="late original", purchaser="Müller GmbH", amount=None, what="original warrant sent late"
)

MEMO = ClosingMemo(
    issuer="NeoTherapeutics, Inc.",
    offering="neotherapeutics-2002",
    closing_date=date(2002, 3, 12),
    shares_sold=1_500_000,
    money=money_of([(Decimal("1500000.00"), Decimal("1500000.00"))] * 2, []),
    purchasers_settled=3,
    purchasers_not_settled=1,
    warrants_issued=3,
    warrant_shares=375_000,
    exceptions=(SHORT_WIRE, UNKNOWN_WIRE, LATE_ORIGINAL),
    documents=(("Executed agreements", 4), ("Warrants", 3), ("Confirmations", 0)),
)


def figures(memo: ClosingMemo) -> dict[str, str]:
    return dict(memo_sections(memo)[0].figures)


def test_the_totals_are_written_as_the_form_writes_money_and_shares() -> None:
    assert figures(MEMO) == {
        "Shares sold": "1,500,000",
        "Purchasers settled": "3",
        "Purchasers not settled": "1",
        "Warrants issued": "3, for 375,000 warrant shares",
    }


# A closing with each case once (Purchase Prices, what each purchaser's wires came to):
SCENARIO = [
    (Decimal("1000000.00"), Decimal("1000000.00")),  # exact
    (Decimal("500000.00"), Decimal("500000.00")),  # exact
    (Decimal("250000.00"), Decimal("500000.00")),  # paid twice: $250,000.00 over
    (Decimal("100000.00"), Decimal("100250.50")),  # $250.50 over
    (Decimal("300000.00"), Decimal("299000.00")),  # $1,000.00 short
    (Decimal("40000.00"), Decimal("0")),  # nothing
]
UNKNOWN = [Decimal("777.77"), Decimal("10000.00")]


def test_the_money_shows_exact_over_short_missing_and_unidentified_apart() -> None:
    money = money_of(SCENARIO, UNKNOWN)
    assert money.expected == Tally(6, Decimal("2190000.00"))
    assert money.received == Decimal("2399250.50")
    assert money.exact == Tally(2, Decimal("1500000.00"))
    assert money.over == Tally(2, Decimal("250250.50"))
    assert money.short == Tally(1, Decimal("1000.00"))
    assert money.missing == Tally(1, Decimal("40000.00"))
    assert money.unidentified == Tally(2, Decimal("10777.77"))


def test_the_memo_never_nets_over_against_short() -> None:
    section = memo_sections(replace(MEMO, money=money_of(SCENARIO, UNKNOWN)))[1]
    assert section.heading == "Money"
    assert dict(section.figures) == {
        "Expected from purchasers": "$2,190,000.00 (6 purchasers)",
        "Received from purchasers": "$2,399,250.50",
        "Paid exactly": "$1,500,000.00 (2 purchasers)",
        "Over, to refund": "$250,250.50 over (2 purchasers)",
        "Short": "$1,000.00 short (1 purchaser)",
        "Nothing received": "$40,000.00 owed (1 purchaser)",
        "Unidentified (no purchaser)": "$10,777.77 (2 wires)",
    }
    assert "never makes up" in section.note
    text = memo_text(replace(MEMO, money=money_of(SCENARIO, UNKNOWN)))
    assert "Difference" not in text and "net" not in text.lower().replace("neotherapeutics", "")


def test_every_exception_is_listed_with_its_resolution_or_as_open() -> None:
    exceptions = memo_sections(MEMO)[2]
    assert exceptions.note == "3 exceptions, 2 open."
    assert exceptions.rows == (
        ("1", "short wire", "Société Générale", "$1,000.00", SHORT_WIRE.what,
         "refunded, reference OUT-77"),
        ("2", "unknown wire", "—", "$250.50", "no purchaser matches", "open"),
        ("3", "late original", "Müller GmbH", "—", "original warrant sent late", "open"),
    )  # fmt: skip
    assert open_exceptions(MEMO) == 2


def test_a_closing_without_exceptions_says_none() -> None:
    clean = memo_sections(replace(MEMO, exceptions=()))[2]
    assert (clean.note, clean.rows) == ("None.", ())


def test_the_documents_are_counted_per_binder_section_and_an_empty_one_says_none() -> None:
    documents = memo_sections(MEMO)[3]
    assert documents.rows == (
        ("Executed agreements", "4"),
        ("Warrants", "3"),
        ("Confirmations", "none"),
    )


def test_the_text_holds_the_heading_the_totals_and_the_resolutions() -> None:
    text = memo_text(MEMO)
    assert text.splitlines()[:2] == [
        "CLOSING MEMORANDUM",
        "NeoTherapeutics, Inc. (neotherapeutics-2002), closing of March 12, 2002",
    ]
    for shown in ("Shares sold: 1,500,000", "Received from purchasers: $3,000,000.00",
                  "Warrants issued: 3, for 375,000 warrant shares", "refunded, reference OUT-77",
                  "Müller GmbH", "Confirmations | none"):  # fmt: skip
        assert shown in text


cents = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(pairs=st.lists(st.tuples(cents, cents), max_size=20), unknown=st.lists(cents, max_size=5))
def test_every_purchaser_is_in_exactly_one_case_and_each_case_is_its_own_money(
    pairs: list[tuple[Decimal, Decimal]], unknown: list[Decimal]
) -> None:
    money = money_of(pairs, unknown)
    cases = (money.exact, money.over, money.short, money.missing)
    assert sum(c.count for c in cases) == len(pairs)
    # what was expected is what was paid exactly, plus the prices of those over, short or
    # missing: the excess and the shortfalls are figures of their own, added to nothing
    others = sum((e for e, r in pairs if r != e), Decimal(0))
    assert money.expected.amount == money.exact.amount + others
    assert money.unidentified.amount == sum(unknown, Decimal(0))
