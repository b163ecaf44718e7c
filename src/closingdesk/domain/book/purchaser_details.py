"""A purchaser's own details: the DWAC instructions and notice block they may give themselves.

A purchaser completes or corrects these on their own page. The values are read exactly as
the purchaser book reads them (one row of a book, through :func:`~.book.validate_book`),
so the page and the book can never disagree on what a valid DTC participant or e-mail
address is. Problems are keyed by field, so a form can show each next to its input.

>>> details, problems = read_details({"dtc_participant": "226", "email": "not an address"})
>>> details is None
True
>>> [(p.where, p.what.split(":")[0]) for p in problems]
[('email', 'is not a valid email address')]
>>> details, _ = read_details({"dtc_participant": " 226 ", "address": "1 Main St | Boston"})
>>> details["dtc_participant"], details["address"]
('0226', ('1 Main St', 'Boston'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.book.purchaser_book import validate_book
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.problems import Problem, cell

# What a purchaser may change on their own page, in the order the form shows it.
EDITABLE: tuple[str, ...] = (
    "dtc_participant",
    "dtc_account",
    "dtc_reference",
    "attention",
    "address",
    "fax",
    "email",
)
# The editable values the agreement prints: changing one means drafting it again.
PRINTED: frozenset[str] = frozenset(EDITABLE) & {f.name for f in fields(AgreementData)}
# A form is not a file: no value a person types is longer than this.
MAX_LENGTH = 500

Value = str | tuple[str, ...] | None
_SOURCE = "details"
_ROW = 2  # the one row after the header


def read_details(form: Mapping[str, str]) -> tuple[dict[str, Value] | None, list[Problem]]:
    """The values of the fields given, or None and every problem (``where`` is the field)."""
    problems = [Problem(name, "is not a detail you can change here") for name in form]
    problems = [p for p in problems if p.where not in EDITABLE]
    problems += [
        Problem(name, f"is too long: at most {MAX_LENGTH} characters")
        for name, text in form.items()
        if name in EDITABLE and len(text) > MAX_LENGTH
    ]
    names = [name for name in EDITABLE if name in form]
    header = ["name", "shares", *names]
    entries, book_problems = validate_book(
        _SOURCE, header, [(_ROW, ["-", "1", *(form[name] for name in names)])]
    )
    problems += [_by_field(problem) for problem in book_problems]
    if problems or not entries:
        return None, sorted(problems, key=lambda p: (_order(p.where), p.where))
    return {name: getattr(entries[0], name) for name in names}, []


def details_of(purchaser: Purchaser) -> dict[str, Value]:
    return {name: getattr(purchaser, name) for name in EDITABLE}


def changes_between(
    before: Mapping[str, Value], after: Mapping[str, Value]
) -> dict[str, tuple[Value, Value]]:
    """field -> (before, after), for the fields of ``after`` whose value differs."""
    return {name: (before[name], value) for name, value in after.items() if before[name] != value}


def as_text(value: Value) -> str:
    """A value as a form shows it: address lines one a line, nothing for an empty value."""
    if isinstance(value, tuple):
        return "\n".join(value)
    return value or ""


def _by_field(problem: Problem) -> Problem:
    prefix = cell(_SOURCE, _ROW, "")
    return Problem(problem.where.removeprefix(prefix), problem.what)


def _order(name: str) -> int:
    return EDITABLE.index(name) if name in EDITABLE else len(EDITABLE)
