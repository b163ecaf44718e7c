"""SWIFT MT940 customer statements: ``:20:`` starts a statement, ``:25:`` names the account,
``:60F:`` (or ``:60M:``) the opening balance and so the currency, each ``:61:`` is one
booking and the ``:86:`` after it tells more about it, ``:62F:`` (or ``:62M:``) closes it.

A file may hold several statements and may be wrapped in SWIFT blocks (``{1:...}{2:...}
{4:`` ... ``-}``). The ``:61:`` layout is matched with the ``mt-940`` library's pattern;
the marks are C (credit), D (debit), RC (reversal of a credit: money goes back out) and RD
(reversal of a debit). A zero amount is a summary line, not a payment, and is skipped.

Each statement proves itself: its opening balance and the bookings read must make its
closing balance (:mod:`closingdesk.domain.funding.bank_controls`); when they do not, the file is
refused, or read with the disagreement as a warning when the caller accepts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from mt940.tags import Statement

from closingdesk.adapters.bank.bai2_detail import parse_yymmdd
from closingdesk.adapters.bank.mt940_details import read_details
from closingdesk.adapters.bank.text import refuse
from closingdesk.domain.funding.bank import BankFile, BankTransaction, is_placeholder
from closingdesk.domain.funding.bank_controls import Tally, balance_disagreement
from closingdesk.domain.money import AmountError, parse_amount
from closingdesk.domain.problems import Problem

_TAG = re.compile(r":(\d\d[A-Z]?|NS):")
_BLOCK = re.compile(r"\{[1235]:(?:[^{}]|\{[^{}]*\})*\}|\{4:|^-\}?$")
_BALANCE = re.compile(r"([CD])(\d{6})([A-Z]{3})([\d,]+)$")
_MARKS = {
    "C": ("credit", False),
    "D": ("debit", False),
    "RC": ("debit", True),
    "RD": ("credit", True),
}


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


def read_mt940(text: str, *, source: str, accept_bad_totals: bool = False) -> BankFile:
    reader = _Reader(source)
    for line, tag, value in tags(text):
        reader.take(line, tag, value)
    reader.finish()
    if reader.problems:  # the balances then disagree only because bookings were refused
        refuse(source, "mt940", reader.problems)
    if reader.bad_totals and not accept_bad_totals:
        refuse(source, "mt940", reader.bad_totals)
    return BankFile("mt940", tuple(reader.transactions), tuple(reader.bad_totals))


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.bad_totals: list[Problem] = []
        self.opening: Decimal | None = None
        self.first = 0  # the statement's first transaction
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
            self.opening = self._balance(value, where, "opening")
            self.first = len(self.transactions)
        elif tag == "61":
            self._flush()
            self.last = self._booking(line, value, where)
        elif tag == "86" and self.last is not None:
            self.last = _described(self.last, value)
        elif tag in ("62F", "62M"):
            self._flush()
            self._closing(value, where)
            self.open_statement = None
        if tag != "61" and tag != "86":
            self._flush()

    def _balance(self, value: str, where: str, which: str) -> Decimal | None:
        found = _BALANCE.match(value.strip())
        if found is None or parse_yymmdd(found[2]) is None:
            what = f"{which} balance {value!r} is not C/D YYMMDD CCY amount"
            self.problems.append(Problem(where, what))
            return None
        if which == "opening":
            self.currency = found[3]
        amount = _amount(found[4], found[3], where, self.problems)
        if amount is None:
            return None
        return -amount if found[1] == "D" else amount

    def _closing(self, value: str, where: str) -> None:
        closing = self._balance(value, where, "closing")
        if closing is None or self.opening is None or self.currency is None:
            return
        tally = Tally.of(self.transactions[self.first :])
        wrong = balance_disagreement(where, self.opening, closing, tally, self.currency)
        self.bad_totals.extend([wrong] if wrong else [])
        self.opening = None

    def _booking(self, line: int, value: str, where: str) -> BankTransaction | None:
        found = self.pattern.match(value)
        if found is None:
            what = f"statement line {value!r} is not YYMMDD[MMDD] C/D/RC/RD amount type reference"
            self.problems.append(Problem(where, what))
            return None
        fields = found.groupdict()
        day = parse_yymmdd(f"{fields['year']}{fields['month']}{fields['day']}")
        amount = _amount(fields["amount"], self.currency or "", where, self.problems)
        for wrong, what in (
            (day is None, f"value date {value[:6]!r} is not a date (YYMMDD)"),
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
            end_to_end_id=None if is_placeholder(reference) else reference,
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


def _amount(text: str, currency: str, where: str, problems: list[Problem]) -> Decimal | None:
    try:
        return parse_amount(text, currency or "XXX", decimal=",")
    except AmountError as error:
        problems.append(Problem(where, f"amount: {error}"))
        return None
