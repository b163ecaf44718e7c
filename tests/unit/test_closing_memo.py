"""The closing memorandum: its totals, its exceptions and how each was resolved, its contents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from closingdesk.domain.closing_memo import (
    ClosingMemo,
    MemoException,
    difference,
    memo_sections,
    memo_text,
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
    money_received=Decimal("3000000.00"),
    money_expected=Decimal("3000000.00"),
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
        "Money received": "$3,000,000.00",
        "Money expected": "$3,000,000.00",
        "Difference": "none",
        "Purchasers settled": "3",
        "Purchasers not settled": "1",
        "Warrants issued": "3, for 375,000 warrant shares",
    }


def test_money_short_of_what_was_expected_is_named_as_short() -> None:
    short = replace(MEMO, money_received=Decimal("2999000.00"))
    assert difference(short) == "short by $1,000.00"


def test_money_over_what_was_expected_is_named_as_over() -> None:
    over = replace(MEMO, money_received=Decimal("3000250.50"))
    assert difference(over) == "over by $250.50"


def test_every_exception_is_listed_with_its_resolution_or_as_open() -> None:
    exceptions = memo_sections(MEMO)[1]
    assert exceptions.note == "3 exceptions, 2 open."
    assert exceptions.rows == (
        ("1", "short wire", "Société Générale", "$1,000.00", SHORT_WIRE.what,
         "refunded, reference OUT-77"),
        ("2", "unknown wire", "—", "$250.50", "no purchaser matches", "open"),
        ("3", "late original", "Müller GmbH", "—", "original warrant sent late", "open"),
    )  # fmt: skip
    assert open_exceptions(MEMO) == 2


def test_a_closing_without_exceptions_says_none() -> None:
    clean = memo_sections(replace(MEMO, exceptions=()))[1]
    assert (clean.note, clean.rows) == ("None.", ())


def test_the_documents_are_counted_per_binder_section_and_an_empty_one_says_none() -> None:
    documents = memo_sections(MEMO)[2]
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
    for shown in ("Shares sold: 1,500,000", "Money received: $3,000,000.00",
                  "Warrants issued: 3, for 375,000 warrant shares", "refunded, reference OUT-77",
                  "Müller GmbH", "Confirmations | none"):  # fmt: skip
        assert shown in text


cents = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(received=cents, expected=cents)
def test_the_difference_states_the_gap_between_received_and_expected(
    received: Decimal, expected: Decimal
) -> None:
    said = difference(replace(MEMO, money_received=received, money_expected=expected))
    if received == expected:
        assert said == "none"
    else:
        word = "short" if received < expected else "over"
        assert said == f"{word} by ${abs(received - expected):,.2f}"
