"""Importing bank files into an offering: stored once, matched when unambiguous, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from closingdesk.adapters.store.funding_tables import bank_files, bank_transactions
from closingdesk.adapters.store.tables import events
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.funding.bank_import import import_bank_file
from closingdesk.services.funding.reconciliation import funding_report
from closingdesk.services.status import closing_status
from tests.funding_scenarios import ACCOUNT, import_rows, three_purchasers
from tests.scenarios import NOW


def _funded(engine: Engine) -> dict[str, bool]:
    status = closing_status(engine, offering=None)
    return {p.name: p.checklist["funded"] for p in status.purchasers}


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_an_exact_wire_quoting_its_reference_funds_its_purchaser(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    result = import_rows(
        engine,
        tmp_path,
        f"""\
        {ACCOUNT},2002-03-12,10:15,2000000.00,USD,ALPHA FUND LP,NEOTHERA-00001,FW001
        {ACCOUNT},2002-03-12,11:00,400000.00,USD,Beta Partners,NEOTHERA-00002,FW002
        """,
    )
    assert (result.added, result.matched, result.to_review) == (2, 2, 0)
    assert _funded(engine) == {"Alpha Fund": True, "Beta Partners": False, "Gamma Trust": False}
    report = funding_report(engine, offering=None)
    states = {f.purchaser_id: (f.received, f.state) for f in report.result.purchasers}
    assert states[2] == (400000, "short")
    assert [e.kind for e in report.result.exceptions] == ["short"]


def test_the_same_file_imported_twice_adds_nothing(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    rows = f"""\
        {ACCOUNT},2002-03-12,10:15,2000000.00,USD,Alpha Fund,NEOTHERA-00001,FW001
        """
    import_rows(engine, tmp_path, rows)
    again = import_rows(engine, tmp_path, rows, name="again.csv")
    assert (again.added, again.already_imported) == (0, 1)
    assert _count(engine, bank_transactions) == 1
    assert _funded(engine)["Alpha Fund"] is True


def test_other_accounts_in_the_file_are_listed_and_skipped(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    result = import_rows(
        engine,
        tmp_path,
        f"""\
        {ACCOUNT},2002-03-12,10:15,10000.00,USD,Gamma Trust,NEOTHERA-00003,FW003
        999-111,2002-03-12,10:16,10000.00,USD,Gamma Trust,NEOTHERA-00003,FW004
        999-111,2002-03-12,10:17,-50.00,USD,,fee,FW005
        """,
    )
    assert result.added == 1
    assert result.skipped_accounts == {"999-111": 2}


def test_a_malformed_bank_file_is_refused_whole_and_changes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    before = _count(engine, events)
    with pytest.raises(InvalidInput) as refused:
        import_rows(
            engine,
            tmp_path,
            f"""\
            {ACCOUNT},2002-03-12,10:15,2000000.00,USD,Alpha Fund,NEOTHERA-00001,FW001
            {ACCOUNT},2002-03-12,10:16,two dollars,USD,Beta Partners,NEOTHERA-00002,FW002
            """,
        )
    assert any("bank.csv row 3, column amount" in str(p) for p in refused.value.problems)
    assert _count(engine, bank_transactions) == 0
    assert _count(engine, events) == before


def test_the_import_is_recorded_with_its_matches(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(
        engine,
        tmp_path,
        f"""\
        {ACCOUNT},2002-03-12,10:15,10000.00,USD,Gamma Trust,NEOTHERA-00003,FW003
        """,
    )
    [event] = [e for e in audit_log(engine, subject="offering:1") if e.kind == "bank.imported"]
    assert event.payload["matched"] == [[1, 3]]
    assert event.payload["funded"] == [3]
    assert event.payload["source"].endswith("bank.csv")


def test_a_wire_naming_no_one_waits_as_unknown(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    result = import_rows(
        engine,
        tmp_path,
        f"""\
        {ACCOUNT},2002-03-12,10:15,777.00,USD,Zeta Holdings,invoice 4411,FW009
        """,
    )
    assert (result.matched, result.to_review) == (0, 1)
    report = funding_report(engine, offering=None)
    assert [w.txn_id for w in report.result.unmatched] == [1]
    assert [e.kind for e in report.result.exceptions] == ["unknown"]


def test_a_file_whose_figures_disagree_is_refused_or_imported_with_a_warning_on_the_file(
    engine: Engine, tmp_path: Path
) -> None:
    from closingdesk.services.funding.bank_import import import_bank_file
    from closingdesk.services.funding.reconciliation import report_document
    from tests.scenarios import ACTOR, NOW

    three_purchasers(engine, tmp_path)
    path = tmp_path / "s.940"
    path.write_text(
        ":20:S1\n:25:561-04051-19-103\n:60F:C020311USD0,00\n"
        ":61:0203120312C2000000,00NTRFNONREF\n:86:/ORDP//NAME/ALPHA FUND\n"
        ":62F:C020312USD2000001,00\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
    assert "but the closing balance is 2,000,001.00 USD" in str(caught.value.problems[0])
    assert _count(engine, bank_transactions) == 0
    import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW, accept_bad_totals=True)
    document = report_document(funding_report(engine, offering=None))
    assert [len(f["warnings"]) for f in document["bank_files"]] == [1]
    assert "closing balance is 2,000,001.00 USD" in document["bank_files"][0]["warnings"][0]


# Two accounts in one BAI2 file: the offering's, and 999-111 with two entries. Control
# figures worked out by hand: 999-111's 03 summary states 1 credit of 100.00 and 1 debit of
# 0.50 (type 100 / 400); its trailer counts the summary amounts and the details, 20100
# cents, in 4 records; the offering's account 2,000,000.00 (200000000 cents) in 3 records;
# the group 200020100 in 9 records (02, 03-49 twice, 98), the file the same in 11 (01, 99).
_TWO_ACCOUNTS = """\
01,CHASUS33,NEOTHERAPEU,020312,2350,1,80,,2/
02,NEOTHERAPEU,CHASUS33,1,020312,2350,USD,2/
03,561-04051-19-103,USD/
16,195,200000000,Z,FW001,,FEDWIRE CREDIT ORG=ALPHA FUND LP; OBI=NEOTHERA-00001
49,200000000,3/
03,999-111,USD,100,{credited},1,,400,50,1,/
16,195,10000,V,{day},1000,FW004,,FEDWIRE CREDIT ORG=GAMMA TRUST
16,495,50,Z,FW005,,FEE
49,20100,4/
98,200020100,2,9/
99,200020100,1,11/
"""


def _two_accounts(folder: Path, credited: str = "10000", day: str = "020312") -> Path:
    path = folder / "two-accounts.bai2"
    path.write_text(_TWO_ACCOUNTS.format(credited=credited, day=day), encoding="utf-8")
    return path


def test_a_bai2_files_other_accounts_are_counted_not_stored(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    result = import_bank_file(
        engine, _two_accounts(tmp_path), offering=None, actor="treasurer", now=NOW
    )
    assert (result.added, result.matched, result.skipped_accounts) == (1, 1, {"999-111": 2})
    assert _count(engine, bank_transactions) == 1
    with engine.connect() as c:
        summary = json.loads(c.execute(select(bank_files.c.summary)).scalar_one())
    assert summary["transactions"] == 3  # every money entry of the file, stored or not
    assert summary["skipped_accounts"] == {"999-111": 2}


def test_a_bai2_files_other_account_is_still_checked_whole(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    wrong_summary = _two_accounts(tmp_path, credited="20000")  # says 200.00, entries 100.00
    with pytest.raises(InvalidInput) as refused:
        import_bank_file(engine, wrong_summary, offering=None, actor="treasurer", now=NOW)
    said = [str(p) for p in refused.value.problems]
    assert any("line 9" in p and "100 (total credits) states 1 credit of 200.00" in p for p in said)
    bad_date = _two_accounts(tmp_path, day="021399")
    with pytest.raises(InvalidInput) as refused:
        import_bank_file(engine, bad_date, offering=None, actor="treasurer", now=NOW)
    assert any("line 7" in str(p) and "021399" in str(p) for p in refused.value.problems)
    assert _count(engine, bank_transactions) == 0
