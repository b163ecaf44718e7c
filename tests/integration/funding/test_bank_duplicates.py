"""Entries of one file are never merged; an entry of a later file is the one stored only on
evidence (same account, direction, amount, currency, value date and a strong id)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from closingdesk.adapters.store.funding_tables import bank_transactions
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.funding.bank_import import import_bank_file
from tests.funding_scenarios import ACCOUNT, import_rows, three_purchasers
from tests.scenarios import ACTOR, NOW


def _stored(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(bank_transactions)).scalar_one())


def _import(engine: Engine, path: Path) -> tuple[int, int]:
    result = import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
    return result.added, result.already_imported


def test_two_entries_sharing_a_bank_reference_in_one_file_are_both_kept(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    result = import_rows(
        engine,
        tmp_path,
        f"""\
        {ACCOUNT},2002-03-12,10:15,1000.00,USD,ACME,INV 1,FW001
        {ACCOUNT},2002-03-12,10:16,2500.00,USD,ACME,INV 2,FW001
        {ACCOUNT},2002-03-12,10:17,700.00,USD,,,
        {ACCOUNT},2002-03-12,10:17,700.00,USD,,,
        {ACCOUNT},2002-03-12,10:17,-700.00,USD,,,
        """,
    )
    assert (result.added, result.already_imported) == (5, 0)
    assert _stored(engine) == 5


def test_mt940_lines_with_placeholder_references_are_all_kept_and_added_once(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    text = """:20:S1
:25:561-04051-19-103
:28C:1/1
:60F:C020311USD0,00
:61:0203120312C500,00NTRFNONREF
:86:PAYMENT
:61:0203120312C500,00NTRFNONREF
:86:PAYMENT
:61:0203120312C500,00NTRFN
:61:0203120312D500,00NTRFN
:62F:C020312USD1000,00
"""
    path = tmp_path / "s.mt940"
    path.write_text(text, encoding="utf-8")
    assert _import(engine, path) == (4, 0)
    assert _import(engine, path) == (0, 4)
    assert _stored(engine) == 4


def test_an_intraday_report_then_the_statement_yield_each_wire_once(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    intraday = tmp_path / "intraday.bai2"
    intraday.write_text(
        "01,021000021,CD,020312,1100,1,,,2/\n"
        "02,CD,021000021,1,020312,1100,USD,2/\n"
        "03,0005610405119103,USD/\n"
        "16,195,100000,0,FW1,,IMAD: 20020312QMGFT001000101 ORG=ACME/\n"
        "16,195,100000,0,FW2,,IMAD: 20020312QMGFT001000102 ORG=ACME/\n"
        "49,200000,4/\n98,200000,1,6/\n99,200000,1,8/\n",
        encoding="utf-8",
    )
    statement = tmp_path / "statement.bai2"
    statement.write_text(
        "01,021000021,CD,020313,0200,1,,,2/\n"
        "02,CD,021000021,1,020312,2400,USD,2/\n"
        "03,561-04051-19-103,USD/\n"
        "16,195,100000,0,FW1,,IMAD: 20020312QMGFT001000101 ORG=ACME OBI=MORE TEXT/\n"
        "16,195,100000,0,FW2,,IMAD: 20020312QMGFT001000102 ORG=ACME/\n"
        "16,195,100000,0,FW3,,IMAD: 20020312QMGFT001000103 ORG=ACME/\n"
        "49,300000,5/\n98,300000,1,7/\n99,300000,1,9/\n",
        encoding="utf-8",
    )
    assert _import(engine, intraday) == (2, 0)
    assert _import(engine, statement) == (1, 2)
    assert _stored(engine) == 3


def test_a_file_whose_accounts_are_all_someone_elses_is_refused_and_stores_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    with pytest.raises(InvalidInput) as caught:
        import_rows(engine, tmp_path, "999-1,2002-03-12,10:15,1000.00,USD,ACME,INV 1,FW001\n")
    assert "none of the accounts in the file (999-1)" in str(caught.value.problems[0])
    assert _stored(engine) == 0
