"""Bank file text: the characters of a file, and the refusal of a file that is not valid.

Text formats (BAI2, MT940, our CSV) come as UTF-8 (a byte order mark is dropped) or, from
older bank systems, Latin-1; a byte sequence that is not UTF-8 is read as Latin-1 so that
"Société Générale" keeps its accents either way.

>>> decode("Müller".encode("latin-1"))
'Müller'
>>> decode(b"\\xef\\xbb\\xbf01,")
'01,'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import NoReturn

from closingdesk.domain.problems import InvalidInput, Problem

LABELS = {
    "bai2": "BAI2",
    "camt053": "camt.053",
    "camt054": "camt.054",
    "mt940": "MT940",
    "csv": "CSV",
}


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def refuse_binary(content: bytes, *, source: str, format: str) -> None:
    """Refuse, with one problem, a file that is not text at all (a PDF, a zip, random
    bytes) rather than list a problem for each of its "lines"."""
    head = content[:_SAMPLE]
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    if b"\x00" in head or controls * 20 > len(head):
        label = LABELS.get(format, format)
        what = f"the file is binary data, not {label} text; nothing was read"
        refuse(source, format, [Problem(source, what)])


_SAMPLE = 4096
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1a")


def refuse(source: str, format: str, problems: Iterable[Problem]) -> NoReturn:
    label = LABELS.get(format, format)
    raise InvalidInput(f"{source} is not a valid {label} file", sorted_problems(problems))


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order they appear in the file ("line 9" before "line 10")."""
    return sorted(problems, key=_line)


def _line(problem: Problem) -> int:
    words = problem.where.split()
    for word, following in itertools.pairwise(words):
        if word in ("line", "row") and following.rstrip(",").isdigit():
            return int(following.rstrip(","))
    return 0
