"""The offering summary, computed once per change of the closing rather than per request.

Every change of state appends an event to the hash chain in the same transaction, so the
chain head (its sequence number and hash) names one version of the whole closing: while
the head has not moved, an offering's totals have not changed either. A dashboard polled by
fifty people then costs one small query each, not a scan of every purchaser.

The head is read *before* the summary is computed, in its own transaction: a summary kept
under a head is never older than that head, so a later change (a new head) always
recomputes it. Only ``seconds_left`` depends on the time; it is worked out on every call.

Known hole: ``agreements.draft_agreements`` ticks ``agreement_generated`` again without an
event when a purchaser's text did not change (after a book update had cleared it); until
it records that change, a summary read in between keeps the old count until the next event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from threading import Lock

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.deadlines import seconds_left
from closingdesk.services.deal_room import OfferingSummary, offering_summary

Head = tuple[int, str]


def chain_head(engine: Engine) -> Head:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.events.head()


class SummaryCache:
    """One process's summaries, one per offering reference (a slug or an id)."""

    def __init__(self) -> None:
        self._kept: dict[str | None, tuple[Head, OfferingSummary]] = {}
        self._lock = Lock()

    def summary(self, engine: Engine, *, offering: str | None, now: datetime) -> OfferingSummary:
        head = chain_head(engine)
        kept = self._kept.get(offering)
        if kept is not None and kept[0] == head:
            found = kept[1]
        else:
            # only offerings that exist are kept (an unknown one is refused here)
            found = offering_summary(engine, offering=offering, now=now)
            with self._lock:
                self._kept[offering] = (head, found)
        return replace(found, seconds_left=seconds_left(found.close_of_business, now))
