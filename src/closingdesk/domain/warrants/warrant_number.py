"""Warrant numbers: closingdesk's own identifier of a warrant certificate.

A warrant number is the letter W and a positive serial number, printed with a dash and at
least four digits (``W-0001``, ``W-12345``). Numbers are given out in order and never
reused, so a voided warrant's number stays void. Written by hand the number may come in
any case, with spaces or dashes, and with fewer or more leading zeros: all of these name
the same warrant, and :func:`compact` gives the one stored form.

>>> compact("w 1"), compact("W-0001"), compact(" w-00012 ")
('W0001', 'W0001', 'W0012')
>>> format("w1"), format("W12345")
('W-0001', 'W-12345')
>>> try:
...     validate("W-0000")
... except InvalidWarrantNumber as error:
...     print(error)
'W-0000' is not a warrant number: the serial number must be 1 or more
>>> is_valid("X-0001"), is_valid("W-1a")
(False, False)
>>> next_number(["W-0001", "W-0007", "w 3"])
'W-0008'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PREFIX = "W"
DIGITS = 4  # the fewest digits printed
_SEPARATORS = re.compile(r"[\s\-]")


class InvalidWarrantNumber(ValueError):
    """The text is not a warrant number; the message says why."""

    def __init__(self, number: str, reason: str) -> None:
        self.number = number
        self.reason = reason
        super().__init__(f"{number!r} is not a warrant number: {reason}")


def compact(number: str) -> str:
    """The stored form: no spaces or dashes, upper case, the serial at four digits or more.

    Text that is not a warrant number is only cleaned, never refused: :func:`validate` says
    what is wrong with it.
    """
    cleaned = _SEPARATORS.sub("", number).upper()
    serial = cleaned.removeprefix(PREFIX)
    if cleaned.startswith(PREFIX) and serial.isascii() and serial.isdigit():
        return PREFIX + str(int(serial)).zfill(DIGITS)
    return cleaned


def validate(number: str) -> str:
    """The compact form of a valid warrant number; :class:`InvalidWarrantNumber` otherwise."""
    cleaned = compact(number)
    if not cleaned.startswith(PREFIX):
        raise InvalidWarrantNumber(number, f"it must start with {PREFIX}")
    serial = cleaned.removeprefix(PREFIX)
    if not serial:
        raise InvalidWarrantNumber(number, f"a serial number must follow the {PREFIX}")
    if not (serial.isascii() and serial.isdigit()):
        raise InvalidWarrantNumber(number, f"only digits may follow the {PREFIX}")
    if int(serial) == 0:
        raise InvalidWarrantNumber(number, "the serial number must be 1 or more")
    return cleaned


def is_valid(number: str) -> bool:
    try:
        validate(number)
    except InvalidWarrantNumber:
        return False
    return True


def format(number: str) -> str:  # python-stdnum's name, though it shadows the builtin
    """The printed form: ``W-0001``."""
    cleaned = validate(number)
    return f"{PREFIX}-{cleaned.removeprefix(PREFIX)}"


def serial(number: str) -> int:
    """The warrant's serial number: 1 for ``W-0001``."""
    return int(validate(number).removeprefix(PREFIX))


def from_serial(value: int) -> str:
    """The printed warrant number of a serial number.

    >>> from_serial(42)
    'W-0042'
    """
    if value < 1:
        raise InvalidWarrantNumber(str(value), "the serial number must be 1 or more")
    return f"{PREFIX}-{value:0{DIGITS}d}"


def next_numbers(existing: Iterable[str], count: int) -> tuple[str, ...]:
    """The next ``count`` free numbers after the highest existing one (gaps are not reused).

    Every existing number must be valid: a stored number that is not is a bug, so it raises.

    >>> next_numbers([], 3)
    ('W-0001', 'W-0002', 'W-0003')
    """
    highest = max((serial(number) for number in existing), default=0)
    return tuple(from_serial(highest + step) for step in range(1, count + 1))


def next_number(existing: Iterable[str]) -> str:
    return next_numbers(existing, 1)[0]
