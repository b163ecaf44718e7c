"""BAI2 trailers: the control totals and record counts that close an account, group, file.

An account trailer (49) states the sum of every amount in its 03 and 16 records and how
many records (88 continuations included) the account has; a group trailer (98) the sum of
its account trailers, its number of accounts and records; the file trailer (99) the same
for its groups. A disagreement is a *total problem*: the caller decides whether it refuses
the file.

>>> account = Section(line=3, records=2, units=100000)
>>> _, totals = check_trailer(account, "123456,3", where="f line 5", level="account",
...     currency="USD")
>>> print(totals[0])
f line 5: account trailer total 1,234.56 but the details add up to 1,000.00
"""

from __future__ import annotations

from dataclasses import dataclass

from closingdesk.adapters.bank.amounts import from_minor_units, shown
from closingdesk.adapters.bank.bai2_detail import minor_units
from closingdesk.domain.problems import Problem

_COUNTED = {"account": None, "group": "account", "file": "group"}


@dataclass
class Section:
    """An account, group or file as read so far (a tally, changed as records come in)."""

    line: int  # of its header
    records: int = 0
    units: int = 0  # the amounts of its own records (an account's 03 and 16 records)
    children: int = 0
    children_total: int = 0  # what the trailers of its accounts or groups state
    stated: int | None = None  # what its own trailer states
    wrapped: int = 0  # text lines without the 88 prefix, which a trailer may count or not

    def add(self, child: Section) -> None:
        self.records += child.records
        self.wrapped += child.wrapped
        self.children += 1
        self.children_total += child.units if child.stated is None else child.stated


def check_trailer(
    section: Section, body: str, *, where: str, level: str, currency: str
) -> tuple[list[Problem], list[Problem]]:
    """(problems with the trailer itself, totals that disagree with what it closes)."""
    fields = [field.strip() for field in body.split(",")]
    names = ["control total", *([f"number of {_COUNTED[level]}s"] if _COUNTED[level] else [])]
    names.append("number of records")
    problems, numbers = [], []
    for name, text in zip(names, [*fields, *[""] * len(names)], strict=False):
        number = minor_units(text, signed=name == "control total") if text else None
        if text and number is None:
            problems.append(Problem(where, f"{level} trailer {name} {text!r} is not a number"))
        numbers.append(number)
    section.stated = numbers[0]
    return problems, _disagreements(section, numbers, where=where, level=level, currency=currency)


def _disagreements(
    section: Section, numbers: list[int | None], *, where: str, level: str, currency: str
) -> list[Problem]:
    found = []
    expected = section.units if level == "account" else section.children_total
    stated = numbers[0]
    if stated is not None and stated != expected:
        inside = "the details" if level == "account" else f"its {_COUNTED[level]} trailers"
        what = (
            f"{level} trailer total {shown(from_minor_units(stated, currency), currency)} "
            f"but {inside} add up to {shown(from_minor_units(expected, currency), currency)}"
        )
        found.append(Problem(where, what))
    counted = _COUNTED[level]
    if counted and numbers[1] is not None and numbers[1] != section.children:
        what = (
            f"{level} trailer says {numbers[1]} {counted}s but the {level} has {section.children}"
        )
        found.append(Problem(where, what))
    records = numbers[-1]
    if records is not None and records not in (section.records, section.records + section.wrapped):
        what = f"{level} trailer says {records} records but the {level} has {section.records}"
        found.append(Problem(where, what))
    return found
