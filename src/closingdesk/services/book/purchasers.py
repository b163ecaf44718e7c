"""The purchaser book: importing it (all or nothing) and listing purchasers."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from closingdesk.adapters.book_files import read_book
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.book_merge import UPDATABLE, ImportPlan, NewPurchaser, plan_import
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.book.purchaser_book import name_key, validate_book
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Problem, cell
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp


@dataclass(frozen=True)
class BookImport:
    offering: Offering
    source: str
    created: int
    updated: int
    unchanged: int


def import_book(
    engine: Engine,
    path: Path,
    *,
    offering: str | None,
    actor: str,
    now: datetime,
    source: str | None = None,
) -> BookImport:
    """Import a CSV or XLSX book: every problem reported at once, nothing written if any.

    ``source`` names the file in problems and events (an upload's own name), by default
    the path as given.
    """
    raw = read_book(path, source=source)
    entries, problems = validate_book(raw.source, raw.header, raw.rows)
    columns = {h.strip().lower() for h in raw.header}
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        existing = {name_key(p.name): p for p in uow.purchasers.iter(found.id)}
        plan, merge_problems = plan_import(raw.source, entries, existing, columns=columns)
        problems = sorted([*problems, *merge_problems], key=_row_order)
        if problems:
            raise InvalidInput(f"{raw.source} was refused; nothing was imported", problems)
        at = stamp(now)
        _apply(uow, found, plan, raw.source, at=at)
        ids = uow.purchasers.ids_by_key(found.id) if plan.creates else {}
        payload = _import_event(found, raw.source, path, plan, ids)
        uow.events.append(
            at=at, actor=actor, entries=[("book.imported", f"offering:{found.id}", payload)]
        )
        uow.commit()
    return BookImport(found, raw.source, len(plan.creates), len(plan.updates), plan.unchanged)


def _row_order(problem: Any) -> tuple[int, str]:
    # "book.csv row 12, column shares" sorts by row number, then by the text
    where: str = problem.where
    marker = " row "
    if marker in where:
        number = where.split(marker, 1)[1].split(",", 1)[0]
        if number.isdigit():
            return int(number), where
    return 0, where


def _apply(uow: UnitOfWork, offering: Offering, plan: ImportPlan, source: str, *, at: str) -> None:
    """Add and change purchasers. Each change is written only if neither side has signed
    when it is written (a purchaser may sign while the book is read): one that was signed
    meanwhile refuses the whole import, and the unit of work undoes the rest."""
    try:
        uow.purchasers.add_many(
            NEW_COLUMNS, [_new_values(offering.id, n, at) for n in plan.creates]
        )
    except IntegrityError as error:  # the names are unique: another import added one meanwhile
        raise Conflict(
            f"{source} was refused; nothing was imported: another import added some of its "
            "purchasers at the same time; import it again to see what is still new"
        ) from error
    signed = uow.purchasers.update_unsigned(
        [
            {
                "id": u.purchaser.id,
                **_columns(u.changes),
                "agreement_generated": False,
                "updated_at": at,
            }
            for u in plan.updates
        ]
    )
    if signed:
        by_id = {u.purchaser.id: u for u in plan.updates}
        raise Conflict(
            f"{source} was refused; nothing was imported",
            [
                Problem(
                    cell(source, by_id[pid].entry.row, "name"),
                    f"purchaser {pid} ({by_id[pid].purchaser.name}) signed while the book was "
                    "being imported: a signed agreement binds, its purchaser cannot change",
                )
                for pid in signed
            ],
        )


# The order of _new_values: the name and its key, the book's other columns, the times.
NEW_COLUMNS = ("offering_id", "name", "name_key", *UPDATABLE, "created_at", "updated_at")


def _new_values(offering_id: int, new: NewPurchaser, at: str) -> tuple[Any, ...]:
    e = new.entry
    address = "\n".join(e.address) or None
    return (
        offering_id,
        e.name,
        new.key,
        e.shares,
        e.warrant_shares,
        e.email,
        e.attention,
        address,
        e.fax,
        e.dtc_participant,
        e.dtc_account,
        e.dtc_reference,
        e.signer_name,
        e.signer_title,
        at,
        at,
    )


def _columns(changes: Any) -> dict[str, Any]:
    return {
        column: ("\n".join(value) or None) if column == "address" else value
        for column, value in changes.items()
    }


def _payload_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _import_event(
    offering: Offering, source: str, path: Path, plan: ImportPlan, ids: dict[str, int]
) -> dict[str, Any]:
    """One event for the whole import, naming every purchaser it added or changed.

    One event rather than one per purchaser: a book can have 100,000 rows, and the import
    is one decision by one person.
    """
    return {
        "offering": offering.slug,
        "source": source,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "unchanged": plan.unchanged,
        "added": [
            {
                "id": ids[new.key],
                "row": new.entry.row,
                "name": new.entry.name,
                "shares": new.entry.shares,
                "warrant_shares": new.entry.warrant_shares,
            }
            for new in plan.creates
        ],
        "updated": [
            {
                "id": u.purchaser.id,
                "row": u.entry.row,
                "name": u.purchaser.name,
                "changes": {k: _payload_value(v) for k, v in u.changes.items()},
            }
            for u in plan.updates
        ],
    }


def list_purchasers(
    engine: Engine, *, offering: str | None, purchaser_id: int | None = None
) -> tuple[Offering, Sequence[Purchaser]]:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        purchasers = uow.purchasers.list(found.id, purchaser_id=purchaser_id)
    if purchaser_id is not None and not purchasers:
        raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
    return found, purchasers
