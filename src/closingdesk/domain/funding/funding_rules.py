"""The rules of funding: funded at the exact price only, and late after the close of business.

A purchaser's funding *state* is ``unpaid`` (nothing received), ``short``, ``funded``
(exactly the Purchase Price, never within a tolerance) or ``over``. A wire is late when it
arrived after the close of business on the agreement date in the issuer's time zone: a
naive time is the issuer's, and a wire dated that day without a time is not late.

>>> funding_state(Decimal("500.00"), Decimal("499.99"))
'short'
>>> funding_state(Decimal("500.00"), Decimal("500"))
'funded'
>>> from zoneinfo import ZoneInfo
>>> cob = datetime(2002, 3, 12, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
>>> is_late(date(2002, 3, 12), time(17, 30), close_of_business=cob)
True
>>> is_late(date(2002, 3, 12), None, close_of_business=cob)
False
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

STATES: tuple[str, ...] = ("unpaid", "short", "funded", "over")
ZERO = Decimal("0.00")


def is_funded(expected: Decimal, received: Decimal) -> bool:
    return received == expected


def funding_state(expected: Decimal, received: Decimal) -> str:
    if received <= ZERO:
        return "unpaid"
    if is_funded(expected, received):
        return "funded"
    return "short" if received < expected else "over"


def is_late(value_date: date, value_time: time | None, *, close_of_business: datetime) -> bool:
    """After the close of business; a naive time is the issuer's, a day without time is not."""
    if value_time is None:
        return value_date > close_of_business.date()
    arrived = datetime.combine(value_date, value_time)
    if arrived.tzinfo is None:
        arrived = arrived.replace(tzinfo=close_of_business.tzinfo)
    return arrived > close_of_business
