from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.integration.bank.conftest import fixture_text, problems_of, read, refusal

STATEMENT = fixture_text("statement.mt940")


def test_a_statement_in_swift_blocks_is_read_without_its_zero_summary_line() -> None:
    found = read(STATEMENT, "stmt.940")
    assert found.format == "mt940"
    assert [(t.direction, t.amount, t.where) for t in found.transactions] == [
        ("credit", Decimal("1000000.00"), "line 6"),
        ("credit", Decimal("250000.00"), "line 9"),
        ("debit", Decimal("250000.00"), "line 14"),
        ("credit", Decimal("75.50"), "line 16"),
    ]


def test_swift_style_codes_give_payer_remittance_and_end_to_end_id() -> None:
    wire = read(STATEMENT, "stmt.940").transactions[0]
    assert wire.originator == "Société Générale"
    assert wire.remittance == "NEOTHERAPEUTICS-2002-00001"
    assert (wire.end_to_end_id, wire.bank_reference) == ("E2E-0001", "FW0312M001")
    assert (wire.account, wire.currency, wire.value_date) == (
        "56104051103",
        "USD",
        date(2002, 3, 12),
    )


def test_the_german_layout_gives_name_purpose_and_sepa_reference() -> None:
    wire = read(STATEMENT, "stmt.940").transactions[1]
    assert wire.originator == "Müller Holdings GmbH"
    assert wire.remittance == "NEO-00002 SHARES"
    assert wire.end_to_end_id == "E2E-0002"


def test_a_reversed_credit_is_a_debit_reversal_naming_the_original() -> None:
    returned = read(STATEMENT, "stmt.940").transactions[2]
    assert (returned.direction, returned.reversal) == ("debit", True)
    assert returned.original_reference == "E2E-0002"


def test_unknown_layouts_keep_the_whole_text() -> None:
    assert read(STATEMENT, "stmt.940").transactions[3].remittance == "INTEREST MARCH"


def test_a_latin1_statement_keeps_its_accents() -> None:
    found = read(STATEMENT.encode("latin-1"), "latin.940")
    assert found.transactions[1].originator == "Müller Holdings GmbH"


def test_a_bad_date_and_a_bad_amount_are_refused_at_their_lines() -> None:
    text = STATEMENT.replace(":61:0203120312C1000000,00", ":61:0202300230C1000000,00")
    text = text.replace(":61:0203130313C75,50", ":61:0203130313C75,5,0")
    error = refusal(text, "bad.940")
    assert str(error).startswith("bad.940 is not a valid MT940 file")
    assert problems_of(error) == [
        ("bad.940 line 6", "value date '020230' is not a date (YYMMDD)"),
        (
            "bad.940 line 16",
            "amount: '75,5,0' is not an amount (digits, with ',' before the decimals)",
        ),
    ]


def test_a_truncated_statement_is_refused() -> None:
    text = "\n".join(STATEMENT.splitlines()[:13])
    error = refusal(text, "cut.940")
    assert problems_of(error) == [
        ("cut.940 line 13", "the statement of line 2 has no closing balance (:62F:)")
    ]
