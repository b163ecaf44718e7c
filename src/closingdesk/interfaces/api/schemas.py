"""What every API resource shares: money as strings, refusals, and the documented errors.

Money in JSON is a string with two decimals (``"1000000.00"``), share counts are integers:

>>> from pydantic import TypeAdapter
>>> TypeAdapter(Money).dump_python(Decimal("2000000"), mode="json")
'2000000.00'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import BaseModel, PlainSerializer, RootModel, WithJsonSchema

from closingdesk.domain.money import to_cents_string
from closingdesk.domain.text_safety import refused_class

MONEY_PATTERN = r"^-?[0-9]+\.[0-9]{2}$"

Money = Annotated[
    Decimal,
    PlainSerializer(to_cents_string, return_type=str),
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN, "examples": ["1000000.00"]}),
]


# Path and query parameters: bounded so that every value reaches a service as a valid
# database parameter (ids fit an INTEGER column; no NUL byte, which PostgreSQL refuses).
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Slug = Annotated[str, Path(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]
PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]
# One line of safe text: none of the characters the domain refuses (controls, line breaks,
# bidirectional and other format characters: closingdesk.domain.text_safety), no NUL (which
# PostgreSQL refuses), so a value the schema allows is never refused for its characters.
_REFUSED = refused_class()
NO_NUL = rf"^[^{_REFUSED}]*$"
# Text that must say something: one character at least that is not a space.
VISIBLE = rf"^[^{_REFUSED}]*[^\s{_REFUSED}][^{_REFUSED}]*$"


class HealthPublic(BaseModel):
    status: str


class ProblemPublic(BaseModel):
    where: str
    what: str


class RefusalPublic(BaseModel):
    """A refused request: what was refused, and every problem found (where and what)."""

    detail: str
    problems: list[ProblemPublic]


class InvalidParameter(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class InvalidRequestPublic(BaseModel):
    """A request whose parameters or body do not have the documented shape."""

    detail: list[InvalidParameter]


class UnprocessablePublic(RootModel[RefusalPublic | InvalidRequestPublic]):
    """Refused by a service (``detail`` and ``problems``), or by the request's shape."""


class Page(BaseModel):
    count: int  # every item matching the query, not only this page's
    page: int
    per_page: int
    pages: int


_ERRORS: dict[int, tuple[Any, str]] = {
    401: (RefusalPublic, "No bearer token, or an unknown or revoked one."),
    403: (RefusalPublic, "The user's role does not allow this."),
    404: (RefusalPublic, "The offering, purchaser, document or link does not exist."),
    409: (RefusalPublic, "The request conflicts with the state of the closing."),
    422: (UnprocessablePublic, "The input was refused: every problem, each with where and what."),
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route that needs a token: 401 and 403, and ``codes``."""
    documented: dict[int | str, dict[str, Any]] = {}
    for code in sorted({401, 403, *codes}):
        model, description = _ERRORS[code]
        documented[code] = {"model": model, "description": description}
    documented[401]["headers"] = {
        "WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}
    }
    return documented
