"""The audit trail: listing the event log and proving it was not edited afterwards."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.event_chain import GENESIS, ChainBreak, ChainedEvent, first_break


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
