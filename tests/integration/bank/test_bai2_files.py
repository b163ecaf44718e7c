from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from tests.integration.bank.conftest import fixture_text, problems_of, read, refusal

SAMPLE = fixture_text("two_accounts.bai2")


def lines_with(replacements: dict[int, str], *, keep: int | None = None) -> str:
    lines = SAMPLE.splitlines()
    for number, text in replacements.items():
        lines[number - 1] = text
    return "\n".join(lines[:keep]) + "\n"


def test_every_account_in_the_file_is_read_with_credits_and_debits() -> None:
    found = read(SAMPLE, "two.bai2")
    assert found.format == "bai2"
    assert found.accounts() == ("56104051103", "99988877766")
    assert [(t.direction, t.amount) for t in found.transactions] == [
        ("credit", Decimal("1000000.00")),
        ("credit", Decimal("500000.00")),
        ("credit", Decimal("200000.00")),
        ("debit", Decimal("200000.00")),
        ("debit", Decimal("12500.00")),
        ("credit", Decimal("75000.00")),
    ]
    assert found.warnings == ()


def test_fedwire_tags_in_a_detail_and_its_continuation_are_read() -> None:
    wire = read(SAMPLE, "two.bai2").transactions[0]
    assert wire.imad == "20020312QMGFT001000101"
    assert wire.originator == "ALPHA CAPITAL FUND LP"
    assert wire.remittance == "NEOTHERAPEUTICS-2002-00001"
    assert wire.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"
    assert wire.bank_reference == "FW0312A001"
    # the group's as-of time is the report's cut-off, not the wire's time
    assert (wire.currency, wire.value_date, wire.value_time) == ("USD", date(2002, 3, 12), None)
    assert wire.where == "line 4"


def test_a_value_dated_detail_keeps_its_own_time_and_a_slash_inside_its_text() -> None:
    wire = read(SAMPLE, "two.bai2").transactions[1]
    assert wire.originator == "Société Générale"
    assert wire.remittance == "NEO-00002 INV 2002/03,SHARES"
    assert (wire.value_date, wire.value_time) == (date(2002, 3, 12), time(14, 15))


def test_a_continuation_after_a_slash_adds_the_fields_that_follow() -> None:
    wire = read(SAMPLE, "two.bai2").transactions[2]
    assert (wire.bank_reference, wire.originator) == ("FW0312A003", "MÜLLER HOLDINGS GMBH")
    assert wire.remittance == "NEO-00003"


def test_a_returned_item_is_a_reversal_naming_the_original_wire() -> None:
    returned = read(SAMPLE, "two.bai2").transactions[3]
    assert (returned.direction, returned.reversal, returned.type_code) == ("debit", True, "555")
    assert returned.original_reference == "20020311QMGFT001000099"


def test_several_records_on_one_physical_line_are_split() -> None:
    other = read(SAMPLE, "two.bai2").transactions[4]
    assert (other.account, other.remittance, other.where) == (
        "99988877766",
        "CHECK 1001 PAID",
        "line 12",
    )


def test_a_text_cut_at_the_physical_record_length_is_joined_without_a_space() -> None:
    header = "01,BANK,US,020312,1700,1,50,,2/"
    detail = "16,195,100,0,R1,,ORG=ALPHA CAPITAL FU"
    text = "\n".join(
        [
            header,
            "02,US,BANK,1,020312,,USD,2/",
            "03,1,USD/",
            detail + "N" * (50 - len(detail) - 1) + "D",
            "88,LP OBI=NEO-1",
            "49,100,4/",
            "98,100,1,6/",
            "99,100,1,8/",
        ]
    )
    wire = read(text, "cut.bai2").transactions[0]
    assert wire.originator == "ALPHA CAPITAL FU" + "N" * 12 + "DLP"


def test_wrong_totals_are_refused_with_the_numbers() -> None:
    error = refusal(lines_with({11: "49,190600000,9/"}), "bad.bai2")
    assert str(error).startswith("bad.bai2 is not a valid BAI2 file")
    assert problems_of(error) == [
        (
            "bad.bai2 line 11",
            "account trailer total 1,906,000.00 but the details add up to 1,905,000.00",
        ),
        (
            "bad.bai2 line 15",
            "group trailer total 1,992,500.00 but its account trailers add up to 1,993,500.00",
        ),
    ]


def test_wrong_totals_are_read_with_warnings_when_accepted() -> None:
    found = read(lines_with({11: "49,190600000,9/"}), "bad.bai2", accept_bad_totals=True)
    assert len(found.transactions) == 6
    assert [w.where for w in found.warnings] == ["bad.bai2 line 11", "bad.bai2 line 15"]


def test_a_wrong_record_count_is_a_bad_total() -> None:
    error = refusal(lines_with({14: "49,8750000,5/"}), "count.bai2")
    assert problems_of(error)[0] == (
        "count.bai2 line 14",
        "account trailer says 5 records but the account has 4",
    )


def test_a_truncated_file_names_every_missing_trailer() -> None:
    error = refusal(lines_with({}, keep=10), "cut.bai2")
    assert problems_of(error) == [
        ("cut.bai2 line 10", "the file ends before the 49 account trailer of line 3"),
        ("cut.bai2 line 10", "the file ends before the 98 group trailer of line 2"),
        ("cut.bai2 line 10", "the file ends before the 99 file trailer of line 1"),
    ]


def test_a_bad_as_of_date_is_refused() -> None:
    error = refusal(lines_with({2: "02,CLOSINGDESK,021000021,1,020230,1700,,2/"}), "date.bai2")
    assert problems_of(error) == [
        ("date.bai2 line 2", "as-of date '020230' is not a date (YYMMDD)")
    ]


def test_a_bad_amount_is_refused_at_its_line() -> None:
    bad = "16,195,1000000.00,0,FW0312A001,,IMAD: 20020312QMGFT001000101 ORG=ALPHA CAPITAL FUND LP"
    error = refusal(lines_with({4: bad}), "amount.bai2")
    assert (
        "amount.bai2 line 4",
        "amount '1000000.00' is not a whole number of minor units (cents)",
    ) in problems_of(error)


def test_a_record_out_of_place_is_refused() -> None:
    error = refusal(lines_with({3: "16,195,500000,0,X,,Y"}), "order.bai2")
    assert ("order.bai2 line 3", "16 transaction detail out of place") in problems_of(error)


def test_amounts_follow_the_decimals_of_the_currency() -> None:
    text = "\n".join(
        [
            "01,BANK,US,020312,1700,1,,,2/",
            "02,US,BANK,1,020312,,JPY,2/",
            "03,1,,010,0,,/",
            "16,195,150000,0,R1,,ORG=TOKYO FUND",
            "49,150000,3/",
            "98,150000,1,5/",
            "99,150000,1,7/",
        ]
    )
    wire = read(text, "yen.bai2").transactions[0]
    assert (wire.amount, wire.currency) == (Decimal("150000"), "JPY")


def test_a_latin1_file_keeps_its_accented_names() -> None:
    found = read(SAMPLE.encode("latin-1"), "latin.bai2")
    assert found.transactions[1].originator == "Société Générale"
