"""Purchaser book files: a CSV or XLSX file read into its header and rows of cell text.

Reading only turns the file into text; what the text means is for
:func:`closingdesk.domain.book.purchaser_book.validate_book`. Row numbers are the ones a spreadsheet
shows: the header is row 1. A file that cannot be read at all is refused with
``InvalidInput`` naming the file.

An XLSX file is a zip archive. Before openpyxl opens one, the sizes its members declare are
checked: at most ``MAX_XLSX_UNPACKED`` bytes in all and no member unpacking to more than
``MAX_XLSX_RATIO`` times its packed size (a "zip bomb" of a few hundred KB can unpack to
gigabytes). Python's zipfile never unpacks more than a member declares, so the check holds
for what is actually read. A read that takes longer than ``MAX_READ_SECONDS`` is stopped.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import time as clock
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from closingdesk.domain.problems import InvalidInput

Row = tuple[int, tuple[str, ...]]

MAX_XLSX_UNPACKED = 512 * 1024 * 1024
MAX_XLSX_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024  # small members (styles, a tiny sheet) may pack tighter
MAX_READ_SECONDS = 300.0


@dataclass(frozen=True)
class RawBook:
    source: str  # the file name as the user gave it
    header: tuple[str, ...]
    rows: list[Row]


def read_book(path: Path, *, source: str | None = None) -> RawBook:
    """The book in a .csv or .xlsx file, chosen by the file's suffix.

    ``source`` is the name problems are reported under (an upload's own file name rather
    than the temporary file it was saved to); by default the path as given.
    """
    name = source or str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInput(f"{name}: a purchaser book must be a .csv or .xlsx file")
    with _gc_paused():
        return _read_csv(path, name) if suffix == ".csv" else _read_xlsx(path, name)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cycle collector paused while a file's rows are made: they hold no cycles, and
    collections walking 100,000 of them again and again take a sixth of the read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_csv(path: Path, name: str) -> RawBook:
    text = _decode(name, _read_bytes(path, name))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(map(tuple, reader))
    except csv.Error as error:
        where = f"{name} line {reader.line_num}"
        raise InvalidInput(f"{where}: not readable as CSV ({error})") from None
    return _book(name, records)


def _read_xlsx(path: Path, name: str) -> RawBook:
    data = _read_bytes(path, name)
    try:
        check_zip_sizes(zipfile.ZipFile(io.BytesIO(data)), name)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            records = _timed(name, map(_xlsx_record, workbook.worksheets[0].values))
        finally:
            workbook.close()
    except _BROKEN_XLSX as error:
        raise InvalidInput(f"{name}: not a readable .xlsx workbook ({error})") from None
    return _book(name, records)


def check_zip_sizes(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive whose members would unpack too large, or too large for their size."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_XLSX_UNPACKED:
        raise InvalidInput(
            f"{name}: refused unread: it would unpack to {unpacked:,} bytes, more than the "
            f"{MAX_XLSX_UNPACKED:,} a workbook may hold here"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM and ratio > MAX_XLSX_RATIO:
            raise InvalidInput(
                f"{name}: refused unread: its part {member.filename!r} would unpack to "
                f"{ratio:,.0f} times its packed size (at most {MAX_XLSX_RATIO}); "
                "this is how a zip bomb looks, not a workbook"
            )


def _timed(name: str, records: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    deadline = clock.monotonic() + MAX_READ_SECONDS
    read: list[tuple[str, ...]] = []
    for record in records:
        read.append(record)
        if len(read) % 1000 == 0 and clock.monotonic() > deadline:
            raise InvalidInput(
                f"{name}: reading stopped after {MAX_READ_SECONDS:.0f} seconds at row "
                f"{len(read):,}; split the book or save it again as a plain workbook"
            )
    return read


# What openpyxl raises on a file that is not a well-formed workbook.
_BROKEN_XLSX = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    ParseError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    EOFError,
)


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a user sees: 1000.0 is "1000", a date is ISO."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _xlsx_record(values: Iterable[object]) -> tuple[str, ...]:
    cells = [cell_text(value) for value in values]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{name}: cannot read the file ({error.strerror})") from None


def _decode(source: str, data: bytes) -> str:
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise InvalidInput(
            f"{source}: not UTF-8 text (byte {offset}, line {line}); save it as CSV UTF-8"
        ) from None


def _book(source: str, records: list[tuple[str, ...]]) -> RawBook:
    if not records or not "".join(records[0]).strip():
        raise InvalidInput(f"{source}: no header row; row 1 must name the columns")
    rows = list(enumerate(records[1:], start=2))
    return RawBook(source=source, header=records[0], rows=rows)
