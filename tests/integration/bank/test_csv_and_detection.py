from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest

from closingdesk.adapters.bank import detect_format
from closingdesk.domain.problems import InvalidInput
from tests.integration.bank.conftest import FIXTURES, fixture_text, problems_of, read, refusal

CSV = fixture_text("transactions.csv")


def test_a_csv_file_is_read_with_negative_amounts_as_debits() -> None:
    found = read(CSV, "bank.csv")
    assert [(t.direction, t.amount, t.currency) for t in found.transactions] == [
        ("credit", Decimal("1000000.00"), "USD"),
        ("debit", Decimal("500.00"), "USD"),
        ("credit", Decimal("2500.00"), "EUR"),
    ]
    first = found.transactions[0]
    assert (first.originator, first.remittance, first.value_time) == (
        "Société Générale",
        "NEOTHERAPEUTICS-2002-00001",
        time(14, 5),
    )
    assert first.where == "row 2"


def test_a_csv_without_account_column_books_to_the_default_account() -> None:
    text = "date,amount,currency,originator,reference,bank_reference\n2002-03-12,10,USD,A,R,B1\n"
    found = read(text, "bank.csv", default_account="56104051103")
    assert found.accounts() == ("56104051103",)
    error = refusal(text, "bank.csv")
    assert problems_of(error) == [
        ("bank.csv row 1", "no account column, and no account to book the rows to was given")
    ]


def test_every_bad_cell_is_reported_with_row_and_column() -> None:
    text = CSV.replace("2002-03-12,1000000.00", "2002-02-30,1000000.00").replace("-500.00", "abc")
    error = refusal(text, "bad.csv")
    assert problems_of(error) == [
        ("bad.csv row 2, column date", "'2002-02-30' is not a date (YYYY-MM-DD)"),
        (
            "bad.csv row 3, column amount",
            "'abc' is not an amount (digits, with '.' before the decimals)",
        ),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("two_accounts.bai2", "bai2"),
        ("statement.camt053.xml", "camt053"),
        ("notification.camt054.xml", "camt054"),
        ("statement.mt940", "mt940"),
        ("transactions.csv", "csv"),
    ],
)
def test_the_format_is_recognised_from_the_content(name: str, expected: str) -> None:
    assert detect_format((FIXTURES / name).read_bytes(), source=name) == expected


def test_an_unknown_format_is_refused_naming_the_file() -> None:
    with pytest.raises(InvalidInput) as caught:
        detect_format(b"hello, world\n", source="notes.txt")
    assert caught.value.problems[0].where == "notes.txt"
    assert str(caught.value).startswith("notes.txt is not a bank file in a known format")


def test_an_unknown_format_name_is_refused() -> None:
    error = refusal(CSV, "bank.csv", format="qif")
    assert "unknown bank file format 'qif'" in str(error)


CSV_HEAD = "date,amount,currency,originator,reference,bank_reference\n"


def test_an_unquoted_comma_in_an_amount_refuses_the_row_instead_of_storing_one_dollar() -> None:
    error = refusal(CSV_HEAD + "2002-03-12,1,000.00,USD,A,R,B1\n", "c.csv", default_account="1")
    assert problems_of(error) == [
        (
            "c.csv row 2",
            "7 cells but the header has 6 columns; a value holding the delimiter must be "
            "quoted: '2002-03-12|1|000.00|USD|A|R|B1'",
        )
    ]


def test_a_semicolon_file_reads_comma_decimals_and_dot_thousands() -> None:
    text = (
        "date;amount;currency;originator;reference;bank_reference\n"
        "2002-03-12;1.000,50;USD;A;R;B1\n2002-03-12;250,75;USD;A;R;B2\n"
    )
    found = read(text, "c.csv", default_account="1")
    assert [t.amount for t in found.transactions] == [Decimal("1000.50"), Decimal("250.75")]


def test_a_quoted_amount_with_thousands_is_read_when_another_cell_shows_the_decimals() -> None:
    text = CSV_HEAD + '2002-03-12,"1,000",USD,A,R,B1\n2002-03-12,2.50,USD,A,R,B2\n'
    found = read(text, "c.csv", default_account="1")
    assert [t.amount for t in found.transactions] == [Decimal("1000.00"), Decimal("2.50")]


def test_an_amount_that_reads_either_way_is_refused_unless_the_separator_is_declared() -> None:
    text = CSV_HEAD + '2002-03-12,"1,000",USD,A,R,B1\n'
    error = refusal(text, "c.csv", default_account="1")
    assert problems_of(error)[0][0] == "c.csv row 2, column amount"
    assert "reads as 1 thousand or as a decimal" in problems_of(error)[0][1]
    declared = read(text, "c.csv", default_account="1", decimal=",")
    assert declared.transactions[0].amount == Decimal("1.00")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("1e3", "is not an amount"),
        ("100.005", "has more decimals than USD has (2)"),
        ("1" * 35, "has more than 13 digits before the decimals"),
        ("1e30", "is not an amount"),
        ("NaN", "is not an amount"),
    ],
)
def test_amounts_that_are_not_money_are_refused_with_their_text(text: str, why: str) -> None:
    row = f"2002-03-12,{text},USD,A,R,B1\n"
    error = refusal(CSV_HEAD + row, "c.csv", default_account="1", decimal=".")
    [(where, what)] = problems_of(error)
    assert where == "c.csv row 2, column amount"
    assert what.startswith(f"{text!r} {why}")
