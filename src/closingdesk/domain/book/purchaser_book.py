"""The purchaser book: the placement agent's table of purchasers and their allocations.

One row a purchaser; the header (row 1) names the columns, case-insensitive, in any order.
``validate_book`` turns the rows into ``BookEntry`` records and collects every problem
(row, column, what) in one pass, so the user fixes the whole file at once. Text is
whitespace-normalised; an empty optional value is ``None``; blank rows are skipped.

Text that could make a document read differently than it is stored (a bidirectional
override, a control or invisible format character: :mod:`.text_safety`) is refused in
every column. The DWAC columns go into the transfer agent's files, so they are narrow: a
DTC participant number is 1 to 4 digits, kept as text and zero-padded to four
(``123`` is ``0123``; DTC's numbers have four); a DTC account and reference are 1 to
35 characters: ASCII letters, digits and the inner characters space ``-`` ``/`` ``.``
``,``, starting with a letter or a digit (so none can start a spreadsheet formula).

>>> header = ["Name", "Shares", "DTC_Participant"]
>>> rows = [(2, [" Acme   Fund ", "1,000", "123"]), (3, ["", "0", ""]), (4, ["", "", ""])]
>>> entries, problems = validate_book("book.csv", header, rows)
>>> entries[0].name, entries[0].shares, entries[0].dtc_participant
('Acme Fund', 1000, '0123')
>>> for problem in problems:
...     print(problem)
book.csv row 3, column name: is required
book.csv row 3, column shares: must be a positive whole number, not '0'
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

from email_validator import EmailNotValidError, validate_email

from closingdesk.domain import text_safety
from closingdesk.domain.problems import Problem, cell

REQUIRED_COLUMNS = ("name", "shares")
BOOK_COLUMNS = (
    *REQUIRED_COLUMNS,
    "warrant_shares",
    "email",
    "attention",
    "address",
    "fax",
    "dtc_participant",
    "dtc_account",
    "dtc_reference",
    "signer_name",
    "signer_title",
)
# A trillion shares: more than any issuer has outstanding, and small enough that the store's
# SQL SUM of shares over any book (up to nine million purchasers) stays inside a BIGINT:
# SQLite's SUM raises "integer overflow" past 2**63 - 1 instead of answering.
MAX_SHARES = 10**12


@dataclass(frozen=True, slots=True)
class BookEntry:
    row: int
    name: str
    shares: int
    warrant_shares: int | None = None
    email: str | None = None
    attention: str | None = None
    address: tuple[str, ...] = ()
    fax: str | None = None
    dtc_participant: str | None = None  # four digits, zero-padded
    dtc_account: str | None = None
    dtc_reference: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None


def normalize_name(text: str) -> str:
    """Text with its ends stripped and each run of whitespace made one space."""
    return " ".join(text.split())


def name_key(text: str) -> str:
    """What two names are compared by: normalised, NFC, case-folded."""
    return unicodedata.normalize("NFC", normalize_name(text)).casefold()


# Each column is read one of two ways that give the same values. `one` reads a cell and
# raises ValueError saying what is wrong with it. `bulk` reads a whole column with a few
# C-speed string operations, or returns None when some cell needs `one` (and perhaps a
# problem). The benchmark (100,000 rows imported within 3x of a plain sqlite insert) is
# why `bulk` exists: a Python function call per cell alone would use up the budget.


@dataclass(frozen=True)
class _Kind:
    one: Callable[[str], Any]
    bulk: Callable[[list[str]], Sequence[Any] | None]


def _text(text: str) -> str | None:
    return text_safety.validate(" ".join(text.split())) or None


def _required_text(text: str) -> str:
    value = text_safety.validate(" ".join(text.split()))
    if not value:
        raise ValueError("is required")
    return value


def _all_normal(cells: Sequence[str]) -> bool:
    """Whether every cell is whitespace-normalised already, the column checked at once.

    Printable text holds no whitespace but " ". Joined by spaces, normal cells leave no
    double space and no space at either end (empty cells would, so they are left out).
    """
    joined = " ".join(filter(None, cells))
    return joined.isprintable() and "  " not in joined and joined[:1] != " " != joined[-1:]


def _matches(pattern: re.Pattern[str], cells: list[str]) -> str | None:
    """The column as one text, a line a cell, if the pattern matches all of it."""
    joined = "\n".join(cells)
    whole = joined.count("\n") == len(cells) - 1 and pattern.fullmatch(joined)
    return joined if whole else None


def _or_none(cells: list[str]) -> Sequence[str | None]:
    return [cell or None for cell in cells] if "" in cells else cells


def _normalised(cells: list[str]) -> list[str] | None:
    """The cells whitespace-normalised, or None when some cell holds unsafe text."""
    if _all_normal(cells):  # printable: nothing unsafe
        return cells
    values = [" ".join(cell.split()) for cell in cells]
    return values if text_safety.all_valid(values) else None


def _bulk_text(cells: list[str]) -> Sequence[str | None] | None:
    values = _normalised(cells)
    return None if values is None else _or_none(values)


def _bulk_required_text(cells: list[str]) -> Sequence[str] | None:
    values = _normalised(cells)
    return values if values is not None and all(values) else None


_NUMBER = r"(?:[0-9]{1,3}+(?:,[0-9]{3})++|[0-9]++)"  # "1000" or "1,000"
_WHOLE_NUMBER = re.compile(rf"{_NUMBER}(?:\.0+)?")
_WHOLE_NUMBERS = re.compile(rf"{_NUMBER}(?:\n{_NUMBER})*")


def _positive_whole_number(text: str) -> int:
    value = text.strip()
    if not value:
        raise ValueError("is required")
    number = int(value.partition(".")[0].replace(",", "")) if _WHOLE_NUMBER.fullmatch(value) else 0
    if number > MAX_SHARES:
        raise ValueError(f"must be at most {MAX_SHARES:,} (a trillion), not {value!r}")
    if number <= 0:
        raise ValueError(f"must be a positive whole number, not {value!r}")
    return number


def _optional_whole_number(text: str) -> int | None:
    return _positive_whole_number(text) if text.strip() else None


def _bulk_whole_numbers(cells: list[str]) -> Sequence[int] | None:
    joined = _matches(_WHOLE_NUMBERS, cells)
    if joined is None:
        return None
    numbers = list(map(int, joined.replace(",", "").split("\n")))
    return numbers if min(numbers) > 0 and max(numbers) <= MAX_SHARES else None


def _bulk_optional_whole_numbers(cells: list[str]) -> Sequence[int | None] | None:
    if not any(cells):
        return [None] * len(cells)
    return _bulk_whole_numbers(cells) if all(cells) else None


_ADDRESS_BREAK = re.compile(r"(?<=\s)\|(?=\s)")  # " | "


def _address(text: str) -> tuple[str, ...]:
    parts = (part for line in text.splitlines() for part in _ADDRESS_BREAK.split(line))
    lines = tuple(filter(None, (" ".join(part.split()) for part in parts)))
    text_safety.validate("".join(lines))
    return lines


def _bulk_addresses(cells: list[str]) -> Sequence[tuple[str, ...]] | None:
    joined = "\0".join(cells)
    if joined.count("\0") != len(cells) - 1:
        return None
    joined = joined.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " | ")
    lines = joined.split("\0")
    if "| |" in joined or not _all_normal(lines):
        return None
    addresses = list(map(tuple, map(str.split, lines, repeat(" | "))))
    return (
        [a if line else () for line, a in zip(lines, addresses, strict=True)]
        if "" in lines
        else addresses
    )


# An address this strict ASCII pattern matches is one email-validator accepts too (with
# check_deliverability=False; tests/unit/test_book.py checks it). email-validator takes
# tens of microseconds a call, which the benchmark cannot afford for 100,000 addresses, so
# only the addresses the pattern does not match go to it for a verdict.
_PLAIN_EMAIL_TEXT = (
    r"[A-Za-z0-9_+-]++(?:\.[A-Za-z0-9_+-]++)*+"  # a dot-atom local part
    r"@(?:(?=[A-Za-z0-9-]{1,63}\.)[A-Za-z0-9]++(?:-[A-Za-z0-9]++)*+\.)++"  # labels, no "--"
    r"(?!(?i:arpa|invalid|local|localhost|onion|test)(?:\n|\Z))[A-Za-z]{2,63}+"  # a TLD
)
_PLAIN_EMAIL = re.compile(_PLAIN_EMAIL_TEXT)
_PLAIN_EMAILS = re.compile(rf"(?:{_PLAIN_EMAIL_TEXT})?(?:\n(?:{_PLAIN_EMAIL_TEXT})?)*")
_EMAIL_MAX_LENGTH = 254


def _is_plain_email(text: str) -> bool:
    return len(text) <= _EMAIL_MAX_LENGTH and _PLAIN_EMAIL.fullmatch(text) is not None


def _email(text: str) -> str | None:
    value = " ".join(text.split())
    if not value or _is_plain_email(value):
        return value or None
    text_safety.validate(value)
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"is not a valid email address: {error}") from None
    return value


def _bulk_emails(cells: list[str]) -> Sequence[str | None] | None:
    if max(map(len, cells)) > _EMAIL_MAX_LENGTH:
        return None
    return None if _matches(_PLAIN_EMAILS, cells) is None else _or_none(cells)


_DTC_PARTICIPANT = re.compile(r"[0-9]{1,4}")
_DTC_PARTICIPANTS = re.compile(r"(?:[0-9]{1,4}+)?(?:\n(?:[0-9]{1,4}+)?)*")


def _dtc_participant(text: str) -> str | None:
    value = text.strip()
    if value and not _DTC_PARTICIPANT.fullmatch(value):
        raise ValueError(f"must be a DTC participant number of 1 to 4 digits, not {value!r}")
    return value.zfill(4) if value else None


def _bulk_dtc_participants(cells: list[str]) -> Sequence[str | None] | None:
    if _matches(_DTC_PARTICIPANTS, cells) is None:
        return None
    if "" in cells:
        return [cell.zfill(4) if cell else None for cell in cells]
    return list(map(str.zfill, cells, repeat(4)))


# A DTC account or reference: what a broker's and a transfer agent's systems take safely.
DTC_TEXT_MAX_LENGTH = 35
_DTC_TEXT_TEXT = rf"[A-Za-z0-9][A-Za-z0-9 ,./-]{{0,{DTC_TEXT_MAX_LENGTH - 1}}}+"
_DTC_TEXT = re.compile(_DTC_TEXT_TEXT)
_DTC_TEXTS = re.compile(rf"(?:{_DTC_TEXT_TEXT})?(?:\n(?:{_DTC_TEXT_TEXT})?)*")


def _dtc_text(text: str) -> str | None:
    value = " ".join(text.split())
    if value and not _DTC_TEXT.fullmatch(value):
        raise ValueError(
            f"must be 1 to {DTC_TEXT_MAX_LENGTH} characters: letters A-Z, digits, and "
            f"space - / . , after the first letter or digit; not {value!r}"
        )
    return value or None


def _bulk_dtc_texts(cells: list[str]) -> Sequence[str | None] | None:
    if not _all_normal(cells) or _matches(_DTC_TEXTS, cells) is None:
        return None
    return _or_none(cells)


_TEXT = _Kind(_text, _bulk_text)
_DTC = _Kind(_dtc_text, _bulk_dtc_texts)
_KINDS: dict[str, _Kind] = {
    "name": _Kind(_required_text, _bulk_required_text),
    "shares": _Kind(_positive_whole_number, _bulk_whole_numbers),
    "warrant_shares": _Kind(_optional_whole_number, _bulk_optional_whole_numbers),
    "email": _Kind(_email, _bulk_emails),
    "address": _Kind(_address, _bulk_addresses),
    "dtc_participant": _Kind(_dtc_participant, _bulk_dtc_participants),
    "dtc_account": _DTC,
    "dtc_reference": _DTC,
}


def validate_book(
    source: str,
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str]]],
    *,
    existing_names: Collection[str] = (),
) -> tuple[list[BookEntry], list[Problem]]:
    """The entries of the rows without a problem, and every problem, by row then column."""
    with _gc_paused():
        check = _BookCheck(source, header)
        numbers, table = check.table(rows)
        values = {column: check.column(numbers, table, column) for column in check.index}
        if "name" in values:
            check.names(numbers, values["name"], {name_key(name) for name in existing_names})
        return check.entries(numbers, values), check.problems()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cycle collector paused while a book's many small records are made.

    They hold no cycles, but each collection would walk all of them again: at 100,000 rows
    that is a good part of what the benchmark allows the whole import.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _BookCheck:
    """One pass over a book: where its columns are, and the problems found so far."""

    def __init__(self, source: str, header: Sequence[str]) -> None:
        self.source = source
        self.found: list[tuple[int, int, Problem]] = []  # (row, column order, problem)
        self.width = _header_width(header)
        self.index = self._read_header(header)

    def add(self, row: int, order: int, column: str, what: str) -> None:
        self.found.append((row, order, Problem(cell(self.source, row, column), what)))

    def problems(self) -> list[Problem]:
        return [problem for _, _, problem in sorted(self.found, key=lambda found: found[:2])]

    def _read_header(self, header: Sequence[str]) -> dict[str, int]:
        index: dict[str, int] = {}
        for order, raw in enumerate(header[: self.width]):
            column = raw.strip().lower()
            if column in index:
                self.add(1, order, raw.strip(), f"column {column!r} appears more than once")
            elif column in BOOK_COLUMNS:
                index[column] = order
            else:
                self.add(1, order, raw.strip() or f"#{order + 1}", _unknown_column(raw))
        for missing in (column for column in REQUIRED_COLUMNS if column not in index):
            self.add(1, self.width + BOOK_COLUMNS.index(missing), missing, "column is missing")
        return index

    def table(
        self, rows: Iterable[tuple[int, Sequence[str]]]
    ) -> tuple[list[int], list[Sequence[str]]]:
        """The numbers and cells of the rows that are not blank, each fitted to the header."""
        rows = list(rows)
        kept = list(compress(rows, map(str.strip, map("".join, map(itemgetter(1), rows)))))
        numbers = list(map(itemgetter(0), kept))
        table = list(map(itemgetter(1), kept))
        if set(map(len, table)) - {self.width}:
            table = [self._fit(number, cells) for number, cells in kept]
        return numbers, table

    def _fit(self, number: int, cells: Sequence[str]) -> Sequence[str]:
        count = len(cells)
        if count > self.width and "".join(cells[self.width :]).strip():
            what = f"has {count} cells but the header has {self.width} columns"
            self.add(number, self.width, f"#{self.width + 1}", what)
        return tuple(cells[: self.width]) + ("",) * (self.width - count)

    def column(self, numbers: list[int], table: list[Sequence[str]], column: str) -> list[Any]:
        cells = list(map(itemgetter(self.index[column]), table))
        kind = _KINDS.get(column, _TEXT)
        values = kind.bulk(cells) if cells else []
        return list(values) if values is not None else self._cells(numbers, cells, column, kind)

    def _cells(self, numbers: list[int], cells: list[str], column: str, kind: _Kind) -> list[Any]:
        values: list[Any] = []
        for number, text in zip(numbers, cells, strict=True):
            try:
                values.append(kind.one(text))
            except ValueError as error:
                values.append(None)
                self.add(number, self.index[column], column, str(error))
        return values

    def names(self, numbers: list[int], names: list[str | None], existing: set[str]) -> None:
        joined = "\n".join([name or "" for name in names])  # a normalised name holds no "\n"
        keys = unicodedata.normalize("NFC", joined).casefold().split("\n") if names else []
        if len(set(keys)) == len(names) and existing.isdisjoint(keys):
            return
        first: dict[str, int] = {}
        for number, name, key in zip(numbers, names, keys, strict=True):
            if not name:
                continue
            if key in existing:
                self.add(number, self.index["name"], "name", f"{name!r} is already in the offering")
            elif first.setdefault(key, number) != number:
                what = f"{name!r} is also in row {first[key]}: a purchaser is one row"
                self.add(number, self.index["name"], "name", what)

    def entries(self, numbers: list[int], values: dict[str, list[Any]]) -> list[BookEntry]:
        if any(column not in values for column in REQUIRED_COLUMNS):
            return []
        columns = [values.get(name, repeat(default)) for name, default in _OPTIONAL_FIELDS]
        entries = map(BookEntry, numbers, values["name"], values["shares"], *columns)
        bad_rows = {row for row, _, _ in self.found}
        return [entry for entry in entries if entry.row not in bad_rows]


_OPTIONAL_FIELDS = [(field.name, field.default) for field in fields(BookEntry)][3:]


def _header_width(header: Sequence[str]) -> int:
    """How many columns the header names: empty cells after the last name do not count."""
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    return width


def _unknown_column(raw: str) -> str:
    if not raw.strip():
        return "column has no name"
    return f"unknown column {raw.strip()!r}; the columns are {', '.join(BOOK_COLUMNS)}"
