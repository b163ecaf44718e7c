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
        ("bad.csv row 3, column amount", "'abc' is not a non-zero amount"),
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
