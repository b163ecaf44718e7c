"""BAI2 files (Cash Management Balance Reporting Specification, version 2).

A file (01 ... 99) holds groups (02 ... 98) of accounts (03 ... 49) with their transaction
details (16); each trailer states a control total (the sum of the amounts inside, in minor
units) and how many records it closes. The ``bai2`` library's parser stops at the first
error, keeps every record in memory and took 13 s and 1.4 GB for a million wires, so the
records are read here in one pass (see :mod:`.bai2_lines` for the physical-line quirks and
:mod:`.bai2_detail` for the fields); the library's type-code table says what each code
means. Every problem is collected; totals that disagree with the details refuse the file
unless the caller accepts them, and then they come back as warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from closingdesk.adapters.bank.amounts import from_minor_units
from closingdesk.adapters.bank.bai2_detail import parse_clock, parse_yymmdd
from closingdesk.adapters.bank.bai2_lines import Record, logical_records
from closingdesk.adapters.bank.bai2_trailers import Section, check_trailer
from closingdesk.adapters.bank.bai2_transactions import (
    AccountContext,
    Summary,
    read_detail,
    read_summary,
)
from closingdesk.adapters.bank.text import refuse
from closingdesk.domain.funding.bank import BankFile, BankTransaction
from closingdesk.domain.funding.bank_controls import Stated, Tally, disagreements
from closingdesk.domain.problems import Problem

_NAMES = {
    "01": "01 file header",
    "02": "02 group header",
    "03": "03 account identifier",
    "16": "16 transaction detail",
    "49": "49 account trailer",
    "88": "88 continuation",
    "98": "98 group trailer",
    "99": "99 file trailer",
}

_TOTALS = {"100": "total credits", "400": "total debits"}
_DIRECTIONS = {"100": "credit", "400": "debit"}


def read_bai2(
    text: str,
    *,
    source: str,
    accept_bad_totals: bool,
    keep_account: Callable[[str], bool] | None = None,
) -> BankFile:
    """``keep_account``: which accounts' transactions to return (all when None); the
    others are checked just the same and only counted (``BankFile.skipped``)."""
    reader = _Reader(source, keep_account)
    for record in logical_records(text):
        reader.take(record)
    reader.finish(text.rstrip().count("\n") + 1)
    if reader.problems or (reader.bad_totals and not accept_bad_totals):
        shown_totals = [] if accept_bad_totals else reader.bad_totals
        refuse(source, "bai2", [*reader.problems, *shown_totals])
    skipped = tuple(reader.skipped.items())
    return BankFile("bai2", tuple(reader.transactions), tuple(reader.bad_totals), skipped)


@dataclass
class _Reader:
    source: str
    keep_account: Callable[[str], bool] | None = None
    last_line: int = 0

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []
        self.bad_totals: list[Problem] = []
        self.transactions: list[BankTransaction] = []
        self.file: Section | None = None
        self.group: Section | None = None
        self.account: Section | None = None
        self.seen_header = False
        self.currency = "USD"
        self.as_of = date.min
        self.as_of_time: time | None = None
        self.context = AccountContext("", "USD", date.min, None)
        self.summary: list[Summary] = []
        self.keeping = True  # whether the current account's transactions are returned
        self.skipped: dict[str, int] = {}
        self.tally = _Counts()  # the current account's money details, for its 03 summary
        self.details = 0
        self.handlers = {code: getattr(self, f"_record_{code}") for code in _NAMES if code != "88"}

    def take(self, record: Record) -> None:
        self.last_line = record.line
        if record.code == "16" and self.account is not None:  # most records: the short way
            self._record_16(record, f"{self.source} line {record.line}")
            return
        where = f"{self.source} line {record.line}"
        handler = self.handlers.get(record.code)
        if handler is None:
            what = f"{record.code!r} is not a BAI2 record code"
            if record.code == "88":
                what = "an 88 continuation with no record before it to continue"
            self.problems.append(Problem(where, what))
        elif not self._in_order(record, where):
            return
        else:
            handler(record, where)

    def _in_order(self, record: Record, where: str) -> bool:
        code = record.code
        opened = {
            "01": not self.seen_header,
            "02": self.file is not None and self.group is None,
            "03": self.group is not None and self.account is None,
            "16": self.account is not None,
            "49": self.account is not None,
            "98": self.group is not None and self.account is None,
            "99": self.file is not None and self.group is None,
        }[code]
        if not opened:
            self.problems.append(Problem(where, f"{_NAMES[code]} out of place"))
        return opened

    def _record_01(self, record: Record, where: str) -> None:
        self.seen_header = True
        self.file = Section(record.line, record.parts)
        fields = record.body.split(",")
        version = fields[7].strip() if len(fields) > 7 else ""
        if version != "2":
            what = f"only BAI version 2 is read; the file header says version {version!r}"
            self.problems.append(Problem(where, what))

    def _record_02(self, record: Record, where: str) -> None:
        self.group = Section(record.line, record.parts)
        fields = [*record.body.split(","), "", "", "", "", "", ""]
        as_of = parse_yymmdd(fields[3].strip())
        if as_of is None:
            what = f"as-of date {fields[3].strip()!r} is not a date (YYMMDD)"
            self.problems.append(Problem(where, what))
        clock = fields[4].strip()
        self.as_of_time = parse_clock(clock) if clock else None
        if clock and self.as_of_time is None:
            what = f"as-of time {clock!r} is not a time (HHMM)"
            self.problems.append(Problem(where, what))
        self.as_of = as_of or date.min
        self.currency = fields[5].strip().upper() or "USD"  # the specification's default

    def _record_03(self, record: Record, where: str) -> None:
        assert self.group is not None
        self.account = Section(record.line, record.parts)
        fields = record.body.split(",")
        number = fields[0].strip()
        currency = (fields[1].strip().upper() if len(fields) > 1 else "") or self.currency
        if not number:
            self.problems.append(Problem(where, "the account identifier has no account number"))
        self.context = AccountContext(number, currency, self.as_of, self.as_of_time)
        units, self.summary = read_summary(fields[2:], where, self.problems)
        self.account.units += units
        self.keeping = self.keep_account is None or self.keep_account(number)
        self.tally = _Counts()
        self.details = 0

    def _record_16(self, record: Record, where: str) -> None:
        assert self.account is not None
        self.account.records += record.parts
        self.account.wrapped += record.wrapped
        self.details += 1
        read = read_detail(record, self.context, where, self.problems, build=self.keeping)
        self.account.units += read.units
        if read.direction is None:
            return
        self.tally.add(read.direction, read.units)
        if read.transaction is not None:
            self.transactions.append(read.transaction)
        elif not self.keeping:
            number = self.context.number
            self.skipped[number] = self.skipped.get(number, 0) + 1

    def _record_49(self, record: Record, where: str) -> None:
        assert self.account is not None and self.group is not None
        self._close(self.account, record, where, "account")
        if self.details:
            self._check_summary(where)
        self.group.add(self.account)
        self.account = None

    def _record_98(self, record: Record, where: str) -> None:
        assert self.group is not None and self.file is not None
        self._close(self.group, record, where, "group")
        self.file.add(self.group)
        self.group = None

    def _record_99(self, record: Record, where: str) -> None:
        assert self.file is not None
        self._close(self.file, record, where, "file")
        self.file = None

    def _close(self, section: Section, record: Record, where: str, level: str) -> None:
        section.records += record.parts
        problems, totals = check_trailer(
            section, record.body, where=where, level=level, currency=self.context.currency
        )
        self.problems.extend(problems)
        self.bad_totals.extend(totals)

    def _check_summary(self, where: str) -> None:
        currency = self.context.currency
        stated = [
            Stated(
                f"the 03 summary {item.type_code} ({_TOTALS[item.type_code]})",
                _DIRECTIONS[item.type_code],
                count=item.items,
                amount=from_minor_units(item.units, currency),
            )
            for item in self.summary
            if item.type_code in _TOTALS and item.items is not None
        ]
        tally = self.tally.of(currency)
        self.bad_totals.extend(disagreements(where, stated, tally, currency))

    def finish(self, lines: int) -> None:
        where = f"{self.source} line {max(lines, self.last_line)}"
        if not self.seen_header:
            self.problems.append(Problem(where, "the file has no 01 file header"))
        for section, trailer in ((self.account, "49"), (self.group, "98"), (self.file, "99")):
            if section is not None:
                what = f"the file ends before the {_NAMES[trailer]} of line {section.line}"
                self.problems.append(Problem(where, what))


@dataclass
class _Counts:
    """An account's money details as the 03 summary counts them (each detail one entry)."""

    credits: int = 0
    credited: int = 0  # minor units
    debits: int = 0
    debited: int = 0

    def add(self, direction: str, units: int) -> None:
        if direction == "credit":
            self.credits += 1
            self.credited += units
        else:
            self.debits += 1
            self.debited += units

    def of(self, currency: str) -> Tally:
        return Tally(
            self.credits,
            from_minor_units(self.credited, currency),
            self.debits,
            from_minor_units(self.debited, currency),
        )
