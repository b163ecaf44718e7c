"""What the settlement page shows: the deadlines most urgent first, the purchasers ready and
not ready (every reason), and the settled ones a page at a time.

A large closing has thousands of warrants, each with its deadlines: the page lists the open
and missed ones first and counts the rest, so the one that needs a person is never buried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from closingdesk.domain.calendars import Late
from closingdesk.interfaces.web.filters import duration
from closingdesk.interfaces.web.paging import Paged
from closingdesk.services.settlement.settlement_readiness import NotReady
from closingdesk.services.settlement.settlement_view import (
    DeadlineView,
    SettledView,
    SettlementOverview,
)

DEADLINES_SHOWN = 50
NAMES_SHOWN = 200  # ready and not-ready purchasers listed; the rest are counted


@dataclass(frozen=True)
class DeadlineRow:
    deadline: DeadlineView
    due: datetime  # in the issuer's time zone

    @property
    def status(self) -> str:
        """'3 hours left', 'missed by 2 days', 'done', 'done 2 days late'."""
        d = self.deadline
        if d.done:
            return f"done {late_words(d.late)}" if d.late else "done"
        if d.missed or d.seconds_left <= 0:
            return f"missed by {duration(d.seconds_left)}"
        return f"{duration(d.seconds_left)} left"


@dataclass(frozen=True)
class SettlementPage:
    overview: SettlementOverview
    deadlines: tuple[DeadlineRow, ...]
    deadlines_total: int
    missed: int  # deadlines missed and still open
    ready: tuple[tuple[int, str], ...]
    not_ready: tuple[NotReady, ...]
    settled: Paged[SettledView]
    zone: ZoneInfo  # the issuer's

    def local(self, stamp: str) -> datetime:
        """A stored time (ISO 8601) in the issuer's time zone."""
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(self.zone)


def settlement_page(overview: SettlementOverview, *, page: int) -> SettlementPage:
    zone = ZoneInfo(overview.offering.terms.timezone)
    ordered = sorted(overview.deadlines, key=_urgency)
    return SettlementPage(
        overview,
        tuple(DeadlineRow(d, d.due.astimezone(zone)) for d in ordered[:DEADLINES_SHOWN]),
        len(ordered),
        sum(1 for d in ordered if d.missed and not d.done),
        overview.ready[:NAMES_SHOWN],
        overview.not_ready[:NAMES_SHOWN],
        Paged.of(overview.settled, page=page),
        zone,
    )


def late_words(late: Late) -> str:
    """'1 day late', '3 days late': part days count as whole ones, as the record says."""
    return f"{late.days} day{'' if late.days == 1 else 's'} late"


def _urgency(d: DeadlineView) -> tuple[int, datetime]:
    """Missed and open first, then open by due time, then done late, then done."""
    rank = (0 if d.missed else 1) if not d.done else (2 if d.missed else 3)
    return rank, d.due
