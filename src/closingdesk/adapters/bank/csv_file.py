"""Our CSV bank file: one transaction a row, for banks and treasury tools without BAI2.

Header names are case-insensitive and in any order: ``date``, ``amount``, ``currency``,
``originator``, ``reference`` (the remittance text) and ``bank_reference`` are required;
``account``, ``time``, ``value_date``, ``end_to_end_id``, ``imad`` and ``uetr`` may be
added. A negative amount is a debit. Without an ``account`` column every row belongs to the
account the caller names. Each bad cell is reported with its row, its column and its text,
the header being row 1; a row with more or fewer cells than the header (an unquoted comma
in a value) is refused whole, since no one can tell which value it split.

Amounts are read by :func:`closingdesk.domain.money.parse_amount`, with the decimal
separator the caller declares, else the one the amount column shows (``250,75``,
``1.000,50``: a separator followed by other than three digits is the decimal one); the
other separator may group thousands. A cell that reads either way (``1,000`` when nothing
tells the separator) is refused rather than guessed.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, time
from decimal import Decimal
from typing import NamedTuple

from closingdesk.adapters.bank.text import refuse
from closingdesk.domain.funding.bank import BankFile, BankTransaction
from closingdesk.domain.money import AmountError, parse_amount
from closingdesk.domain.problems import Problem, cell

REQUIRED = ("date", "amount", "currency", "originator", "reference", "bank_reference")
OPTIONAL = ("account", "time", "value_date", "end_to_end_id", "imad", "uetr")


def read_csv(
    text: str, *, source: str, default_account: str | None, decimal: str | None = None
) -> BankFile:
    rows, delimiter = _rows(text, source)
    header = [name.strip().lower() for name in rows[0]] if rows else []
    problems = _header_problems(header, source, default_account)
    if problems:
        refuse(source, "csv", problems)
    filled = [(n, cells) for n, cells in enumerate(rows[1:], 2) if any(c.strip() for c in cells)]
    widths = [_width_problem(source, n, cells, header) for n, cells in filled]
    problems = [p for p in widths if p is not None]
    if problems:
        refuse(source, "csv", problems)
    amounts = [(n, cells[header.index("amount")].strip()) for n, cells in filled]
    separators = _separators(amounts, decimal, delimiter, source, problems)
    transactions = []
    for number, cells in filled:
        row = dict(zip(header, cells, strict=True))
        where = _Where(source, number)
        found = _transaction(row, where, default_account or "", separators, problems)
        if found is not None:
            transactions.append(found)
    if problems:
        refuse(source, "csv", problems)
    return BankFile("csv", tuple(transactions))


def _rows(text: str, source: str) -> tuple[list[list[str]], str]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader), delimiter
    except csv.Error as error:
        where = f"{source} line {reader.line_num}"
        refuse(source, "csv", [Problem(where, f"not readable as CSV ({error})")])


def _header_problems(header: list[str], source: str, account: str | None) -> list[Problem]:
    where = f"{source} row 1"
    problems = [
        Problem(where, f"missing column {name!r}") for name in REQUIRED if name not in header
    ]
    known = (*REQUIRED, *OPTIONAL)
    problems += [Problem(where, f"unknown column {name!r}") for name in header if name not in known]
    if "account" not in header and not account:
        what = "no account column, and no account to book the rows to was given"
        problems.append(Problem(where, what))
    return problems


def _width_problem(source: str, row: int, cells: list[str], header: list[str]) -> Problem | None:
    if len(cells) == len(header):
        return None
    what = (
        f"{len(cells)} cells but the header has {len(header)} columns; a value holding the "
        f"delimiter must be quoted: {_DELIMITED.join(cells)!r}"
    )
    return Problem(f"{source} row {row}", what)


_DELIMITED = "|"
_DECIMAL_HINT = re.compile(r"([.,])([0-9]*)$")


class _Separators(NamedTuple):
    decimal: str
    group: str
    known: bool  # declared, or shown by a cell that reads only one way


def _separators(
    amounts: list[tuple[int, str]],
    declared: str | None,
    delimiter: str,
    source: str,
    problems: list[Problem],
) -> _Separators:
    if declared:
        return _Separators(declared, "," if declared == "." else ".", True)
    shown: dict[str, int] = {}
    for row, text in amounts:
        found = _DECIMAL_HINT.search(text)
        if found and len(found[2]) != 3:
            shown.setdefault(found[1], row)
    if len(shown) > 1:
        what = (
            f"the amounts use both '.' (row {shown['.']}) and ',' (row {shown[',']}) as the "
            "decimal separator; declare the one the file uses"
        )
        problems.append(Problem(f"{source} column amount", what))
    decimal = next(iter(shown), "," if delimiter == ";" else ".")
    return _Separators(decimal, "," if decimal == "." else ".", bool(shown))


class _Where:
    def __init__(self, source: str, row: int) -> None:
        self.source, self.row = source, row

    def __call__(self, column: str) -> str:
        return cell(self.source, self.row, column)


def _transaction(
    row: dict[str, str],
    where: _Where,
    account: str,
    separators: _Separators,
    problems: list[Problem],
) -> BankTransaction | None:
    found = len(problems)
    value = {name: text.strip() for name, text in row.items()}
    booked = _date(value["date"], where("date"), problems)
    valued = _date(value.get("value_date", ""), where("value_date"), problems, optional=True)
    clock = _time(value.get("time", ""), where("time"), problems)
    currency = value["currency"].upper()
    if len(currency) != 3 or not currency.isalpha():
        problems.append(Problem(where("currency"), f"{value['currency']!r} is not a currency code"))
    amount = _amount(value["amount"], currency, separators, where("amount"), problems)
    number = value.get("account") or account
    if not number:
        problems.append(Problem(where("account"), "the account is empty"))
    if len(problems) > found or amount is None or booked is None:
        return None
    return BankTransaction(
        account=number,
        direction="debit" if amount < 0 else "credit",
        amount=abs(amount),
        currency=currency,
        value_date=valued or booked,
        value_time=clock,
        originator=value["originator"] or None,
        remittance=value["reference"],
        bank_reference=value["bank_reference"] or None,
        imad=value.get("imad") or None,
        uetr=value.get("uetr") or None,
        end_to_end_id=value.get("end_to_end_id") or None,
        where=f"row {where.row}",
    )


def _amount(
    text: str, currency: str, separators: _Separators, where: str, problems: list[Problem]
) -> Decimal | None:
    found = _DECIMAL_HINT.search(text)
    if not separators.known and found and len(found[2]) == 3:
        what = (
            f"{text!r} reads as {text[: found.start()]} thousand or as a decimal; "
            "nothing in the file tells its decimal separator: declare it"
        )
        problems.append(Problem(where, what))
        return None
    try:
        amount = parse_amount(
            text, currency, decimal=separators.decimal, group=separators.group, signed=True
        )
    except AmountError as error:
        problems.append(Problem(where, str(error)))
        return None
    if amount == 0:
        problems.append(Problem(where, f"{text!r} is not a non-zero amount"))
        return None
    return amount


def _date(text: str, where: str, problems: list[Problem], *, optional: bool = False) -> date | None:
    if not text and optional:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(where, f"{text!r} is not a date (YYYY-MM-DD)"))
        return None


def _time(text: str, where: str, problems: list[Problem]) -> time | None:
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        problems.append(Problem(where, f"{text!r} is not a time (HH:MM, HH:MM:SS, with offset)"))
        return None
