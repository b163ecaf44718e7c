"""A purchaser's own details and documents: what their page shows and lets them change.

The purchaser completes or corrects their DWAC instructions and notice block themselves;
once either side has signed, the agreement is binding and only the team can act.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.store.purchaser_details_repository import (
    StoredDocument,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.book.purchaser_details import (
    PRINTED,
    Value,
    changes_between,
    details_of,
    read_details,
)
from closingdesk.domain.checklist import is_signed
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.services.clock import stamp

SIGNED = (
    "your agreement has been signed, so your details can no longer be changed here; "
    "ask the placement agent to correct them"
)


@dataclass(frozen=True)
class DetailsUpdate:
    purchaser: Purchaser  # as it is now
    changes: Mapping[str, tuple[Value, Value]]  # field -> (before, after); empty: no change
    agreement_outdated: bool  # a printed value changed: the agreement must be drafted again


def update_purchaser_details(
    engine: Engine,
    purchaser_id: int,
    changes: Mapping[str, str],
    *,
    actor: str,
    now: datetime,
) -> DetailsUpdate:
    """Set the details given (field -> text as typed); every problem refused at once."""
    with UnitOfWork(engine) as uow:
        store = uow.purchaser_details
        store.lock(purchaser_id)
        current = uow.purchasers.get(purchaser_id)
        if current is None:
            raise NotFound(f"no purchaser {purchaser_id}")
        if is_signed(current.checklist):
            raise Conflict(SIGNED)
        values, problems = read_details(changes)
        if values is None:
            raise InvalidInput("some details need correcting; nothing was saved", problems)
        changed = changes_between(details_of(current), values)
        if not changed:
            return DetailsUpdate(current, {}, agreement_outdated=False)
        outdated = bool(PRINTED & changed.keys()) and current.checklist["agreement_generated"]
        at = stamp(now)
        columns: dict[str, object] = {n: _column(after) for n, (_, after) in changed.items()}
        if outdated:
            columns["agreement_generated"] = False
        if not store.update_unsigned(purchaser_id, {**columns, "updated_at": at}):
            raise Conflict(SIGNED)
        payload = _payload(changed, outdated)
        entry = ("purchaser.details_updated", f"purchaser:{purchaser_id}", payload)
        uow.events.append(at=at, actor=actor, entries=[entry])
        updated = uow.purchasers.get(purchaser_id)
        if updated is None:
            raise RuntimeError(f"purchaser {purchaser_id} vanished while being updated")
        uow.commit()
    return DetailsUpdate(updated, changed, agreement_outdated=outdated)


def latest_agreement(engine: Engine, purchaser_id: int) -> StoredDocument | None:
    """The purchaser's newest drafted agreement, or None before one is drafted."""
    with UnitOfWork(engine, read_only=True) as uow:
        store = uow.purchaser_details
        return store.latest_document(purchaser_id, kind="agreement", fmt="txt")


def _column(value: Value) -> str | None:
    """A value as the purchasers table stores it (address lines joined by newlines)."""
    if isinstance(value, tuple):
        return "\n".join(value) or None
    return value


def _json(value: Value) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _payload(changed: Mapping[str, tuple[Value, Value]], outdated: bool) -> dict[str, Any]:
    return {
        "changes": {
            name: {"before": _json(before), "after": _json(after)}
            for name, (before, after) in changed.items()
        },
        "agreement_outdated": outdated,
    }
