"""Purchaser book files on disk: CSV and XLSX read back as header and rows of text."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from closingdesk.adapters.book_files import RawBook, read_book
from closingdesk.domain.book.purchaser_book import validate_book
from closingdesk.domain.problems import InvalidInput

HEADER = ["Name", "Shares", "Address", "DTC_Participant"]
RECORDS = [
    ["Acme Fund LP", "1,000", "1 Main St\nNew York, NY", "226"],
    ["Beta Capital", "2500", "", ""],
]


def write_csv(path: Path, records: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as file:
        csv.writer(file).writerows(records)
    return path


def write_xlsx(path: Path, records: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    for record in records:
        workbook.active.append(record)
    workbook.save(path)
    return path


def test_a_csv_book_reads_back_as_written(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "book.csv", [HEADER, *RECORDS, [], ["Gamma", "3"]])
    assert read_book(path) == RawBook(
        source=str(path),
        header=tuple(HEADER),
        rows=[(2, tuple(RECORDS[0])), (3, tuple(RECORDS[1])), (4, ()), (5, ("Gamma", "3"))],
    )


def test_a_csv_saved_by_excel_with_a_byte_order_mark_reads_the_same(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "book.csv", [HEADER, *RECORDS], encoding="utf-8-sig")
    book = read_book(path)
    assert book.header == tuple(HEADER)
    assert book.rows == [(2, tuple(RECORDS[0])), (3, tuple(RECORDS[1]))]


def test_an_xlsx_book_reads_back_with_its_values_as_text(tmp_path: Path) -> None:
    records: list[list[object]] = [
        [*HEADER, None],
        ["Acme Fund LP", 1000, "1 Main St\nNew York, NY", 226, None],
        [],
        ["Beta Capital", 2500.0, None, None, date(2024, 1, 2)],
    ]
    path = write_xlsx(tmp_path / "Book.XLSX", records)
    assert read_book(path) == RawBook(
        source=str(path),
        header=tuple(HEADER),
        rows=[
            (2, ("Acme Fund LP", "1000", "1 Main St\nNew York, NY", "226")),
            (3, ()),
            (4, ("Beta Capital", "2500", "", "", "2024-01-02")),
        ],
    )


def test_a_book_file_read_and_validated_gives_its_entries(tmp_path: Path) -> None:
    book = read_book(write_csv(tmp_path / "book.csv", [HEADER, *RECORDS]))
    entries, problems = validate_book(book.source, book.header, book.rows)
    assert problems == []
    assert [(e.name, e.shares, e.address, e.dtc_participant) for e in entries] == [
        ("Acme Fund LP", 1000, ("1 Main St", "New York, NY"), "0226"),
        ("Beta Capital", 2500, (), None),
    ]


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_text("name,shares\nAcme,1\n")
    with pytest.raises(InvalidInput, match=r"book\.xlsx: not a readable \.xlsx workbook"):
        read_book(path)


def test_a_csv_that_is_not_utf8_is_refused_naming_the_byte_and_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "book.csv", [HEADER, ["Société Générale", "1"]], "latin-1")
    with pytest.raises(InvalidInput, match=r"book\.csv: not UTF-8 text \(byte 41, line 2\)"):
        read_book(path)


def test_a_file_with_another_suffix_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "book.txt", [HEADER])
    with pytest.raises(InvalidInput, match=r"book\.txt: a purchaser book must be a \.csv or"):
        read_book(path)


@pytest.mark.parametrize("name", ["book.csv", "book.xlsx"])
def test_an_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_bytes(b"")
    else:
        write_xlsx(path, [])
    with pytest.raises(InvalidInput, match="no header row"):
        read_book(path)


def test_a_missing_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"nowhere\.csv: cannot read the file"):
        read_book(tmp_path / "nowhere.csv")
