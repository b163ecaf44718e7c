"""A page of a long list, in the shape the pager macro reads (``query.page``, ``total``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
PER_PAGE = 200


@dataclass(frozen=True)
class PageOf:
    page: int
    per_page: int


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of items and where it sits in the whole list.

    >>> Paged.of(list(range(450)), page=3).items[:2], Paged.of([1, 2], page=9).query.page
    ([400, 401], 1)
    """

    items: Sequence[T]
    query: PageOf
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @classmethod
    def of(cls, everything: Sequence[T], *, page: int, per_page: int = PER_PAGE) -> Paged[T]:
        last = max(1, -(-len(everything) // per_page))
        page = min(max(page, 1), last)
        start = (page - 1) * per_page
        return cls(everything[start : start + per_page], PageOf(page, per_page), len(everything))
