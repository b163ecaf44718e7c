"""Settling: for every purchaser who is ready, the DWAC instruction and the warrant, in phases.

A purchaser is ready when both sides signed, exactly the Purchase Price came in, no
funding exception on their wires is open, and the transfer agent can act
(:mod:`closingdesk.domain.settlement.readiness`). A run goes in three phases, so that the
slow part (rendering and signing every PDF) holds no transaction and no lock:

1. **Decide**, in one short transaction under a lock on the offering and on the purchasers'
   rows: who is ready (decided inside it), the run, each purchaser's DWAC instruction and
   warrant number (``warrant_allocations``), ``shares_instructed``, and the
   ``settlement.run`` event listing them. From then on those purchasers are settling: never
   ready again, their money kept (a match, unmatch, refund or signature concerning them
   waited for this transaction, then sees it), their numbers never given again.
2. **Render and sign** the warrants, the DWAC letter, the CSV and the XLSX, outside any
   transaction (:mod:`closingdesk.services.settlement.settlement_attach`).
3. **Attach**, in short transactions: each chunk of warrants (documents, warrant rows,
   ``warrant_issued``, ``purchaser.settled``), then the letter, CSV and XLSX with the run
   marked complete (``settlement.completed``).

A settle stopped anywhere (a crash, a kill) leaves a run not complete: every settle first
resumes such runs of the offering, rendering and attaching only what is missing, with the
numbers decided; attaching skips what another settle attached meanwhile, and the unique
columns are the last guard. Mail goes out afterwards
(:mod:`closingdesk.services.settlement.deliveries`): a mail server is not a transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from closingdesk.adapters.store.settlement_repository import Allocation, SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.problems import InvalidInput
from closingdesk.domain.settlement.dwac_instruction import DwacInstructionRow, instruction_row
from closingdesk.domain.warrants.warrant_number import next_numbers
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.documents.approvals import Approval, approvals_on_file
from closingdesk.services.settlement.settlement_attach import (
    Decided,
    Settled,
    Signing,
    render_and_attach,
    signing_for,
)
from closingdesk.services.settlement.settlement_readiness import (
    NotReady,
    readiness,
    refuse_one_not_ready,
)

__all__ = ["Settled", "SettlementRun", "settle"]

STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"  # services.clock.stamp's form, read back to resume a run


@dataclasses.dataclass(frozen=True)
class SettlementRun:
    offering: Offering
    run_id: int | None  # None: nobody was ready and no run was resumed, nothing was written
    settled: tuple[Settled, ...]
    not_ready: tuple[NotReady, ...]
    already_settled: tuple[int, ...]


def settle(
    engine: Engine,
    *,
    offering: str | None,
    purchaser_id: int | None = None,
    actor: str,
    now: datetime,
    workers: int = 1,
    signatory: str | None = None,
    on_rendering: Callable[[], None] | None = None,
) -> SettlementRun:
    """Settle who is ready; the warrants and the letter are signed by ``signatory`` (an
    authorised signatory, by name or number; None: the actor's own, or the only one listed),
    in their signature blocks and with the offering's key (PAdES).

    A run left unfinished by an earlier settle is resumed first (with its own signatory and
    moment); its purchasers this call attached are reported with the new run's.
    ``on_rendering`` is called once a run is decided and committed, before its PDFs render
    (a test seam: the rows are unlocked then)."""
    signing = signing_for(engine, offering, signatory, actor=actor, now=now)
    resumed, resumed_id = _resume(engine, offering, actor=actor, now=now, workers=workers)
    found, decided, not_ready, already = _decide(
        engine, offering, purchaser_id, signing, actor=actor, now=now
    )
    if decided is None:
        run_id = resumed_id if resumed else None
        return SettlementRun(found, run_id, tuple(resumed), tuple(not_ready), tuple(already))
    settled = render_and_attach(
        engine, decided, signing, actor=actor, at=stamp(now), workers=workers, hook=on_rendering
    )
    run = (*resumed, *settled)
    return SettlementRun(found, decided.run_id, run, tuple(not_ready), tuple(already))


def _decide(
    engine: Engine,
    offering: str | None,
    purchaser_id: int | None,
    signing: Signing,
    *,
    actor: str,
    now: datetime,
) -> tuple[Offering, Decided | None, list[NotReady], list[int]]:
    """Phase 1: who is ready, their instructions and warrant numbers, in one short
    transaction (rows locked)."""
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = SettlementRepository(uow.connection)
        store.lock_offering(found.id)
        ready, not_ready, already = readiness(uow, found, purchaser_id=purchaser_id, lock=True)
        refuse_one_not_ready(purchaser_id, not_ready)
        if not ready:
            return found, None, not_ready, already
        terms = found.terms
        _legal_opinion(terms, approvals_on_file(uow.connection, found.id))
        day = now.astimezone(ZoneInfo(terms.timezone)).date()
        numbers = next_numbers(store.warrant_numbers(found.id), len(ready))
        rows = [
            instruction_row(p, terms, warrant_number=n, instructed_on=day)
            for p, n in zip(ready, numbers, strict=True)
        ]
        at = stamp(now)
        run_id = store.add_run(
            offering_id=found.id,
            run_at=at,
            run_by=actor,
            instructed_on=day.isoformat(),
            letter_document_id=None,  # attached once rendered (phase 3)
            csv_document_id=None,
            xlsx_document_id=None,
            completed_at=None,
            signer_name=signing.signer.name,
        )
        store.add_instructions([_instruction_row(found, r, run_id) for r in rows])
        store.add_allocations([_allocation_row(found, r, run_id) for r in rows])
        uow.purchasers.set_checklist([p.id for p in ready], "shares_instructed", done=True)
        payload = {
            "run_id": run_id,
            "settled": len(ready),
            "not_ready": len(not_ready),
            "purchasers": [_decided_json(r) for r in rows],
        }
        uow.events.append(
            at=at, actor=actor, entries=[("settlement.run", f"offering:{found.id}", payload)]
        )
        uow.commit()
    decided = Decided(found, run_id, now, day, tuple(zip(ready, rows, strict=True)))
    return found, decided, not_ready, already


def _resume(
    engine: Engine, offering: str | None, *, actor: str, now: datetime, workers: int
) -> tuple[list[Settled], int | None]:
    """Every run of the offering left unfinished, rendered and attached where missing: the
    purchasers this call attached, and the last run's id (None: none was unfinished)."""
    settled: list[Settled] = []
    last = None
    for decided, signer in _unfinished(engine, offering):
        signing = signing_for(engine, offering, signer, actor=actor, now=decided.now)
        settled += render_and_attach(
            engine, decided, signing, actor=actor, at=stamp(now), workers=workers, hook=None
        )
        last = decided.run_id
    return settled, last


def _unfinished(engine: Engine, offering: str | None) -> list[tuple[Decided, str | None]]:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        store = SettlementRepository(uow.connection)
        runs = store.unfinished_runs(found.id)
        if not runs:
            return []
        people = {p.id: p for p in uow.purchasers.list(found.id)}
        allocated = {run["id"]: store.allocations(run["id"]) for run in runs}
    found_runs = []
    for run in runs:
        day = date.fromisoformat(run["instructed_on"])
        moment = datetime.strptime(run["run_at"], STAMP).replace(tzinfo=UTC)
        pairs = tuple(
            (people[a.purchaser_id], _decided_row(people[a.purchaser_id], found.terms, a, day))
            for a in allocated[run["id"]]
        )
        done = frozenset(a.purchaser_id for a in allocated[run["id"]] if a.has_warrant)
        found_runs.append((Decided(found, run["id"], moment, day, pairs, done), run["signer_name"]))
    return found_runs


def _decided_row(
    purchaser: Purchaser, terms: OfferingTerms, allocation: Allocation, day: date
) -> DwacInstructionRow:
    """The row as the run decided it (its instruction and number), whatever changed since."""
    row = instruction_row(purchaser, terms, warrant_number=allocation.number, instructed_on=day)
    return dataclasses.replace(
        row,
        shares=allocation.shares,
        dtc_participant=allocation.dtc_participant,
        dtc_account=allocation.dtc_account,
        dtc_reference=allocation.dtc_reference,
        warrant_shares=allocation.warrant_shares,
    )


def _legal_opinion(terms: OfferingTerms, approvals: Sequence[Approval]) -> None:
    """The terms may require counsel's opinion in the transfer agent's package: no settling
    without it."""
    if terms.legal_opinion_required and all(a.kind != "legal-opinion" for a in approvals):
        raise InvalidInput(
            "the terms require a legal opinion for the transfer agent and none was uploaded; "
            "nothing was settled (closingdesk documents add-approval FILE --kind legal-opinion)"
        )


def _instruction_row(offering: Offering, row: DwacInstructionRow, run_id: int) -> dict[str, Any]:
    return {
        "offering_id": offering.id,
        "settlement_run_id": run_id,
        "purchaser_id": row.purchaser_id,
        "shares": row.shares,
        "dtc_participant": row.dtc_participant,
        "dtc_account": row.dtc_account,
        "dtc_reference": row.dtc_reference,
    }


def _allocation_row(offering: Offering, row: DwacInstructionRow, run_id: int) -> dict[str, Any]:
    return {
        "offering_id": offering.id,
        "settlement_run_id": run_id,
        "purchaser_id": row.purchaser_id,
        "number": row.warrant_number,
        "warrant_shares": row.warrant_shares,
    }


def _decided_json(row: DwacInstructionRow) -> dict[str, Any]:
    return {
        "purchaser_id": row.purchaser_id,
        "shares": row.shares,
        "warrant_number": row.warrant_number,
        "warrant_shares": row.warrant_shares,
    }
