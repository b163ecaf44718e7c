"""When an original warrant (or a faxed copy) was delivered: evidence of receipt, not sending.

Dispatching the original (`warrants dispatch`) records the carrier and tracking number: it
is sent. It is delivered when the carrier's delivery scan says so, entered one at a time
(`warrants delivered W-0001 --at 2002-03-13T10:15:00-05:00`) or imported from the carrier's
file (CSV: ``number, delivered_at`` and an optional ``evidence``; one bad row refuses the
file). The form's deadline for the original ("delivered to such address on the next
following business day") is judged on that instant: ``warrant_original_delivered`` is
done, and the event says whether it came late and by how much. A fax gateway's
confirmation of a copy is recorded the same way (``--copy``) on the copy sent by fax.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.store.settlement_repository import SettlementRepository, WarrantRecord
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.calendars import ORIGINAL_WARRANT, Deadline
from closingdesk.domain.problems import Conflict, InvalidInput, Problem, cell
from closingdesk.domain.warrants import warrant_number
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.settlement.lateness import late_json

COLUMNS = ("number", "delivered_at", "evidence")


@dataclass(frozen=True)
class Delivered:
    number: str  # the warrant's, W-0001
    delivered_at: datetime
    evidence: str  # the carrier's scan, the gateway's confirmation


@dataclass(frozen=True)
class DeliveryRecorded:
    number: str
    purchaser_id: int
    what: str  # "original" or "copy"
    delivered_at: str
    late: dict[str, Any] | None  # the original's lateness, when it came after its deadline


def parse_instant(text: str, where: str) -> datetime:
    """An ISO 8601 instant with its offset; a time without one is ambiguous, so refused."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            f"{where}: {text!r} is not a date and time (like 2002-03-13T10:15:00-05:00)"
        ) from None
    if moment.tzinfo is None:
        raise InvalidInput(f"{where}: {text!r} has no UTC offset (add one, like -05:00 or Z)")
    return moment


def read_carrier_file(path: Path) -> list[Delivered]:
    """The carrier's delivery file: number, delivered_at[, evidence]; every row checked."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InvalidInput(f"{path} cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{path} is not UTF-8 text ({error.reason})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not {"number", "delivered_at"} <= set(header):
        raise InvalidInput(
            f"{path} needs the columns number, delivered_at",
            [Problem(f"{path} row 1", f"the header is {', '.join(header) or 'empty'}")],
        )
    rows, problems = [], []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        number = row.get("number", "")
        if not warrant_number.is_valid(number):
            problems.append(Problem(cell(str(path), line, "number"), f"{number!r} is not W-0001"))
            continue
        try:
            at = parse_instant(row.get("delivered_at", ""), cell(str(path), line, "delivered_at"))
        except InvalidInput as bad:
            problems.append(Problem(cell(str(path), line, "delivered_at"), bad.message))
            continue
        evidence = row.get("evidence") or f"carrier delivery file {path.name}, row {line}"
        rows.append(Delivered(warrant_number.format(number), at, evidence))
    if problems:
        raise InvalidInput(f"{path} was refused; nothing was recorded", problems)
    return rows


def record_deliveries(
    engine: Engine,
    delivered: list[Delivered],
    *,
    copy: bool = False,
    offering: str | None,
    actor: str,
    now: datetime,
) -> list[DeliveryRecorded]:
    """Record each delivery (of the originals, or with ``copy`` of the faxed copies): all
    are checked before any is recorded."""
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = uow.settlements
        warrants = {w.number: w for w in store.warrants(found.id)}
        faxed = _faxed_copies(store, found.id) if copy else {}
        problems = [p for d in delivered for p in _check(d, warrants, faxed, copy, now)]
        if problems:
            raise Conflict("the deliveries were refused; nothing was recorded", problems)
        at = stamp(now)
        done, entries = [], []
        for d in delivered:
            warrant = warrants[d.number]
            if copy:
                store.set_delivered(faxed[warrant.purchaser_id], d.delivered_at, d.evidence)
                late = None
            else:
                store.set_dispatched(
                    warrant.id,
                    delivered_at=stamp(d.delivered_at),
                    delivered_by=actor,
                    delivery_evidence=d.evidence,
                )
                gap = _deadline(warrant).lateness(d.delivered_at)
                late = None if gap is None else late_json(gap)
            what = "copy" if copy else "original"
            done.append(
                DeliveryRecorded(d.number, warrant.purchaser_id, what, stamp(d.delivered_at), late)
            )
            payload = {
                "warrant_number": d.number,
                "delivered_at": stamp(d.delivered_at),
                "evidence": d.evidence,
                "due": None if copy else warrant.original_due,
                "late": late,
                "ticks": None if copy else "warrant_original_delivered",
            }
            entries.append(
                (f"warrant.{what}_delivered", f"purchaser:{warrant.purchaser_id}", payload)
            )
        if not copy:
            ids = [warrants[d.number].purchaser_id for d in delivered]
            uow.purchasers.set_checklist(ids, "warrant_original_delivered", done=True)
        uow.events.append(at=at, actor=actor, entries=entries)
        uow.commit()
    return done


def _deadline(warrant: WarrantRecord) -> Deadline:
    return Deadline(ORIGINAL_WARRANT, datetime.fromisoformat(warrant.original_due))


def _faxed_copies(store: SettlementRepository, offering_id: int) -> dict[int, int]:
    """The newest copy sent by fax to each purchaser: its delivery id."""
    faxed: dict[int, int] = {}
    for d in store.deliveries(offering_id, kind="warrant_copy"):
        if d.via == "fax" and d.status == "sent" and d.purchaser_id is not None:
            faxed[d.purchaser_id] = d.id
    return faxed


def _check(
    d: Delivered,
    warrants: dict[str, WarrantRecord],
    faxed: dict[int, int],
    copy: bool,
    now: datetime,
) -> list[Problem]:
    where = f"warrant {d.number}"
    warrant = warrants.get(d.number)
    if warrant is None:
        return [Problem(where, f"no warrant {d.number} in this offering")]
    if d.delivered_at > now:
        return [Problem(where, f"delivered at {d.delivered_at.isoformat()} is in the future")]
    if copy:
        if warrant.purchaser_id not in faxed:
            return [Problem(where, "no copy of it was sent by fax to confirm")]
        return []
    if warrant.dispatched_at is None:
        return [Problem(where, "the original was not dispatched: record `warrants dispatch` first")]
    if warrant.delivered_at is not None:
        return [
            Problem(where, f"the original's delivery was recorded already: {warrant.delivered_at}")
        ]
    if d.delivered_at < datetime.fromisoformat(warrant.dispatched_at.replace("Z", "+00:00")):
        return [Problem(where, f"delivered before it was dispatched ({warrant.dispatched_at})")]
    return []


def single(number: str, at: str, evidence: str | None) -> Delivered:
    """One delivery typed at the command line."""
    if not warrant_number.is_valid(number):
        raise InvalidInput(f"{number!r} is not a warrant number (like W-0001)")
    moment = parse_instant(at, "--at")
    compact = warrant_number.format(number)
    return Delivered(compact, moment, (evidence or "").strip() or "entered by hand")
