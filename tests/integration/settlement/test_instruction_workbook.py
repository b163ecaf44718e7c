"""The transfer agent's instruction as an XLSX beside the CSV, everywhere the CSV goes: the
files `settle --out` writes, the mail to the transfer agent, the closing binder. A name
that starts like a formula is accepted as a name and written neutralised in both files."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.domain.settlement.dwac_instruction import CSV_COLUMNS
from closingdesk.services.binder.build import build_binder
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.settlement.settlement_files import export_run
from closingdesk.services.settlement.settlement_mail import Mailing, send_instructions
from closingdesk.services.settlement.settling import settle
from tests.mail_scenarios import SmtpServer, smtp_server
from tests.scenarios import ACTOR, NOW, book_file
from tests.settlement_scenarios import TERMS, paid, signed

HOSTILE_NAME = "=cmd|' /C calc'!A0"
BOOK = f"""\
name,shares,email,dtc_participant,dtc_account,dtc_reference
"{HOSTILE_NAME}",1000,ops@alpha.example,5,00120,REF-1
"""
STEM = "dwac-instruction-neotherapeutics-2002-2002-03-12"


def _settled(engine: Engine, folder: Path) -> int:
    create_offering(engine, TERMS, actor=ACTOR, now=NOW)
    import_book(engine, book_file(folder, BOOK), offering=None, actor=ACTOR, now=NOW)
    signed(engine, 1)
    paid(engine, folder, 1, amounts={1: "2000.00"})
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert run.run_id is not None and len(run.settled) == 1
    return run.run_id


def _workbook_row(content: bytes) -> dict[str, openpyxl.cell.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    header, row = sheet.iter_rows()
    assert [c.value for c in header] == list(CSV_COLUMNS)
    return dict(zip(CSV_COLUMNS, row, strict=True))


def test_settle_writes_an_xlsx_of_text_cells_beside_the_csv(engine: Engine, tmp_path: Path) -> None:
    run_id = _settled(engine, tmp_path)
    written = {p.name: p for p in export_run(engine, run_id, tmp_path / "out")}
    assert {f"{STEM}.pdf", f"{STEM}.csv", f"{STEM}.xlsx"} <= written.keys()
    row = _workbook_row(written[f"{STEM}.xlsx"].read_bytes())
    assert (row["dtc_participant"].value, row["dtc_participant"].data_type) == ("0005", "s")
    assert row["dtc_account"].value == "00120"
    name = row["purchaser_name"]
    assert (name.value, name.data_type, name.quotePrefix) == (HOSTILE_NAME, "s", True)
    [from_csv] = csv.DictReader(io.StringIO(written[f"{STEM}.csv"].read_text("utf-8")))
    assert from_csv["purchaser_name"] == "'" + HOSTILE_NAME
    assert from_csv["dtc_participant"] == "0005"


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with smtp_server() as running:
        yield running


def test_the_transfer_agent_is_mailed_the_xlsx_with_the_letter_and_the_csv(
    engine: Engine, tmp_path: Path, server: SmtpServer
) -> None:
    _settled(engine, tmp_path)
    with SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        mailing = Mailing(mailer, "closing@neotherapeutics.example", ACTOR, lambda: NOW)
        [outcome] = send_instructions(engine, mailing, offering=None)
    assert outcome.status == "sent"
    [message] = server.mailbox.to("dwac@transfer-agent.example")
    parts = {p.get_filename(): p for p in message.iter_attachments()}
    sheet = parts[f"{STEM}.xlsx"]
    assert sheet.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert _workbook_row(sheet.get_content())["dtc_participant"].value == "0005"


def test_the_binder_holds_the_xlsx_among_the_transfer_agent_files(
    engine: Engine, tmp_path: Path
) -> None:
    _settled(engine, tmp_path)
    built = build_binder(engine, tmp_path / "binder.pdf", offering=None, actor=ACTOR, now=NOW)
    with zipfile.ZipFile(built.zip) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".xlsx")]
        content = archive.read(name)
    assert name.startswith("transfer-agent/")
    assert _workbook_row(content)["purchaser_name"].quotePrefix is True


def test_the_xlsx_is_dated_the_instruction_day_not_the_time_it_was_written(
    engine: Engine, tmp_path: Path
) -> None:
    run_id = _settled(engine, tmp_path)
    [xlsx] = [p for p in export_run(engine, run_id, tmp_path / "out") if p.suffix == ".xlsx"]
    workbook = openpyxl.load_workbook(xlsx)
    assert workbook.properties.modified == datetime(2002, 3, 12)
