"""A purchaser book that would unpack to far more than it weighs is refused unread."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from closingdesk.adapters import book_files
from closingdesk.adapters.book_files import read_book
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.app import build_app

SHEET = "xl/worksheets/sheet1.xml"
ROW = b'<row><c t="inlineStr"><is><t>Bomb Fund</t></is></c><c><v>1</v></c></row>'


def small_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "shares"])
    workbook.active.append(["Alpha Fund", 1000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A real workbook whose sheet holds ``megabytes`` MB of rows, packed a thousandfold."""
    original = zipfile.ZipFile(io.BytesIO(small_workbook()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for member in original.infolist():
            if member.filename != SHEET:
                bomb.writestr(member, original.read(member))
        with bomb.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
            sheet.write(b'spreadsheetml/2006/main"><sheetData>')
            block = ROW * (1024 * 1024 // len(ROW))
            for _ in range(megabytes):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


def test_a_zip_bomb_workbook_is_refused_fast_and_with_little_memory(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "book.xlsx", megabytes=128)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(InvalidInput, match="zip bomb") as refused:
        read_book(bomb)
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 3 * bomb.stat().st_size + 5 * 1024 * 1024
    assert str(bomb) in refused.value.message and SHEET in refused.value.message


def test_a_workbook_unpacking_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(book_files, "MAX_XLSX_UNPACKED", 4096)
    path = tmp_path / "book.xlsx"
    path.write_bytes(small_workbook())
    with pytest.raises(InvalidInput, match=r"would unpack to .* more than the 4,096"):
        read_book(path)


def test_an_ordinary_workbook_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(small_workbook())
    assert read_book(path).rows == [(2, ("Alpha Fund", "1000"))]


def test_the_command_line_refuses_a_zip_bomb_with_exit_status_1(
    sqlite_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    app = build_app()
    runner.invoke(app, ["init", "--example", "neotherapeutics-2002", "--db", sqlite_url])
    bomb = zip_bomb(tmp_path / "book.xlsx", megabytes=8)
    result = runner.invoke(app, ["purchasers", "import", str(bomb), "--db", sqlite_url])
    assert result.exit_code == 1
    assert "zip bomb" in result.stderr
