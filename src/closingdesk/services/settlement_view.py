"""Where settlement stands: who is ready and who is not (with every reason), what was
settled, and the deadlines with the time left, the missed ones flagged.

Deadlines: the funding deadline (close of business on the agreement date) while anyone is
unfunded; each warrant's copy (the settlement day) while undelivered; each original (close
of business on the next business day, Federal Reserve calendar) until dispatched, and
after, when it went late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.calendars import Deadline, funding_deadline
from closingdesk.domain.offering import Offering
from closingdesk.domain.purchaser import Purchaser
from closingdesk.services.offerings import resolve_offering
from closingdesk.services.settlement_readiness import NotReady, readiness


@dataclass(frozen=True)
class DeadlineView:
    name: str  # "funding", "warrant copy", "original warrant"
    subject: str  # what it is about: "W-0001 (Alpha Fund)" or "3 purchasers unfunded"
    due: datetime
    seconds_left: int
    done: bool
    missed: bool


@dataclass(frozen=True)
class SettledView:
    purchaser_id: int
    name: str
    shares: int
    warrant_number: str
    warrant_shares: int
    document_id: int
    issue_date: str
    original_due: str
    dispatched_at: str | None
    carrier: str | None
    tracking: str | None
    copy_delivered: bool
    shares_confirmed: bool
    confirmation_reference: str | None
    original_missed: bool  # dispatched after its deadline, or not yet and the deadline passed


@dataclass(frozen=True)
class SettlementOverview:
    offering: Offering
    ready: tuple[tuple[int, str], ...]
    not_ready: tuple[NotReady, ...]
    settled: tuple[SettledView, ...]
    deadlines: tuple[DeadlineView, ...]
    runs: tuple[dict[str, object], ...]


def settlement_overview(
    engine: Engine, *, offering: str | None, now: datetime
) -> SettlementOverview:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        ready, not_ready, _ = readiness(uow, found)
        store = SettlementRepository(uow.connection)
        warrants = store.warrants(found.id)
        confirmed = {i.purchaser_id: i for i in store.instructions(found.id)}
        runs = tuple(dict(r) for r in store.runs(found.id))
        purchasers = {p.id: p for p in uow.purchasers.iter(found.id)}
    settled = tuple(
        SettledView(
            w.purchaser_id,
            purchasers[w.purchaser_id].name,
            purchasers[w.purchaser_id].shares,
            w.number,
            w.shares,
            w.document_id,
            w.issue_date,
            w.original_due,
            w.dispatched_at,
            w.carrier,
            w.tracking,
            purchasers[w.purchaser_id].checklist["warrant_copy_delivered"],
            confirmed[w.purchaser_id].confirmed_at is not None,
            confirmed[w.purchaser_id].confirmation_reference,
            _original(w.original_due).missed(now, _moment(w.dispatched_at)),
        )
        for w in warrants
    )
    deadlines = (*_funding(found, list(purchasers.values()), now), *_warrants(found, settled, now))
    return SettlementOverview(
        found,
        tuple((p.id, p.name) for p in ready),
        tuple(not_ready),
        settled,
        tuple(deadlines),
        runs,
    )


def _original(due: str) -> Deadline:
    return Deadline("original warrant", datetime.fromisoformat(due))


def _moment(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp) if stamp else None


def _funding(offering: Offering, purchasers: list[Purchaser], now: datetime) -> list[DeadlineView]:
    unfunded = sum(1 for p in purchasers if not p.checklist["funded"])
    deadline = funding_deadline(offering.terms)
    subject = f"{unfunded} of {len(purchasers)} purchasers not funded" if unfunded else "all funded"
    return [
        DeadlineView(
            "funding",
            subject,
            deadline.due,
            deadline.seconds_left(now),
            unfunded == 0,
            unfunded > 0 and deadline.missed(now),
        )
    ]


def _warrants(
    offering: Offering, settled: tuple[SettledView, ...], now: datetime
) -> list[DeadlineView]:
    zone = ZoneInfo(offering.terms.timezone)
    views: list[DeadlineView] = []
    for s in settled:
        subject = f"{s.warrant_number} ({s.name})"
        original = _original(s.original_due)
        views.append(
            DeadlineView(
                original.name,
                subject,
                original.due,
                original.seconds_left(now),
                s.dispatched_at is not None,
                s.original_missed,
            )
        )
        if not s.copy_delivered:  # the copy is due on the day the warrant was issued
            day_end = datetime.combine(date.fromisoformat(s.issue_date), time(23, 59, 59), zone)
            views.append(
                DeadlineView(
                    "warrant copy",
                    subject,
                    day_end,
                    int((day_end - now).total_seconds()),
                    False,
                    now > day_end,
                )
            )
    return views
