"""Business days, trading days and the deadlines of a closing.

A *business day* is a day the Federal Reserve Banks are open, so wires move: not a
weekend, not a Federal Reserve holiday. A *trading day* is a day the New York Stock
Exchange is open. The two differ: the Fed works on a Friday before a Saturday holiday and
on Good Friday, the NYSE does not; the NYSE trades on Columbus Day and Veterans Day, the
Fed does not. Both holiday calendars come from the ``holidays`` library.

>>> next_business_day(date(2026, 7, 2))  # NYSE is closed on July 3, 2026; the Fed is open
datetime.date(2026, 7, 3)
>>> next_trading_day(date(2026, 7, 2))
datetime.date(2026, 7, 6)
>>> next_business_day(date(2026, 11, 25)), next_business_day(date(2026, 12, 24))
(datetime.date(2026, 11, 27), datetime.date(2026, 12, 28))

A *deadline* is a named, aware moment; it is missed when the thing was done after it, or
is still not done once it has passed.

>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> due = original_warrant_deadline(date(2002, 3, 12), terms)
>>> due.due.isoformat()
'2002-03-13T17:00:00-08:00'
>>> due.seconds_left(due.due - timedelta(hours=1)), due.missed(due.due + timedelta(seconds=1))
(3600, True)

The company's obligations run from the agreement date ("the date hereof"), whenever
settlement runs: the copy of the warrant and the DWAC instruction before the close of
business that day, the original by the close of business of the next business day. Done
later is allowed, and says by how much (days late: whole or part days, rounded up).

>>> copy, dwac, original = closing_deadlines(terms)
>>> copy.due.isoformat(), original.due.date().isoformat()
('2002-03-12T17:00:00-08:00', '2002-03-13')
>>> late = dwac.lateness(dwac.due + timedelta(days=2, hours=3))
>>> late.obligation, late.days, late.seconds
('DWAC instruction', 3, 183600)
>>> dwac.lateness(dwac.due) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from closingdesk.domain.offering.deadlines import close_of_business
from closingdesk.domain.offering.terms import OfferingTerms

FEDERAL_RESERVE, NYSE = "XFED", "XNYS"
SATURDAY = 5
SECONDS_A_DAY = 86_400
WARRANT_COPY, DWAC_INSTRUCTION, ORIGINAL_WARRANT = (
    "warrant copy",
    "DWAC instruction",
    "original warrant",
)


@lru_cache(maxsize=256)
def _closed(market: str, year: int) -> frozenset[date]:
    """The holidays of one market in one year; kept, as the library builds them per year."""
    return frozenset(holidays.financial_holidays(market, years=year))


def _open(market: str, day: date) -> bool:
    return day.weekday() < SATURDAY and day not in _closed(market, day.year)


def is_business_day(day: date) -> bool:
    return _open(FEDERAL_RESERVE, day)


def is_trading_day(day: date) -> bool:
    return _open(NYSE, day)


def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    return _next_open(FEDERAL_RESERVE, day)


def next_trading_day(day: date) -> date:
    """The first trading day strictly after ``day``."""
    return _next_open(NYSE, day)


def _next_open(market: str, day: date) -> date:
    day += timedelta(days=1)
    while not _open(market, day):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    """``count`` business days after ``day`` (``count`` >= 0); zero gives ``day`` itself.

    >>> add_business_days(date(2026, 12, 23), 2)
    datetime.date(2026, 12, 28)
    """
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    for _ in range(count):
        day = next_business_day(day)
    return day


@dataclass(frozen=True)
class Late:
    """An obligation done after its deadline, and by how much."""

    obligation: str  # the deadline's name: "warrant copy", "DWAC instruction", ...
    due: datetime
    done_at: datetime
    seconds: int

    @property
    def days(self) -> int:
        """Days late, a part day counting as a whole one."""
        return -(-self.seconds // SECONDS_A_DAY)


@dataclass(frozen=True)
class Deadline:
    name: str
    due: datetime  # aware

    def lateness(self, done_at: datetime) -> Late | None:
        """How late ``done_at`` was, or None when it met the deadline."""
        seconds = int((done_at - self.due).total_seconds())
        return Late(self.name, self.due, done_at, seconds) if seconds > 0 else None

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds until the deadline; negative once it has passed."""
        return int((self.due - now).total_seconds())

    def missed(self, now: datetime, done_at: datetime | None = None) -> bool:
        """Done after the deadline, or not done and the deadline has passed."""
        return (done_at if done_at is not None else now) > self.due

    def overdue(self, now: datetime, done_at: datetime | None = None) -> bool:
        """Still not done, and the deadline has passed: someone must act now.

        >>> d = Deadline("original warrant", datetime(2002, 3, 14, 1, 0, tzinfo=ZoneInfo("UTC")))
        >>> d.overdue(d.due + timedelta(minutes=1)), d.overdue(d.due + timedelta(days=3), d.due)
        (True, False)
        """
        return done_at is None and now > self.due


def funding_deadline(terms: OfferingTerms) -> Deadline:
    """Each purchaser wires before the close of business on the agreement date."""
    return Deadline("funding", close_of_business(terms))


def original_warrant_deadline(closing_date: date, terms: OfferingTerms) -> Deadline:
    """The original warrant goes out by the close of business of the next business day."""
    day = next_business_day(closing_date)
    due = datetime.combine(day, terms.close_of_business, tzinfo=ZoneInfo(terms.timezone))
    return Deadline(ORIGINAL_WARRANT, due)


def closing_deadlines(terms: OfferingTerms) -> tuple[Deadline, Deadline, Deadline]:
    """The warrant copy, the DWAC instruction and the original, as the form dates them.

    All run from the agreement date, not from the day settlement happens to run."""
    today = close_of_business(terms)
    return (
        Deadline(WARRANT_COPY, today),
        Deadline(DWAC_INSTRUCTION, today),
        original_warrant_deadline(terms.agreement_date, terms),
    )


def dwac_cutoff(terms: OfferingTerms, now: datetime) -> datetime:
    """The time the transfer agent is asked to credit the shares by: the close of business
    on the agreement date or, when instructed later, the close of business that day (the
    next business day's, once that has passed or the day is not a business day).

    >>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
    >>> from datetime import UTC
    >>> dwac_cutoff(terms, datetime(2002, 3, 12, 16, 0, tzinfo=UTC)).isoformat()
    '2002-03-12T17:00:00-08:00'
    >>> dwac_cutoff(terms, datetime(2002, 3, 16, 2, 0, tzinfo=UTC)).isoformat()  # Fri 6 pm
    '2002-03-18T17:00:00-08:00'
    """
    zone = ZoneInfo(terms.timezone)
    agreed = close_of_business(terms)
    if now <= agreed:
        return agreed
    day = now.astimezone(zone).date()
    due = datetime.combine(day, terms.close_of_business, tzinfo=zone)
    if not is_business_day(day) or now > due:
        due = datetime.combine(next_business_day(day), terms.close_of_business, tzinfo=zone)
    return due
