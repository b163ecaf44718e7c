from __future__ import annotations

from datetime import UTC, date, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from tests.integration.bank.conftest import fixture_text, problems_of, read, refusal

STATEMENT = fixture_text("statement.camt053.xml")
NOTIFICATION = fixture_text("notification.camt054.xml")
ENTRY = "/Document/BkToCstmrStmt/Stmt[1]/Ntry"


def in_version(text: str, version: str) -> str:
    return text.replace("camt.053.001.02", f"camt.053.001.{version}")


@pytest.mark.parametrize("version", ["02", "03", "04", "05", "06", "07", "08"])
def test_every_message_version_reads_the_same(version: str) -> None:
    found = read(in_version(STATEMENT, version), "stmt.xml")
    assert found.format == "camt053"
    assert [t.amount for t in found.transactions] == [
        Decimal("1000000.00"),
        Decimal("100000.00"),
        Decimal("200000.00"),
        Decimal("50000.00"),
        Decimal("1000000.00"),
        Decimal("2500.00"),
    ]
    assert found.accounts() == ("56104051103", "DE89370400440532013000")


def test_a_wire_keeps_its_references_party_remittance_and_zoned_time() -> None:
    wire = read(STATEMENT, "stmt.xml").transactions[0]
    assert wire.originator == "Société Générale"
    assert wire.remittance == "NEOTHERAPEUTICS-2002-00001 SHARES"
    assert (wire.end_to_end_id, wire.bank_reference) == ("E2E-0001", "FW0312C001")
    assert wire.imad == "20020312QMGFT001000201"
    assert wire.uetr == "8a562c67-ca16-48ba-b074-65581be6f002"
    assert wire.value_date == date(2002, 3, 12)
    assert wire.value_time == time(14, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert wire.where == f"{ENTRY}[1]"


def test_a_batch_booked_entry_becomes_one_transaction_per_detail() -> None:
    first, second = read(STATEMENT, "stmt.xml").transactions[1:3]
    assert (first.originator, first.remittance) == ("Müller Holdings GmbH", "NEO-00002")
    assert (second.originator, second.remittance) == ("Beta Partners LLC", "NEO-00003")
    assert (first.bank_reference, second.bank_reference) == ("BATCH0312/1", "BATCH0312/2")
    assert second.where == f"{ENTRY}[2]/NtryDtls[1]/TxDtls[2]"


def test_details_that_disagree_with_the_entry_keep_the_entry_and_warn() -> None:
    found = read(STATEMENT, "stmt.xml")
    kept = found.transactions[3]
    assert (kept.amount, kept.originator) == (Decimal("50000.00"), "Delta Fund")
    assert [(w.where, w.what) for w in found.warnings] == [
        (
            f"stmt.xml {ENTRY}[3]/NtryDtls",
            "its transaction details add up to 5000.00 but the entry books 50000.00 USD credit;"
            " the entry's amount is kept, as one transaction",
        )
    ]


def test_a_reversal_entry_names_the_reversed_payment() -> None:
    reversal = read(STATEMENT, "stmt.xml").transactions[4]
    assert (reversal.direction, reversal.reversal) == ("debit", True)
    assert reversal.original_reference == "E2E-0001"


def test_pending_and_information_entries_are_not_money() -> None:
    statement = read(STATEMENT, "stmt.xml").transactions
    assert Decimal("7000.00") not in [t.amount for t in statement]
    notification = read(NOTIFICATION, "ntf.xml")
    assert notification.format == "camt054"
    assert [t.amount for t in notification.transactions] == [Decimal("1000000.00")]


def test_a_notification_reads_the_newer_party_layout_and_utc_time() -> None:
    wire = read(NOTIFICATION, "ntf.xml").transactions[0]
    assert wire.originator == "Alpha Capital Fund LP"
    assert wire.value_time == time(16, 30, tzinfo=UTC)


def test_a_bad_amount_and_a_bad_date_are_refused_with_their_paths() -> None:
    text = STATEMENT.replace('<Amt Ccy="USD">50000.00</Amt>', '<Amt Ccy="USD">50.000,00</Amt>')
    text = text.replace(
        "<ValDt><Dt>2002-03-13</Dt></ValDt>", "<ValDt><Dt>2002-02-30</Dt></ValDt>", 1
    )
    error = refusal(text, "bad.xml")
    assert str(error).startswith("bad.xml is not a valid camt.053 file")
    assert problems_of(error) == [
        (
            f"bad.xml {ENTRY}[3]/Amt",
            "amount: '50.000,00' is not an amount (digits, with '.' before the decimals)",
        ),
        (
            f"bad.xml {ENTRY}[4]/ValDt/Dt",
            "'2002-02-30' is not a date (YYYY-MM-DD) or date and time",
        ),
    ]


def test_a_wrong_indicator_is_refused() -> None:
    text = STATEMENT.replace("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DEBIT</CdtDbtInd>")
    error = refusal(text, "ind.xml")
    assert problems_of(error) == [
        (f"ind.xml {ENTRY}[4]/CdtDbtInd", "'DEBIT' is neither CRDT nor DBIT")
    ]


def test_an_external_entity_is_refused_and_nothing_is_read_from_outside(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711", encoding="utf-8")
    doctype = f'<!DOCTYPE Document [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>\n'
    text = STATEMENT.replace("<Document ", doctype + "<Document ", 1)
    text = text.replace("<Ustrd>SHARES</Ustrd>", "<Ustrd>&leak;</Ustrd>")
    error = refusal(text, "evil.xml", format="camt053")
    assert "TOPSECRET" not in str(error)
    assert problems_of(error)[0][0] == "evil.xml"
    assert "entities and external references are refused" in problems_of(error)[0][1]


def test_malformed_xml_is_refused_with_its_line_and_column() -> None:
    error = refusal(STATEMENT.replace("</Acct>", "</Account>", 1), "broken.xml", format="camt053")
    assert problems_of(error)[0][0] == "broken.xml line 8, column 71"


def test_a_notification_given_as_a_statement_is_refused() -> None:
    error = refusal(NOTIFICATION, "ntf.xml", format="camt053")
    assert str(error).startswith("ntf.xml is not a valid camt.053 file")
