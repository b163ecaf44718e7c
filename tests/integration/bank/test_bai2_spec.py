"""BAI2 per the specification: continuations of records ending in empty fields, text wrapped
onto lines without the 88 prefix, several records on a line, defaulted fields; wherever
the ``bai2`` library reads a file, our amounts and counts agree with it."""

from __future__ import annotations

from decimal import Decimal

from tests.integration.bank.conftest import read
from tests.integration.bank.reference import by_bai2_library, ours

CONTINUED_SUMMARY = """01,021000021,CD,020312,1700,1,,,2/
02,CD,021000021,1,020312,1700,USD,2/
03,5610405119103,USD,010,500000,,,/
88,040,400000,,/
88,100,150000,2,/
16,195,100000,0,R1,,ORG=ACME/
16,195,50000,0,R2,,ORG=ACME/
49,1200000,6/
98,1200000,1,8/
99,1200000,1,10/
"""


def test_an_03_record_ending_in_empty_fields_continues_on_88_records_field_for_field() -> None:
    found = read(CONTINUED_SUMMARY, "s.bai")
    assert [t.amount for t in found.transactions] == [Decimal("1000.00"), Decimal("500.00")]
    assert ours(found) == by_bai2_library(CONTINUED_SUMMARY)


def test_an_03_record_with_one_comma_before_its_slash_continues_the_same_way() -> None:
    text = CONTINUED_SUMMARY.replace("500000,,,/", "500000,,/")
    assert ours(read(text, "s.bai")) == by_bai2_library(text)


WRAPPED = """01,021000021,CD,020312,1700,1,80,,2/
02,CD,021000021,1,020312,1700,USD,2/
03,5610405119103,USD/
16,195,100000,0,R1,,ORG=EXTREMELY LONG NAMED BIOTECH MASTER FD LTD OBI=NEOTHERA
11 SHARES
16,195,50000,0,R2,,ORG=ACME/
49,150000,COUNT/
98,150000,1,GROUP/
99,150000,1,FILE/
"""


def test_detail_text_wrapped_onto_an_unprefixed_line_continues_the_16_record() -> None:
    for count in (4, 5):  # banks count the wrapped line as a record, or do not
        text = (
            WRAPPED.replace("COUNT", str(count))
            .replace("GROUP", str(count + 2))
            .replace("FILE", str(count + 4))
        )
        found = read(text, "s.bai")
        assert [t.amount for t in found.transactions] == [Decimal("1000.00"), Decimal("500.00")]
        assert found.transactions[0].remittance.endswith("NEOTHERA 11 SHARES")


def test_several_records_on_one_line_with_defaulted_fields_read_as_the_library_reads_them() -> None:
    one_a_line = (
        "01,021000021,CD,020312,1700,1,,,2/\n02,CD,021000021,1,020312,,,2/\n"
        "03,5610405119103,,010,,,/\n16,195,100000,,R1,,ORG=ACME/\n16,475,2500,,,,/\n"
        "49,102500,4/\n98,102500,1,6/\n99,102500,1,8/\n"
    )
    packed = one_a_line.replace("/\n49", "/49").replace("/\n98", "/98").replace("/\n99", "/99")
    assert ours(read(packed, "s.bai")) == by_bai2_library(one_a_line)
    assert ours(read(packed, "s.bai")) == {
        ("5610405119103", "USD"): (1, Decimal("1000.00"), 1, Decimal("25.00"))
    }


def test_the_payer_is_read_from_the_tags_banks_use_and_the_beneficiary_is_not_evidence() -> None:
    text = """01,021000021,CD,020312,1700,1,,,2/
02,CD,021000021,1,020312,1700,USD,2/
03,5610405119103,USD/
16,195,100,0,R1,20020312QMGFT001000101,DBNM: BETA PTNRS LP BNF=ALPHA FUND/
16,195,100,0,R2,,BO1: GAMMA TR; Clearing Ref: 20020312QMGFT001000102/
16,195,100,0,R3,,From: DELTA CAP MGMT OBI=NEOTHERA-00004/
49,300,5/
98,300,1,7/
99,300,1,9/
"""
    found = read(text, "s.bai").transactions
    assert [(t.originator, t.imad) for t in found] == [
        ("BETA PTNRS LP", "20020312QMGFT001000101"),
        ("GAMMA TR", "20020312QMGFT001000102"),
        ("DELTA CAP MGMT", None),
    ]
    assert "ALPHA" not in found[0].remittance
    assert found[2].remittance == "NEOTHERA-00004"
