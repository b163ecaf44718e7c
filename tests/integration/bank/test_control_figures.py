"""A file proves itself: what is read must make the file's own control figures, or the file
is refused with both figures (or read with the disagreement as a warning, on request)."""

from __future__ import annotations

from decimal import Decimal

from tests.integration.bank.conftest import problems_of, read, refusal

CAMT = """<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2002-03-12T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><Othr><Id>5610405119103</Id></Othr></Id><Ccy>USD</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">100.00</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2002-03-12</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">CLOSING</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2002-03-12</Dt></Dt></Bal>
<TxsSummry><TtlNtries><NbOfNtries>3</NbOfNtries><Sum>1200.00</Sum></TtlNtries>
<TtlCdtNtries><NbOfNtries>CREDITS</NbOfNtries><Sum>1000.00</Sum></TtlCdtNtries>
<TtlDbtNtries><NbOfNtries>1</NbOfNtries><Sum>200.00</Sum></TtlDbtNtries></TxsSummry>
<Ntry><Amt Ccy="USD">500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2002-03-12</Dt></BookgDt><ValDt><Dt>2002-03-12</Dt></ValDt>
<AcctSvcrRef>R1</AcctSvcrRef></Ntry>
<Ntry><Amt Ccy="USD">500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2002-03-12</Dt></BookgDt><ValDt><Dt>2002-03-12</Dt></ValDt>
<AcctSvcrRef>R1</AcctSvcrRef></Ntry>
<Ntry><Amt Ccy="USD">200.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2002-03-12</Dt></BookgDt><ValDt><Dt>2002-03-12</Dt></ValDt></Ntry>
</Stmt></BkToCstmrStmt></Document>
"""
WHERE = "s.xml /Document/BkToCstmrStmt/Stmt[1]"


def camt(credits: str = "2", closing: str = "900.00") -> str:
    return CAMT.replace("CREDITS", credits).replace("CLOSING", closing)


def test_a_camt_statement_whose_entries_make_its_figures_is_read_whole() -> None:
    found = read(camt(), "s.xml")
    assert [t.amount for t in found.transactions] == [Decimal(500), Decimal(500), Decimal(200)]
    assert found.warnings == ()


def test_a_camt_statement_whose_summary_or_balance_disagrees_is_refused_with_both_figures() -> None:
    error = refusal(camt(credits="3", closing="950.00"), "s.xml")
    assert problems_of(error) == [
        (
            WHERE,
            "TtlCdtNtries states 3 credits of 1,000.00 USD but the file's entries are "
            "2 credits of 1,000.00 USD",
        ),
        (
            WHERE,
            "the opening balance 100.00 USD and the entries (net 800.00 USD) make "
            "900.00 USD, but the closing balance is 950.00 USD",
        ),
    ]


def test_a_disagreement_accepted_on_request_comes_back_as_a_warning() -> None:
    found = read(camt(credits="3"), "s.xml", accept_bad_totals=True)
    assert len(found.transactions) == 3
    assert [w.what.split(" states")[0] for w in found.warnings] == ["TtlCdtNtries"]


def test_a_camt_file_without_a_statement_is_refused() -> None:
    text = CAMT[: CAMT.index("<Stmt>")] + "</BkToCstmrStmt></Document>"
    error = refusal(text, "s.xml")
    assert "no Stmt element" in problems_of(error)[0][1]


def test_a_camt_file_with_a_document_type_declaration_is_refused() -> None:
    text = camt().replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE Document>')
    error = refusal(text, "s.xml")
    assert "document type (DTD)" in problems_of(error)[0][1]


MT940 = """:20:S1
:25:561-04051-19-103
:28C:1/1
:60F:C020311USD100,00
:61:0203120312C500,00NTRFNONREF
:61:0203120312C500,00NTRFNONREF
:61:0203120312D200,00NTRFNONREF
:62F:CLOSING
"""


def test_an_mt940_statement_must_take_its_opening_balance_to_its_closing_balance() -> None:
    assert len(read(MT940.replace("CLOSING", "C020312USD900,00"), "s.940").transactions) == 3
    error = refusal(MT940.replace("CLOSING", "C020312USD1400,00"), "s.940")
    assert problems_of(error) == [
        (
            "s.940 line 8",
            "the opening balance 100.00 USD and the entries (net 800.00 USD) make 900.00 USD, "
            "but the closing balance is 1,400.00 USD",
        )
    ]


BAI2 = """01,021000021,CD,020312,1700,1,,,2/
02,CD,021000021,1,020312,1700,USD,2/
03,5610405119103,USD,100,TOTAL,2,,400,20000,1,/
16,195,50000,0,R1,,ORG=ACME/
16,195,50000,0,R1,,ORG=ACME/
16,495,20000,0,R2,,/
49,SUM,5/
98,SUM,1,7/
99,SUM,1,9/
"""


def bai2(total: int) -> str:
    return BAI2.replace("TOTAL", str(total)).replace("SUM", str(total + 20000 + 120000))


def test_a_bai2_account_whose_summary_total_credits_disagree_with_its_details_is_refused() -> None:
    assert len(read(bai2(100000), "s.bai").transactions) == 3
    error = refusal(bai2(150000), "s.bai")
    assert problems_of(error) == [
        (
            "s.bai line 7",
            "the 03 summary 100 (total credits) states 2 credits of 1,500.00 USD but the "
            "file's entries are 2 credits of 1,000.00 USD",
        )
    ]
