"""The close of business: the moment on the agreement date by which each purchaser must wire.

It is a wall-clock time in the issuer's time zone, so it is turned into an aware datetime
here, with the zone's own daylight-saving rules.

>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> close_of_business(terms).isoformat()
'2002-03-12T17:00:00-08:00'
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from closingdesk.domain.offering.terms import OfferingTerms


def close_of_business(terms: OfferingTerms) -> datetime:
    zone = ZoneInfo(terms.timezone)
    return datetime.combine(terms.agreement_date, terms.close_of_business, tzinfo=zone)


def seconds_left(deadline: datetime, now: datetime) -> int:
    """Whole seconds until the deadline; negative once it has passed."""
    return int((deadline - now).total_seconds())
