"""Business days (Federal Reserve), trading days (NYSE) and the deadlines of a closing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closingdesk.domain.calendars import (
    Deadline,
    add_business_days,
    funding_deadline,
    is_business_day,
    is_trading_day,
    next_business_day,
    next_trading_day,
    original_warrant_deadline,
)
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as TERMS


@pytest.mark.parametrize(
    ("day", "business", "trading"),
    [
        (date(2026, 7, 2), date(2026, 7, 3), date(2026, 7, 6)),  # July 4 is a Saturday
        (date(2026, 11, 25), date(2026, 11, 27), date(2026, 11, 27)),  # Thanksgiving
        (date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 28)),  # Christmas, a Friday
        (date(2026, 3, 6), date(2026, 3, 9), date(2026, 3, 9)),  # Friday to Monday
        (date(2026, 7, 4), date(2026, 7, 6), date(2026, 7, 6)),  # from a Saturday
        (date(2026, 1, 16), date(2026, 1, 20), date(2026, 1, 20)),  # Martin Luther King Day
        (date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 6)),  # Good Friday
        (date(2026, 10, 9), date(2026, 10, 13), date(2026, 10, 12)),  # Columbus Day
        (date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 11)),  # Veterans Day
        (date(2022, 12, 30), date(2023, 1, 3), date(2023, 1, 3)),  # a Sunday New Year's Day
    ],
)
def test_the_next_business_and_trading_days_follow_the_fed_and_the_nyse(
    day: date, business: date, trading: date
) -> None:
    assert next_business_day(day) == business
    assert next_trading_day(day) == trading


def test_the_fed_is_open_on_good_friday_and_the_nyse_is_not() -> None:
    good_friday = date(2026, 4, 3)
    assert is_business_day(good_friday)
    assert not is_trading_day(good_friday)


def test_the_nyse_trades_on_columbus_day_and_the_fed_is_closed() -> None:
    columbus_day = date(2026, 10, 12)
    assert is_trading_day(columbus_day)
    assert not is_business_day(columbus_day)


def test_weekends_are_neither_business_nor_trading_days() -> None:
    for day in (date(2026, 7, 4), date(2026, 7, 5)):
        assert not is_business_day(day)
        assert not is_trading_day(day)


def test_adding_business_days_skips_weekends_and_holidays() -> None:
    assert add_business_days(date(2026, 11, 25), 0) == date(2026, 11, 25)
    assert add_business_days(date(2026, 11, 25), 2) == date(2026, 11, 30)
    assert add_business_days(date(2026, 12, 23), 3) == date(2026, 12, 29)


def test_adding_a_negative_number_of_business_days_is_a_bug() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        add_business_days(date(2026, 1, 5), -1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_the_next_business_day_is_the_first_business_day_after(day: date) -> None:
    found = next_business_day(day)
    assert found > day and is_business_day(found)
    between = (day + timedelta(days=n) for n in range(1, (found - day).days))
    assert not any(is_business_day(other) for other in between)


def test_funding_is_due_at_the_close_of_business_in_the_issuers_zone() -> None:
    deadline = funding_deadline(TERMS)
    assert deadline.due.isoformat() == "2002-03-12T17:00:00-08:00"
    assert deadline.name == "funding"


def test_the_original_warrant_is_due_at_the_close_of_the_next_business_day() -> None:
    assert original_warrant_deadline(date(2002, 3, 12), TERMS).due.isoformat() == (
        "2002-03-13T17:00:00-08:00"
    )


def test_an_original_warrant_due_after_a_weekend_follows_the_daylight_saving_change() -> None:
    # Daylight time starts on Sunday, March 8, 2026: Friday's closing is due Monday, PDT.
    due = original_warrant_deadline(date(2026, 3, 6), TERMS).due
    assert due.isoformat() == "2026-03-09T17:00:00-07:00"


def test_a_deadline_counts_the_seconds_left_and_goes_negative_once_passed() -> None:
    deadline = Deadline("funding", datetime(2002, 3, 13, 1, 0, tzinfo=UTC))
    assert deadline.seconds_left(datetime(2002, 3, 13, 0, 0, tzinfo=UTC)) == 3600
    assert deadline.seconds_left(datetime(2002, 3, 13, 1, 0, 30, tzinfo=UTC)) == -30


def test_a_deadline_is_missed_when_done_late_or_not_done_in_time() -> None:
    due = funding_deadline(TERMS).due
    deadline = Deadline("funding", due)
    before, after = due - timedelta(minutes=1), due + timedelta(minutes=1)
    assert not deadline.missed(before)
    assert deadline.missed(after)
    assert not deadline.missed(after, done_at=before)
    assert deadline.missed(after, done_at=after)
    assert not deadline.missed(due, done_at=due)  # on the stroke of the deadline is in time
