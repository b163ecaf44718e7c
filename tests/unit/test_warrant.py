"""The warrant: its expiry in New York time, and a form that says everything it must."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from closingdesk.domain.warrants.warrant import (
    WarrantData,
    termination_date,
    warrant_expiry,
    warrant_text,
)

ALPHA = WarrantData(
    holder="Alpha Fund",
    number=None,
    shares=250_000,
    exercise_price=Decimal("2.75"),
    issue_date=date(2002, 3, 12),
    years=5,
    issuer="NeoTherapeutics, Inc.",
    governing_law="California",
)


def test_a_warrant_expires_at_five_pm_new_york_time_on_the_fifth_anniversary() -> None:
    expiry = warrant_expiry(date(2002, 3, 12), 5)
    assert (expiry.date(), expiry.hour, expiry.minute) == (date(2007, 3, 12), 17, 0)
    assert str(expiry.tzinfo) == "America/New_York"


@pytest.mark.parametrize(
    ("issued", "in_utc"),
    [
        (date(2002, 1, 16), datetime(2007, 1, 16, 22, 0, tzinfo=UTC)),  # EST, UTC-5
        (date(2002, 7, 2), datetime(2007, 7, 2, 21, 0, tzinfo=UTC)),  # EDT, UTC-4
        (date(2002, 3, 12), datetime(2007, 3, 12, 21, 0, tzinfo=UTC)),  # EDT since 2007-03-11
        (date(2001, 3, 10), datetime(2006, 3, 10, 22, 0, tzinfo=UTC)),  # EST until 2006-04-02
        (date(2019, 11, 1), datetime(2024, 11, 1, 21, 0, tzinfo=UTC)),  # EDT until 2024-11-03
    ],
)
def test_the_expiry_follows_new_yorks_daylight_saving_time(issued: date, in_utc: datetime) -> None:
    assert warrant_expiry(issued, 5) == in_utc


def test_a_warrant_issued_on_february_29_terminates_on_february_28() -> None:
    assert termination_date(date(2004, 2, 29), 5) == date(2009, 2, 28)
    assert warrant_expiry(date(2004, 2, 29), 4).date() == date(2008, 2, 29)  # a Friday


@pytest.mark.parametrize(
    ("issued", "expires"),
    [
        # the demo's case: December 7, 2031 is a Sunday
        (date(2026, 12, 7), datetime(2031, 12, 8, 22, 0, tzinfo=UTC)),
        # February 28, 2009 is a Saturday: the next trading day is Monday, March 2
        (date(2004, 2, 29), datetime(2009, 3, 2, 22, 0, tzinfo=UTC)),
        # January 15, 2007 is Martin Luther King Day, a Monday: the NYSE is closed
        (date(2002, 1, 15), datetime(2007, 1, 16, 22, 0, tzinfo=UTC)),
        # April 6, 2007 is Good Friday: the NYSE is closed (the Fed is open)
        (date(2002, 4, 6), datetime(2007, 4, 9, 21, 0, tzinfo=UTC)),
        # November 11, 2030 is Veterans Day, a Monday: the NYSE trades
        (date(2025, 11, 11), datetime(2030, 11, 11, 22, 0, tzinfo=UTC)),
    ],
)
def test_a_termination_date_that_is_not_a_trading_day_rolls_to_the_next_one(
    issued: date, expires: datetime
) -> None:
    assert warrant_expiry(issued, 5) == expires


def test_the_warrant_text_states_the_expiry_rule_and_the_instant_it_gives() -> None:
    text = " ".join(warrant_text(replace(ALPHA, issue_date=date(2026, 12, 7))).split())
    assert "until 5:00 p.m., New York City time, on December 7, 2031" in text
    assert "if the Termination Date is not a trading day" in text
    assert "on the next trading day" in text
    assert "5:00 p.m. (New York City time) on December 8, 2031" in text


def test_the_warrant_form_states_every_element_it_must() -> None:
    text = warrant_text(ALPHA)
    for element in (
        "COMMON STOCK PURCHASE WARRANT",
        "Holder: Alpha Fund",
        "Warrant No.: to be assigned at closing",
        "Warrant Shares: 250,000",
        "Exercise Price: $2.75 per share",
        "Issue Date: March 12, 2002",
        "Expiration Time: 5:00 p.m. (New York City time) on March 12, 2007",
        "Notice of Exercise",
        "ANNEX 1",
        "in cash, by wire transfer",
        "no registration statement covering the issuance of the Warrant Shares",
        "X = Y(A − B) / A",
        "X = the number of Warrant Shares issued to the Holder",
        "Y = the number of Warrant Shares for which this Warrant is being exercised",
        "A = the closing price of one share of Common Stock",
        "B = the Exercise Price",
        "stock split",
        "combines its outstanding Common Stock into a smaller number of shares",
        "pays a dividend or makes a distribution on its Common Stock in shares of Common Stock",
        "the number of Warrant Shares is multiplied, and the Exercise Price divided",
        "3. Transfer",
        "internal laws of the State of California",
    ):
        assert element in text, element


def test_a_numbered_warrant_prints_its_number_everywhere() -> None:
    text = warrant_text(replace(ALPHA, number="W-0007"))
    assert "Warrant No.: W-0007" in text and "Warrant No. W-0007 for" in text
    assert "to be assigned" not in text
