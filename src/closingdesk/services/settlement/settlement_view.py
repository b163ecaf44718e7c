"""Where settlement stands: who is ready and who is not (with every reason), what was
settled, and the deadlines with the time left, the missed ones flagged.

Deadlines: the funding deadline (close of business on the agreement date) while anyone is
unfunded; for each warrant, its copy and the DWAC instruction (close of business on the
agreement date) and its original (close of business on the next business day, Federal
Reserve calendar), all from the agreement date whenever settlement ran. Each obligation
done after its deadline says which and by how much (:class:`~closingdesk.domain.calendars.Late`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from closingdesk.adapters.store.settlement_repository import (
    InstructionRecord,
    SettlementRepository,
    WarrantRecord,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.calendars import Deadline, Late, closing_deadlines, funding_deadline
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.settlement.settlement_readiness import NotReady, readiness


@dataclass(frozen=True)
class DeadlineView:
    name: str  # "funding", "warrant copy", "original warrant"
    subject: str  # what it is about: "W-0001 (Alpha Fund)" or "3 purchasers unfunded"
    due: datetime
    seconds_left: int
    done: bool
    missed: bool
    late: Late | None = None  # done after the deadline: by how much


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
    original_missed: bool  # delivered after its deadline, or not yet and the deadline passed
    copy_sent_at: str | None = None
    instructed_at: str | None = None
    late: tuple[Late, ...] = ()  # each obligation done late: copy, DWAC instruction, original
    delivered_at: str | None = None  # the original's delivery, on the carrier's evidence
    signed_by: str | None = None  # the authorised signatory who signed the warrant
    original_signed_by: str | None = None
    original_overdue: bool = False  # not delivered, and its deadline has passed


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
        store = uow.settlements
        warrants = store.warrants(found.id)
        confirmed = {i.purchaser_id: i for i in store.instructions(found.id)}
        runs = tuple(dict(r) for r in store.runs(found.id))
        run_at = {int(r["id"]): str(r["run_at"]) for r in runs}
        copies = _first_copies(store, found.id)
        purchasers = {p.id: p for p in uow.purchasers.iter(found.id)}
    copy, dwac, original = closing_deadlines(found.terms)
    settled = tuple(
        _settled(
            w,
            purchasers[w.purchaser_id],
            confirmed[w.purchaser_id],
            copies,
            run_at,
            (copy, dwac),
            now,
        )
        for w in warrants
    )
    warrant_deadlines = _warrants(settled, (copy, dwac, original), now)
    deadlines = (*_funding(found, list(purchasers.values()), now), *warrant_deadlines)
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


def _first_copies(store: SettlementRepository, offering_id: int) -> dict[int, str]:
    """When each purchaser's warrant copy first went out (the server took it)."""
    sent: dict[int, str] = {}
    for d in store.deliveries(offering_id, kind="warrant_copy"):
        if d.status == "sent" and d.purchaser_id is not None:
            sent.setdefault(d.purchaser_id, d.sent_at)
    return sent


def _settled(
    w: WarrantRecord,
    purchaser: Purchaser,
    instruction: InstructionRecord,
    copies: dict[int, str],
    run_at: dict[int, str],
    same_day: tuple[Deadline, Deadline],
    now: datetime,
) -> SettledView:
    copy, dwac = same_day
    original = _original(w.original_due)  # judged on delivery, on the carrier's evidence
    done = (
        (copy, _moment(copies.get(w.purchaser_id))),
        (dwac, _moment(run_at.get(w.settlement_run_id))),
        (original, _moment(w.delivered_at)),
    )
    late = tuple(x for d, at in done if at is not None and (x := d.lateness(at)) is not None)
    return SettledView(
        w.purchaser_id,
        purchaser.name,
        purchaser.shares,
        w.number,
        w.shares,
        w.document_id,
        w.issue_date,
        w.original_due,
        w.dispatched_at,
        w.carrier,
        w.tracking,
        purchaser.checklist["warrant_copy_delivered"],
        instruction.confirmed_at is not None,
        instruction.confirmation_reference,
        original.missed(now, _moment(w.delivered_at)),
        copies.get(w.purchaser_id),
        run_at.get(w.settlement_run_id),
        late,
        w.delivered_at,
        f"{w.signer_name}, {w.signer_title}" if w.signer_name else None,
        w.original_signed_by,
        original.overdue(now, _moment(w.delivered_at)),
    )


def _warrants(
    settled: tuple[SettledView, ...], due: tuple[Deadline, Deadline, Deadline], now: datetime
) -> list[DeadlineView]:
    """Each warrant's three deadlines, with the lateness of what was done late."""
    copy, dwac, _ = due
    views: list[DeadlineView] = []
    for s in settled:
        subject = f"{s.warrant_number} ({s.name})"
        original = _original(s.original_due)
        for deadline, done_at in (
            (copy, _moment(s.copy_sent_at)),
            (dwac, _moment(s.instructed_at)),
            (original, _moment(s.delivered_at)),
        ):
            views.append(_deadline_view(deadline, subject, done_at, now))
    return views


def _deadline_view(
    deadline: Deadline, subject: str, done_at: datetime | None, now: datetime
) -> DeadlineView:
    return DeadlineView(
        deadline.name,
        subject,
        deadline.due,
        deadline.seconds_left(now),
        done_at is not None,
        deadline.missed(now, done_at),
        None if done_at is None else deadline.lateness(done_at),
    )
