"""Safe text: no character that makes a document read differently than it is stored.

A name or a line of text we store, print in an agreement or send to a transfer agent must
show what it holds. Some characters do not: Unicode's bidirectional controls (the
embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069, the marks U+200E,
U+200F and U+061C) reorder what follows them on screen and on paper, so "Fund A, 1,000"
can display as something else; other *format* characters (Unicode category Cf: U+200B
ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF, the tag characters U+E0000-U+E007F ...)
are invisible and can hide text; *control* characters (category Cc: NUL, ESC, DEL, the
C1 controls ...) are not text at all. All of them are refused, with the code point and its
name. Only U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER (category Cf) are
kept: Persian, the Indic scripts and emoji need them to be written correctly, and they
move nothing. A lone surrogate (Cs) cannot be stored as UTF-8 and is refused too.

Where a field holds lines (an address, a notice's body) the line breaks ``\\n`` and
``\\r`` and the tab are allowed; everywhere else they are refused too (the book and the
purchaser's page first turn every run of whitespace into one space, as they always did).

>>> validate("Zürich Lebenswissenschaften AG")
'Zürich Lebenswissenschaften AG'
>>> is_valid("Acme\\u202eFund")
False
>>> try:
...     validate("Acme\\u202eFund")
... except UnsafeText as refused:
...     print(refused)
contains U+202E RIGHT-TO-LEFT OVERRIDE, a character that can hide or reorder text
>>> validate("1 Main St\\nBoston", lines=True)
'1 Main St\\nBoston'
>>> describe("\\x00")
'U+0000 NULL'
>>> for problem in refusals({"--reason": "paid\\u2066twice", "--carrier": "FedEx"}):
...     print(problem)
--reason: contains U+2066 LEFT-TO-RIGHT ISOLATE, a character that can hide or reorder text
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from collections.abc import Iterable, Mapping

from closingdesk.domain.problems import InvalidInput, Problem

# Format characters that join letters as the script requires: kept.
_JOINERS = frozenset("\u200c\u200d")
_LINE_BREAKS = frozenset("\n\r\t")
# Control character names unicodedata does not know (category Cc has no names there).
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


class UnsafeText(ValueError):
    """The text holds a character that can hide or reorder what a reader sees."""


def unsafe_character(text: str, *, lines: bool = False) -> str | None:
    """The first character of ``text`` that is refused, or None."""
    if text.isprintable():  # the common case, at C speed: no Cc, Cf, Cs, Zl or Zp at all
        return None
    allowed = _JOINERS | _LINE_BREAKS if lines else _JOINERS
    for character in text:
        if character not in allowed and unicodedata.category(character) in _REFUSED_CATEGORIES:
            return character
    return None


@functools.cache
def refused_class() -> str:
    """The characters a single-line field refuses, as the inside of a regex character class.

    For the API's schemas, so that a client (and a schema-driven test) knows beforehand what
    :func:`validate` will refuse. Lone surrogates are left out (Rust's regular expressions,
    which check the schemas, cannot name them; :func:`validate` still refuses them).
    Code points are written ``\\uXXXX`` or ``\\UXXXXXXXX``, which Python's and Rust's regular
    expressions both read.

    >>> import re
    >>> bool(re.search(f"[{refused_class()}]", "Acme\\u202eFund"))
    True
    >>> bool(re.search(f"[{refused_class()}]", "Zürich \\u200d AG"))
    False
    """
    codes = [
        code
        for code in range(sys.maxunicode + 1)
        if chr(code) not in _JOINERS
        and unicodedata.category(chr(code)) in _REFUSED_CATEGORIES - {"Cs"}
    ]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(
        _escape(first) if first == last else f"{_escape(first)}-{_escape(last)}"
        for first, last in ranges
    )


def _escape(code: int) -> str:
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def describe(character: str) -> str:
    """A character as a reader can look it up: its code point and its Unicode name."""
    code = ord(character)
    name = unicodedata.name(character, "") or _CONTROL_NAMES.get(code, "")
    if not name:
        kind = {"Cc": "CONTROL CHARACTER", "Cs": "LONE SURROGATE"}
        name = kind.get(unicodedata.category(character), "FORMAT CHARACTER")
    return f"U+{code:04X} {name}"


def validate(text: str, *, lines: bool = False) -> str:
    """The text itself, or :class:`UnsafeText` naming the first character refused."""
    character = unsafe_character(text, lines=lines)
    if character is not None:
        what = "a line break" if character in _LINE_BREAKS else "a character"
        raise UnsafeText(f"contains {describe(character)}, {what} that can hide or reorder text")
    return text


def is_valid(text: str, *, lines: bool = False) -> bool:
    return unsafe_character(text, lines=lines) is None


def all_valid(texts: Iterable[str], *, lines: bool = False) -> bool:
    """Whether every text is safe: one check of them all joined, for a column of a file."""
    return is_valid("".join(texts), lines=lines)


def refusals(fields: Mapping[str, str | None], *, lines: Iterable[str] = ()) -> list[Problem]:
    """A problem for each field (where: its name) whose text is refused."""
    multiline = set(lines)
    problems = []
    for name, text in fields.items():
        try:
            validate(text or "", lines=name in multiline)
        except UnsafeText as error:
            problems.append(Problem(name, str(error)))
    return problems


def refuse_unsafe(
    fields: Mapping[str, str | None],
    *,
    lines: Iterable[str] = (),
    message: str = "some text holds characters that are not allowed; nothing was changed",
) -> None:
    """Raise :class:`InvalidInput` naming every field whose text is refused."""
    problems = refusals(fields, lines=lines)
    if problems:
        raise InvalidInput(message, problems)
