"""SWIFT MT940 customer statements: ``:20:`` starts a statement, ``:25:`` names the account,
``:60F:`` (or ``:60M:``) the opening balance and so the currency, each ``:61:`` is one
booking and the ``:86:`` after it tells more about it, ``:62F:`` (or ``:62M:``) closes it.

A file may hold several statements and may be wrapped in SWIFT blocks (``{1:...}{2:...}
{4:`` ... ``-}``). The ``:61:`` layout is matched with the ``mt-940`` library's pattern;
the marks are C (credit), D (debit), RC (reversal of a credit: money goes back out) and RD
(reversal of a debit). A zero amount is a summary line, not a payment, and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from mt940.tags import Statement

from closingdesk.adapters.bank.bai2_detail import parse_yymmdd
from closingdesk.adapters.bank.mt940_details import read_details
from closingdesk.adapters.bank.text import refuse
from closingdesk.domain.bank import BankFile, BankTransaction
from closingdesk.domain.problems import Problem

_TAG = re.compile(r":(\d\d[A-Z]?|NS):")
_BLOCK = re.compile(r"\{[1235]:(?:[^{}]|\{[^{}]*\})*\}|\{4:|^-\}?$")
_BALANCE = re.compile(r"[CD](\d{6})([A-Z]{3})[\d,]+")
_MARKS = {
    "C": ("credit", False),
    "D": ("debit", False),
    "RC": ("debit", True),
    "RD": ("credit", True),
}
_NO_REFERENCE = "NONREF"


def tags(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, tag, value) of every field; a field's continuation lines joined with newlines."""
    current: list[str] | None = None
    start, name = 0, ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = _BLOCK.sub("", raw.rstrip()).rstrip()
        found = _TAG.match(line)
        if found:
            if current is not None:
                yield start, name, "\n".join(current)
            start, name, current = number, found[1], [line[found.end() :]]
        elif current is not None and line:
            current.append(line)
    if current is not None:
        yield start, name, "\n".join(current)


def read_mt940(text: str, *, source: str) -> BankFile:
    reader = _Reader(source)
    for line, tag, value in tags(text):
        reader.take(line, tag, value)
    reader.finish()
    if reader.problems:
        refuse(source, "mt940", reader.problems)
    return BankFile("mt940", tuple(reader.transactions))


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.transactions: list[BankTransaction] = []
        self.account: str | None = None
        self.currency: str | None = None
        self.open_statement: int | None = None  # the line of the :20: not yet closed
        self.last: BankTransaction | None = None  # the :61: a :86: would describe
        self.last_line = 0
        self.pattern = Statement().re

    def take(self, line: int, tag: str, value: str) -> None:
        self.last_line = line
        where = f"{self.source} line {line}"
        if tag == "20":
            self._close(where)
            self.open_statement, self.account, self.currency = line, None, None
        elif tag == "25":
            self.account = value.strip() or None
        elif tag in ("60F", "60M"):
            self._opening(value, where)
        elif tag == "61":
            self._flush()
            self.last = self._booking(line, value, where)
        elif tag == "86" and self.last is not None:
            self.last = _described(self.last, value)
        elif tag in ("62F", "62M"):
            self._flush()
            self.open_statement = None
        if tag != "61" and tag != "86":
            self._flush()

    def _opening(self, value: str, where: str) -> None:
        found = _BALANCE.match(value.strip())
        if found is None or parse_yymmdd(found[1]) is None:
            self.problems.append(
                Problem(where, f"opening balance {value!r} is not C/D YYMMDD CCY amount")
            )
            return
        self.currency = found[2]

    def _booking(self, line: int, value: str, where: str) -> BankTransaction | None:
        found = self.pattern.match(value)
        if found is None:
            what = f"statement line {value!r} is not YYMMDD[MMDD] C/D/RC/RD amount type reference"
            self.problems.append(Problem(where, what))
            return None
        fields = found.groupdict()
        day = parse_yymmdd(f"{fields['year']}{fields['month']}{fields['day']}")
        amount = _amount(fields["amount"])
        for wrong, what in (
            (day is None, f"value date {value[:6]!r} is not a date (YYMMDD)"),
            (amount is None, f"amount {fields['amount']!r} is not a number (like 1000,00)"),
            (self.account is None, "no account (:25:) before this statement line"),
            (self.currency is None, "no opening balance (:60F:) gives the currency"),
        ):
            if wrong:
                self.problems.append(Problem(where, what))
        if day is None or amount is None or not self.account or not self.currency or not amount:
            return None  # a zero amount is a summary line, not a payment
        direction, reversal = _MARKS[fields["status"].upper()]
        reference = (fields["customer_reference"] or "").strip()
        return BankTransaction(
            account=self.account,
            direction=direction,
            amount=amount,
            currency=self.currency,
            value_date=day,
            bank_reference=(fields["bank_reference"] or "").strip() or None,
            end_to_end_id=None if reference in ("", _NO_REFERENCE) else reference,
            type_code=fields["id"],
            reversal=reversal,
            remittance=" ".join((fields["extra_details"] or "").split()),
            where=f"line {line}",
        )

    def _flush(self) -> None:
        if self.last is not None:
            self.transactions.append(self.last)
            self.last = None

    def _close(self, where: str) -> None:
        self._flush()
        if self.open_statement is not None:
            what = f"the statement of line {self.open_statement} has no closing balance (:62F:)"
            self.problems.append(Problem(where, what))

    def finish(self) -> None:
        self._close(f"{self.source} line {self.last_line}")
        if not self.last_line:
            self.problems.append(Problem(self.source, "no MT940 fields (:20:, :25:, :61:)"))


def _described(booking: BankTransaction, value: str) -> BankTransaction:
    details = read_details(value)
    reversal = booking.reversal or details.returned
    return replace(
        booking,
        originator=details.originator,
        remittance=details.remittance or booking.remittance,
        end_to_end_id=details.end_to_end_id or booking.end_to_end_id,
        reversal=reversal,
        original_reference=(details.end_to_end_id or booking.end_to_end_id) if reversal else None,
    )


def _amount(text: str) -> Decimal | None:
    if text.count(",") != 1:
        return None
    try:
        return Decimal(text.replace(",", ".").rstrip(".") or "0")
    except InvalidOperation:
        return None
