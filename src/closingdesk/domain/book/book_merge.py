"""Merging a validated book into an offering: who is new, who changes, who may not.

A row whose name is spelled exactly like an existing purchaser's updates that purchaser,
unless either side has signed (the agreement is then binding). A row whose name differs
from an existing purchaser's only in case or spacing is a duplicate, not an update: the
user must say which spelling they mean. Optional columns missing from the file leave the
existing values as they are; present but empty clears them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.book.purchaser_book import BOOK_COLUMNS, BookEntry, name_key
from closingdesk.domain.checklist import is_signed
from closingdesk.domain.problems import Problem, cell

# The book's columns that an import may change on an existing purchaser: all but the name.
UPDATABLE = tuple(column for column in BOOK_COLUMNS if column != "name")


@dataclass(frozen=True)
class Update:
    purchaser: Purchaser
    entry: BookEntry
    changes: Mapping[str, object]  # column -> new value, only what differs


class NewPurchaser(NamedTuple):
    """A row that adds a purchaser (a NamedTuple: a book can have 100,000 of them)."""

    key: str  # the name key, computed once
    entry: BookEntry


@dataclass(frozen=True)
class ImportPlan:
    creates: Sequence[NewPurchaser]
    updates: Sequence[Update]
    unchanged: int


def plan_import(
    source: str,
    entries: Sequence[BookEntry],
    existing: Mapping[str, Purchaser],
    *,
    columns: Collection[str],
) -> tuple[ImportPlan, list[Problem]]:
    """``existing`` maps name keys to purchasers; ``columns`` are the file's columns."""
    creates: list[NewPurchaser] = []
    updates: list[Update] = []
    problems: list[Problem] = []
    unchanged = 0
    for entry in entries:
        key = name_key(entry.name)
        current = existing.get(key)
        if current is None:
            creates.append(NewPurchaser(key, entry))
            continue
        if current.name != entry.name:
            problems.append(_spelled_differently(source, entry, current))
            continue
        changes = _changes(current, entry, columns)
        if not changes:
            unchanged += 1
        elif is_signed(current.checklist):
            problems.append(_signed(source, entry, current, changes))
        else:
            updates.append(Update(current, entry, changes))
    return ImportPlan(creates, updates, unchanged), problems


def _value_of(purchaser: Purchaser, column: str) -> object:
    if column == "warrant_shares":
        return purchaser.warrant_shares_override
    return getattr(purchaser, column)


def _changes(current: Purchaser, entry: BookEntry, columns: Collection[str]) -> dict[str, object]:
    changes: dict[str, object] = {}
    for column in UPDATABLE:
        if column in columns and getattr(entry, column) != _value_of(current, column):
            changes[column] = getattr(entry, column)
    return changes


def _spelled_differently(source: str, entry: BookEntry, current: Purchaser) -> Problem:
    return Problem(
        cell(source, entry.row, "name"),
        f"{entry.name!r} duplicates the existing purchaser {current.name!r} (id {current.id});"
        " spell it exactly the same to update them",
    )


def _signed(
    source: str, entry: BookEntry, current: Purchaser, changes: Mapping[str, object]
) -> Problem:
    changed = ", ".join(changes)
    return Problem(
        cell(source, entry.row, "name"),
        f"purchaser {current.name!r} (id {current.id}) has signed; the book can no longer"
        f" change their {changed}",
    )
