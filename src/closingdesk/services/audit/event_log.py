"""The audit trail: listing the event log and proving it was not edited afterwards.

`audit verify` checks three things: the hash chain (each event's hash and the head), the
tables against the log replayed (domain.replay: a direct edit of the purchasers, bank
transactions, DWAC instructions or warrants tables is reported row by row), and, given a
checkpoint file, that the log still extends it (services.checkpoints).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import GENESIS, ChainBreak, ChainedEvent, first_break
from closingdesk.domain.audit.replay import Difference, differences, replay
from closingdesk.views.audit import replayed_tables


@dataclass(frozen=True)
class ChainVerdict:
    events: int
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def audit_log(engine: Engine, *, subject: str | None = None) -> list[ChainedEvent]:
    with UnitOfWork(engine, read_only=True) as uow:
        return list(uow.events.iter(subject=subject))


def verify_chain(engine: Engine) -> ChainVerdict:
    """Recompute every hash; the head row catches events removed from the end."""
    with UnitOfWork(engine, read_only=True) as uow:
        events = list(uow.events.iter())
        head_seq, head_hash = uow.events.head()
    broken = first_break(events)
    if broken is None:
        last_seq, last_hash = (events[-1].seq, events[-1].hash) if events else (0, GENESIS)
        if (last_seq, last_hash) != (head_seq, head_hash):
            broken = ChainBreak(
                last_seq + 1 if last_seq < head_seq else last_seq,
                f"the log ends at event {last_seq} but the chain head says {head_seq}",
            )
    return ChainVerdict(len(events), broken)


@dataclass(frozen=True)
class ReplayVerdict:
    differences: list[Difference]
    notes: list[str]  # what could not be replayed, and why

    @property
    def agrees(self) -> bool:
        return not self.differences


def verify_tables(engine: Engine) -> ReplayVerdict:
    """Every row of the purchasers, bank transactions, DWAC instructions and warrants tables
    that says something other than the events replayed, in one snapshot."""
    with UnitOfWork(engine, read_only=True) as uow:
        uow.read_at_one_instant()  # the log and the tables
        replayed = replay(uow.events.iter())
        purchasers, wires, settled = replayed_tables(uow)
    return ReplayVerdict(differences(replayed, purchasers, wires, settled), replayed.notes)
