"""A warrant: the holder's right to buy shares of common stock at the exercise price until expiry.

A warrant expires at 5:00 p.m. New York City time on its Termination Date, the anniversary
of its issue date ``years`` later (February 28 for a February 29 issue in a common year) or,
when the Termination Date is not a trading day (the New York Stock Exchange's calendar,
:mod:`closingdesk.domain.calendars`), on the next trading day; whatever the issuer's own time
zone, New York's daylight-saving rules decide the offset. The warrant's text says so.

>>> termination_date(date(2002, 1, 15), 5)  # Martin Luther King Day: the NYSE is closed
datetime.date(2007, 1, 15)
>>> warrant_expiry(date(2002, 1, 15), 5).isoformat()
'2007-01-16T17:00:00-05:00'
>>> warrant_expiry(date(2026, 12, 7), 5).isoformat()  # December 7, 2031 is a Sunday
'2031-12-08T17:00:00-05:00'

The seed's warrants, issued on March 12, 2002 (standard time), expire in daylight time:
from 2007 on, New York's daylight time starts on the second Sunday of March.

>>> warrant_expiry(date(2002, 3, 12), 5).isoformat()
'2007-03-12T17:00:00-04:00'
>>> warrant_expiry(date(2004, 2, 29), 5).date()  # February 28, 2009 is a Saturday
datetime.date(2009, 3, 2)
>>> expiry_words(warrant_expiry(date(2002, 3, 12), 5))
'5:00 p.m. (New York City time) on March 12, 2007'

The form of warrant (:mod:`closingdesk.domain.warrants.warrant_form`) filled for one warrant:

>>> warrant = WarrantData("Alpha Fund", None, 250_000, Decimal("2.75"), date(2002, 3, 12), 5,
...                       "NeoTherapeutics, Inc.", "California")
>>> text = warrant_text(warrant)
>>> "Warrant No.: to be assigned at closing" in text and "X = Y(A − B) / A" in text
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from closingdesk.domain.calendars import is_trading_day, next_trading_day
from closingdesk.domain.documents.agreement_form import AgreementData, written_date
from closingdesk.domain.documents.typeset import as_text
from closingdesk.domain.money import format_shares, format_usd
from closingdesk.domain.offering.terms import OfferingTerms, Signatory
from closingdesk.domain.warrants.warrant_form import WARRANT_FORM, ownership_limitation_text

NEW_YORK = "America/New_York"
EXPIRY_TIME = time(17, 0)
UNNUMBERED = "to be assigned at closing"


@dataclass(frozen=True)
class WarrantData:
    """One warrant's values, as the form of warrant prints them."""

    holder: str
    number: str | None  # None until the warrant is numbered at the closing
    shares: int
    exercise_price: Decimal
    issue_date: date
    years: int
    issuer: str
    governing_law: str  # a state: "California"
    ownership_limitation: bool = False  # the form's Section 8, as the terms choose
    signer: Signatory | None = None  # the officer who signs it; None: a form not yet signed

    @property
    def expiry(self) -> datetime:
        return warrant_expiry(self.issue_date, self.years)


def termination_date(issue_date: date, years: int) -> date:
    """The ``years``-th anniversary of ``issue_date``, whether or not a trading day."""
    year = issue_date.year + years
    try:
        return issue_date.replace(year=year)
    except ValueError:  # February 29 in a common year
        return date(year, 2, 28)


def warrant_expiry(issue_date: date, years: int) -> datetime:
    """5:00 p.m. New York City time on the Termination Date, or the next trading day."""
    day = termination_date(issue_date, years)
    if not is_trading_day(day):
        day = next_trading_day(day)
    return datetime.combine(day, EXPIRY_TIME, tzinfo=ZoneInfo(NEW_YORK))


def expiry_words(expiry: datetime) -> str:
    hour = expiry.hour % 12 or 12
    noon = "a.m." if expiry.hour < 12 else "p.m."
    when = f"{hour}:{expiry.minute:02d} {noon} (New York City time)"
    return f"{when} on {written_date(expiry.date())}"


def warrant_for_agreement(terms: OfferingTerms, data: AgreementData) -> WarrantData:
    """The warrant an agreement promises its purchaser (Exhibit A), not yet numbered."""
    return WarrantData(
        holder=data.purchaser_name,
        number=None,
        shares=data.warrant_shares,
        exercise_price=data.exercise_price,
        issue_date=terms.agreement_date,
        years=terms.warrant_years,
        issuer=terms.issuer_name,
        governing_law=terms.governing_law,
        ownership_limitation=terms.warrant_ownership_limitation,
    )


def warrant_context(warrant: WarrantData) -> dict[str, str]:
    """The form of warrant's fields filled from one warrant."""
    return {
        "holder": warrant.holder,
        "warrant_number": warrant.number or UNNUMBERED,
        "warrant_no": warrant.number or "_" * 12,  # in a sentence: a blank until numbered
        "warrant_shares": format_shares(warrant.shares),
        "exercise_price": format_usd(warrant.exercise_price),
        "exercise_price_per_share": f"{format_usd(warrant.exercise_price)} per share",
        "issue_date": written_date(warrant.issue_date),
        "expiry": expiry_words(warrant.expiry),
        "termination_date": written_date(termination_date(warrant.issue_date, warrant.years)),
        "issuer": warrant.issuer,
        "state": warrant.governing_law,
        "ownership_limitation": ownership_limitation_text(warrant.ownership_limitation),
        **signed_by(warrant.signer, prefix="warrant_"),
    }


def signed_by(signer: Signatory | None, *, prefix: str = "") -> dict[str, str]:
    """A company signature block's values: a conformed "/s/ Name", the name, the title.

    >>> signed_by(Signatory("Samuel Gulko", "Chief Financial Officer"))["signature"]
    '/s/ Samuel Gulko'
    """
    if signer is None:
        return {}
    return {
        f"{prefix}signature": f"/s/ {signer.name}",
        f"{prefix}signer_name": signer.name,
        f"{prefix}signer_title": signer.title,
    }


def warrant_text(warrant: WarrantData) -> str:
    """The filled form of warrant as plain text."""
    return as_text(WARRANT_FORM, warrant_context(warrant))
