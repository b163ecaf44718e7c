"""BAI2 records as bank transactions: a 16 record read into a :class:`BankTransaction`.

The amount is in minor units of the account's currency (the 03 record's, else the group's,
else USD); the value date is the group's as-of date unless the funds type is V (value
dated) and gives its own date; the time is only the one a V detail gives. The customer
reference field holds the Fedwire IMAD at many banks; it is kept as the IMAD when it has
its form. The group's
as-of time is when the bank cut the report, not when a wire arrived: taken as each wire's
time, an end-of-day report would make every wire look late. The text is read for Fedwire
details (:mod:`.fedwire_text`).
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import NamedTuple

from closingdesk.adapters.bank.amounts import exponent, from_minor_units
from closingdesk.adapters.bank.bai2_detail import (
    NOT_MONEY,
    Detail,
    direction_of,
    minor_units,
    parse_clock,
    parse_yymmdd,
    split_detail,
)
from closingdesk.adapters.bank.bai2_lines import Record
from closingdesk.adapters.bank.fedwire_text import read_fedwire_text
from closingdesk.domain.funding.bank import BankTransaction
from closingdesk.domain.money import MAX_INTEGER_DIGITS
from closingdesk.domain.problems import Problem


class AccountContext(NamedTuple):
    number: str
    currency: str
    as_of: date
    as_of_time: time | None


class Summary(NamedTuple):
    type_code: str
    units: int
    items: int | None  # the item count, when stated


def read_summary(
    fields: list[str], where: str, problems: list[Problem]
) -> tuple[int, list[Summary]]:
    """The amounts of an 03 record's summary and status items (type, amount, count, funds):
    their sum for the control total, and each item."""
    total, rest, items = 0, [field.strip() for field in fields], []
    while len(rest) >= 2:
        type_code, amount, funds = rest[0], rest[1], rest[3].upper() if len(rest) > 3 else ""
        units = minor_units(amount, signed=True) if amount else 0
        if units is None:
            problems.append(
                Problem(where, f"amount {amount!r} of type {type_code} is not a number")
            )
        count = rest[2] if len(rest) > 2 else ""
        items.append(Summary(type_code, units or 0, int(count) if count.isdigit() else None))
        total += units or 0
        skip = 4 + {"S": 3, "V": 2}.get(funds, 0)
        if funds == "D" and len(rest) > 4 and rest[4].isdigit():
            skip = 5 + 2 * int(rest[4])
        rest = rest[skip:]
    return total, items


class ReadDetail(NamedTuple):
    units: int  # the amount in minor units, for the control totals
    direction: str | None  # "credit" or "debit" when the detail is money
    transaction: BankTransaction | None  # when it is money and was asked for


def read_detail(
    record: Record, account: AccountContext, where: str, problems: list[Problem], *, build: bool
) -> ReadDetail:
    """A 16 record checked and, when ``build``, read into a transaction (an import leaves
    out the other accounts' transactions: checking them is all the file's totals need)."""
    detail = split_detail(record.body)
    if isinstance(detail, str):
        problems.append(Problem(where, detail))
        return _NOTHING
    units = minor_units(detail.amount, signed=False)
    if units is None:
        what = f"amount {detail.amount!r} is not a whole number of minor units (cents)"
        problems.append(Problem(where, what))
        return _NOTHING
    if len(detail.amount) > MAX_INTEGER_DIGITS and len(str(units)) > MAX_INTEGER_DIGITS + exponent(
        account.currency
    ):
        what = (
            f"amount {detail.amount!r} has more than {MAX_INTEGER_DIGITS} digits before "
            f"the {account.currency} decimals"
        )
        problems.append(Problem(where, what))
        return _NOTHING
    kind = direction_of(detail.type_code)
    if kind is None and detail.type_code != NOT_MONEY:
        what = f"type code {detail.type_code!r} is not a credit or debit transaction code"
        problems.append(Problem(where, what))
    if kind is None or units == 0:  # zero-amount details are notes, not payments
        return ReadDetail(units, None, None)
    when = _value_date(detail, account, where, problems)
    if when is None or not build:
        return ReadDetail(units, kind[0] if when else None, None)
    wire = read_fedwire_text(detail.text)
    transaction = BankTransaction(
        account=account.number,
        direction=kind[0],
        amount=from_minor_units(units, account.currency),
        currency=account.currency,
        value_date=when[0],
        value_time=when[1],
        originator=wire.originator,
        remittance=wire.remittance,
        bank_reference=detail.bank_reference or None,
        imad=wire.imad or _imad(detail.customer_reference),
        omad=wire.omad,
        uetr=wire.uetr,
        type_code=detail.type_code,
        reversal=kind[1],
        original_reference=wire.original_reference,
        where=f"line {record.line}",
    )
    return ReadDetail(units, kind[0], transaction)


_NOTHING = ReadDetail(0, None, None)


_IMAD = re.compile(r"\d{8}[A-Z0-9]{8}\d{6}")  # Fedwire: cycle date, source id, sequence


def _imad(customer_reference: str) -> str | None:
    """The detail's customer reference, when it is a Fedwire IMAD (many banks put it there)."""
    reference = customer_reference.strip().upper()
    return reference if _IMAD.fullmatch(reference) else None


def _value_date(
    detail: Detail, account: AccountContext, where: str, problems: list[Problem]
) -> tuple[date, time | None] | None:
    if detail.funds_type != "V" or not detail.availability[0].strip():
        return account.as_of, None
    day_text, clock_text = (field.strip() for field in detail.availability)
    day = parse_yymmdd(day_text)
    clock = parse_clock(clock_text) if clock_text else None
    if day is None or (clock_text and clock is None):
        what = f"value date {day_text!r} {clock_text!r} is not a date (YYMMDD) and time (HHMM)"
        problems.append(Problem(where, what))
        return None
    return day, clock
