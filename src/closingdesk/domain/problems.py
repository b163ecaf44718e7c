"""Problems and refusals.

A *problem* is something wrong with what a user gave us (a row of a book, a term, an
agreement text): a small record saying where and what, collected with the others so the
user sees every problem in one go. A *refusal* is the exception a service raises to turn a
request down; it carries the problems. Exceptions of any other kind are bugs.

>>> p = Problem(where="book.csv row 3, column shares", what="must be a positive whole number")
>>> str(p)
'book.csv row 3, column shares: must be a positive whole number'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" if self.where else self.what


def cell(source: str, row: int, column: str) -> str:
    """Where a value sits in a file: the header is row 1."""
    return f"{source} row {row}, column {column}"


class Refusal(Exception):
    """The request was turned down; nothing was changed. Exit status 1, HTTP 4xx."""

    default_message = "the request was refused"

    def __init__(self, message: str | None = None, problems: Iterable[Problem] = ()) -> None:
        self.message = message or self.default_message
        self.problems = tuple(problems)
        super().__init__(self.message)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message, *(f"  - {p}" for p in self.problems)]
        return "\n".join(lines)


class InvalidInput(Refusal):
    """A file, a term or a value given by the user is wrong (HTTP 422)."""

    default_message = "the input is invalid"


class NotFound(Refusal):
    """An offering, purchaser or document that does not exist (HTTP 404)."""

    default_message = "not found"


class Conflict(Refusal):
    """The request contradicts the state of the closing (HTTP 409)."""

    default_message = "the request conflicts with the state of the closing"
