"""What comes back after settling: the transfer agent's confirmations and the originals sent.

`confirm_shares` records that the transfer agent credited a purchaser's shares through DWAC
(`shares_confirmed`), from its file or one at a time; a file is checked whole first, and
one wrong row refuses it all. `dispatch_original` records the original warrant's dispatch
and who signed it, and says whether it went after its deadline; its delivery is recorded
apart, on the carrier's evidence (:mod:`closingdesk.services.settlement.original_deliveries`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.store.settlement_repository import (
    InstructionRecord,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.calendars import Deadline
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Problem, cell
from closingdesk.domain.text_safety import refuse_unsafe
from closingdesk.domain.warrants import warrant_number
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.signing.signatories import company_signatory

CONFIRMATION_COLUMNS = ("purchaser_id", "shares", "reference")


@dataclass(frozen=True)
class Confirmation:
    purchaser_id: int
    shares: int
    reference: str | None


@dataclass(frozen=True)
class Dispatch:
    number: str
    purchaser_id: int
    due: str
    dispatched_at: str
    late: bool
    signed_by: str = ""  # "Name, Title": the authorised signatory who signed the original


def read_confirmations(path: Path, *, source: str | None = None) -> list[Confirmation]:
    """The transfer agent's file: purchaser_id, shares, reference (header row first)."""
    name = source or str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{name} is not UTF-8 text ({error.reason})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in CONFIRMATION_COLUMNS[:2] if c not in header]
    if missing:
        raise InvalidInput(
            f"{name} has no column {', '.join(missing)}",
            [Problem(f"{name} row 1", f"the header needs {', '.join(CONFIRMATION_COLUMNS)}")],
        )
    rows, problems = [], []
    for number, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        ids = [row.get(c, "") for c in CONFIRMATION_COLUMNS[:2]]
        bad = [c for c, v in zip(CONFIRMATION_COLUMNS, ids, strict=False) if not v.isdigit()]
        problems += [Problem(cell(name, number, c), "must be a whole number") for c in bad]
        if not bad:
            rows.append(Confirmation(int(ids[0]), int(ids[1]), row.get("reference") or None))
    if problems:
        raise InvalidInput(f"{name} was refused; nothing was recorded", problems)
    return rows


def confirm_shares(
    engine: Engine,
    confirmations: list[Confirmation],
    *,
    offering: str | None,
    actor: str,
    now: datetime,
    source: str = "",
) -> list[int]:
    """Record each credit the transfer agent confirmed; all rows are checked before any is."""
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = uow.settlements
        # held until the commit: a second confirmation at the same time waits, then is refused
        instructed = {i.purchaser_id: i for i in store.instructions(found.id, lock=True)}
        problems = [
            p
            for n, c in enumerate(confirmations, start=2)
            for p in _check(c, instructed.get(c.purchaser_id), source, n)
        ]
        if problems:  # they contradict what was instructed: a conflict, not a malformed file
            raise Conflict("the confirmations were refused; nothing was recorded", problems)
        at = stamp(now)
        for c in confirmations:
            if not store.confirm(c.purchaser_id, at=at, by=actor, reference=c.reference):
                raise Conflict(
                    "the confirmations were refused; nothing was recorded",
                    [
                        Problem(
                            f"purchaser {c.purchaser_id}",
                            "the credit was already confirmed (twice in this file, or by "
                            "another confirmation at the same time)",
                        )
                    ],
                )
        ids = [c.purchaser_id for c in confirmations]
        uow.purchasers.set_checklist(ids, "shares_confirmed", done=True)
        uow.events.append(
            at=at,
            actor=actor,
            entries=[
                (
                    "shares.confirmed",
                    f"purchaser:{c.purchaser_id}",
                    {"shares": c.shares, "reference": c.reference, "source": source or None},
                )
                for c in confirmations
            ],
        )
        uow.commit()
    return ids


def _check(
    c: Confirmation, instruction: InstructionRecord | None, source: str, row: int
) -> list[Problem]:
    where = f"{source} row {row}" if source else f"purchaser {c.purchaser_id}"
    if instruction is None:
        return [Problem(where, f"purchaser {c.purchaser_id} has no DWAC instruction to confirm")]
    if instruction.confirmed_at is not None:
        return [
            Problem(
                where,
                f"purchaser {c.purchaser_id}'s credit was already confirmed "
                f"({instruction.confirmation_reference or 'no reference'})",
            )
        ]
    if c.shares != instruction.shares:
        return [
            Problem(
                where, f"confirms {c.shares:,} shares but {instruction.shares:,} were instructed"
            )
        ]
    return []


def dispatch_original(
    engine: Engine,
    number: str,
    *,
    carrier: str,
    tracking: str,
    offering: str | None,
    actor: str,
    now: datetime,
    signatory: str | None = None,
) -> Dispatch:
    """Record the original's dispatch and who signed it (an authorised signatory: by name or
    number; None: the actor's own or the only one listed)."""
    if not warrant_number.is_valid(number):
        raise InvalidInput(f"{number!r} is not a warrant number (like W-0001)")
    if not carrier.strip() or not tracking.strip():
        raise InvalidInput("a dispatch needs the carrier and the tracking number")
    refuse_unsafe({"carrier": carrier, "tracking": tracking})
    compact = warrant_number.format(number)
    signer = company_signatory(engine, offering, signatory, actor=actor, only_one=True)
    signed_by = f"{signer.name}, {signer.title}"
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = uow.settlements
        warrant = store.warrant(found.id, compact)
        if warrant is None:
            raise NotFound(f"no warrant {compact} in offering {found.slug}")
        if warrant.dispatched_at is not None:
            raise Conflict(
                f"the original of {compact} was dispatched at {warrant.dispatched_at} "
                f"({warrant.carrier} {warrant.tracking})"
            )
        at = stamp(now)
        store.set_dispatched(
            warrant.id,
            dispatched_at=at,
            dispatched_by=actor,
            carrier=carrier.strip(),
            tracking=tracking.strip(),
            original_signed_by=signed_by,
        )
        # warrant_original_delivered waits for the carrier's evidence of delivery
        # (closingdesk.services.settlement.original_deliveries): sent is not delivered
        late = Deadline("original warrant", datetime.fromisoformat(warrant.original_due)).missed(
            now
        )
        uow.events.append(
            at=at,
            actor=actor,
            entries=[
                (
                    "warrant.original_dispatched",
                    f"purchaser:{warrant.purchaser_id}",
                    {
                        "warrant_number": compact,
                        "carrier": carrier.strip(),
                        "tracking": tracking.strip(),
                        "due": warrant.original_due,
                        "late": late,
                        "signed_by": signed_by,
                        "ticks": None,  # delivery, not dispatch, completes the original
                    },
                )
            ],
        )
        uow.commit()
    return Dispatch(compact, warrant.purchaser_id, warrant.original_due, at, late, signed_by)
