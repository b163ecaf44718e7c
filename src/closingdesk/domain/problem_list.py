"""How many problems one refusal lists: the first ``MAX_LISTED``, then how many more.

A book of a million broken rows is refused with a readable answer, not a page of a million
lines; every interface (command line, API, web pages) shows the same cut.

>>> from closingdesk.domain.problems import Problem
>>> shown, more = listed([Problem("row 2", "bad")] * 9912)
>>> len(shown), more, more_text(more)
(100, 9812, 'and 9,812 more')
"""

from __future__ import annotations

from collections.abc import Sequence

from closingdesk.domain.problems import Problem

MAX_LISTED = 100


def listed(problems: Sequence[Problem], limit: int = MAX_LISTED) -> tuple[Sequence[Problem], int]:
    """The problems to show and how many are left out."""
    return problems[:limit], max(0, len(problems) - limit)


def more_text(more: int) -> str:
    return f"and {more:,} more"
