"""BAI2 amounts and transaction details: what a 03 or 16 record says about money.

A 16 record is ``type code, amount, funds type, [availability], bank reference, customer
reference, text``; the text runs to the end of the record and may hold commas. The type
code says whether money came in or went out: the ``bai2`` library's table of codes first
(it also names the returns and reversals), then the specification's ranges (100-399
credits, 400-699 debits; for custom codes 900-959 credits, 960-999 debits).

>>> direction_of("195"), direction_of("495"), direction_of("555"), direction_of("010")
(('credit', False), ('debit', False), ('debit', True), None)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from functools import lru_cache
from typing import NamedTuple

from bai2.constants import TypeCodes, TypeCodeTransaction
from bai2.utils import parse_time

NOT_MONEY = "890"  # "contains non-monetary information": a note, not a payment
_REVERSAL_WORDS = re.compile(r"revers|return", re.IGNORECASE)
_AVAILABILITY_FIELDS = {"S": 3, "V": 2}


def _library_directions() -> dict[str, tuple[str, bool] | None]:
    directions: dict[str, tuple[str, bool] | None] = {}
    for code, entry in TypeCodes.items():
        kind = entry.transaction
        money = kind in (TypeCodeTransaction.credit, TypeCodeTransaction.debit)
        words = entry.description
        reversal = bool(_REVERSAL_WORDS.search(words)) and "Repurchase" not in words
        reversal = reversal and "Fee" not in words
        directions[code] = (kind.value, reversal) if money else None
    return directions


_DIRECTIONS = _library_directions()


def direction_of(type_code: str) -> tuple[str, bool] | None:
    """("credit" or "debit", whether it is a return or reversal), None when not money."""
    if type_code in _DIRECTIONS:
        return _DIRECTIONS[type_code]
    number = int(type_code) if type_code.isdigit() else 0
    if 100 <= number <= 399 or 900 <= number <= 959:
        return "credit", False
    if 400 <= number <= 699 or 960 <= number <= 999:
        return "debit", False
    return None


class Detail(NamedTuple):
    type_code: str
    amount: str  # minor units as written
    funds_type: str
    availability: list[str]
    bank_reference: str
    customer_reference: str
    text: str


def split_detail(body: str) -> Detail | str:
    """The fields of a 16 record, or what is wrong with its layout."""
    head = body.split(",", 3)
    if len(head) < 4:
        return "a transaction detail needs a type code, an amount and a funds type"
    type_code, amount, funds, rest = head
    funds = funds.strip().upper()
    count = _AVAILABILITY_FIELDS.get(funds, 0)
    if funds == "D":
        first = rest.split(",", 1)[0].strip()
        if not first.isdigit():
            return f"funds type D needs the number of distributions, not {first!r}"
        count = 1 + 2 * int(first)
    elif funds not in ("", "Z", "0", "1", "2", "S", "V"):
        return f"funds type {funds!r} is not one of 0, 1, 2, S, V, D, Z"
    tail = rest.split(",", count + 2)
    tail += [""] * (count + 3 - len(tail))
    return Detail(type_code.strip(), amount.strip(), funds, tail[:count], *_stripped(tail[count:]))


def _stripped(fields: list[str]) -> tuple[str, str, str]:
    return fields[0].strip(), fields[1].strip(), fields[2].strip()


def minor_units(text: str, *, signed: bool) -> int | None:
    """An amount as BAI2 writes it (no decimal point), None when it is not one."""
    digits = text[1:] if signed and text[:1] in "+-" else text.removeprefix("+")
    if not digits.isdigit() or not digits.isascii():
        return None
    return int(text)


@lru_cache(maxsize=1024)
def parse_yymmdd(text: str) -> date | None:
    if len(text) != 6 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, "%y%m%d").date()
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a day has 1,440 minutes; a big file repeats them
def parse_clock(text: str) -> time | None:
    """A BAI2 time (HHMM, 2400 and 9999 meaning the end of the day), None when wrong."""
    reader: Callable[[str], time] = parse_time
    try:
        return reader(text)
    except ValueError:
        return None
