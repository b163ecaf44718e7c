"""The demo's terms: the seed's offering, with what settlement needs and the form leaves out.

The form names no CUSIP and no transfer agent; the demo supplies fictional ones (the CUSIP
has a valid check digit but belongs to no real security) and says so in its assumptions.
:func:`demo_terms` dates the agreement the day the demo runs, so its deadlines are
meaningful; :data:`DEMO_TERMS` keeps the seed's date (March 12, 2002) for the examples.

>>> from datetime import date
>>> demo_terms(date(2026, 12, 7)).agreement_date  # a Monday
datetime.date(2026, 12, 7)
>>> demo_terms(date(2026, 12, 6)).agreement_date  # a Sunday: the Friday before
datetime.date(2026, 12, 4)
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from closingdesk.domain.calendars import is_business_day
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress, OfferingTerms

DEMO_TRANSFER_AGENT = NoticeAddress(
    name="Example Stock Transfer & Trust Company",
    attention="DWAC Processing",
    title=None,
    address=("1 Registry Plaza, 12th Floor", "New York, NY 10004"),
    fax="(212) 555-0199",
    email="dwac@transfer-agent.example",
)

DEMO_TERMS: OfferingTerms = dataclasses.replace(
    NEOTHERAPEUTICS_2002,
    cusip="64099Z100",
    transfer_agent=DEMO_TRANSFER_AGENT,
    company_signer_name="Samuel Gulko",
    company_signer_title="Chief Financial Officer",
    assumptions=(
        *NEOTHERAPEUTICS_2002.assumptions,
        "CUSIP 64099Z100 is fictional (valid check digit): the form gives none",
        "the transfer agent is fictional: the form names none",
    ),
)


def demo_terms(today: date) -> OfferingTerms:
    """The demo's terms dated ``today`` (the day the demo runs, in the issuer's time zone);
    on a day the banks are closed, the business day before, since the Purchase Price is
    wired "prior to the close of business on the date hereof"."""
    day = today
    while not is_business_day(day):
        day -= timedelta(days=1)
    return dataclasses.replace(
        DEMO_TERMS,
        agreement_date=day,
        assumptions=(
            *DEMO_TERMS.assumptions,
            f"the agreement is dated {day.isoformat()}, the day the demo ran (the seed's"
            " is March 12, 2002)",
        ),
    )
