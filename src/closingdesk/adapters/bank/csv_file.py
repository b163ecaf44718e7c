"""Our CSV bank file: one transaction a row, for banks and treasury tools without BAI2.

Header names are case-insensitive and in any order: ``date``, ``amount``, ``currency``,
``originator``, ``reference`` (the remittance text) and ``bank_reference`` are required;
``account``, ``time``, ``value_date``, ``end_to_end_id``, ``imad`` and ``uetr`` may be
added. A negative amount is a debit. Without an ``account`` column every row belongs to the
account the caller names. Each bad cell is reported with its row and column, the header
being row 1.
"""

from __future__ import annotations

import csv
import io
from datetime import date, time

from closingdesk.adapters.bank.text import refuse
from closingdesk.domain.bank import BankFile, BankTransaction
from closingdesk.domain.money import parse_decimal
from closingdesk.domain.problems import Problem, cell

REQUIRED = ("date", "amount", "currency", "originator", "reference", "bank_reference")
OPTIONAL = ("account", "time", "value_date", "end_to_end_id", "imad", "uetr")


def read_csv(text: str, *, source: str, default_account: str | None) -> BankFile:
    rows = _rows(text, source)
    header = [name.strip().lower() for name in rows[0]] if rows else []
    problems = _header_problems(header, source, default_account)
    if problems:
        refuse(source, "csv", problems)
    transactions = []
    for number, cells in enumerate(rows[1:], 2):
        if not any(value.strip() for value in cells):
            continue
        row = dict(zip(header, [*cells, *[""] * len(header)], strict=False))
        found = _transaction(row, _Where(source, number), default_account or "", problems)
        if found is not None:
            transactions.append(found)
    if problems:
        refuse(source, "csv", problems)
    return BankFile("csv", tuple(transactions))


def _rows(text: str, source: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
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


class _Where:
    def __init__(self, source: str, row: int) -> None:
        self.source, self.row = source, row

    def __call__(self, column: str) -> str:
        return cell(self.source, self.row, column)


def _transaction(
    row: dict[str, str], where: _Where, account: str, problems: list[Problem]
) -> BankTransaction | None:
    found = len(problems)
    value = {name: text.strip() for name, text in row.items()}
    booked = _date(value["date"], where("date"), problems)
    valued = _date(value.get("value_date", ""), where("value_date"), problems, optional=True)
    clock = _time(value.get("time", ""), where("time"), problems)
    amount = parse_decimal(value["amount"])
    if amount is None or not amount.is_finite() or amount == 0:
        problems.append(Problem(where("amount"), f"{value['amount']!r} is not a non-zero amount"))
    currency = value["currency"].upper()
    if len(currency) != 3 or not currency.isalpha():
        problems.append(Problem(where("currency"), f"{value['currency']!r} is not a currency code"))
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
