"""A typeset document as pure data: the blocks counsel's layouts are made of, and their fields.

The agreement and the warrant are written once as blocks (a title, headings, paragraphs,
blocks of lines, labelled fields, signature blocks, page breaks) whose texts name their
values as ``{fields}``. A *context* gives each field its text, or a list of lines for a
:class:`Lines` block. The PDF layout fills the fields; the Word template is made from the
same blocks with a Jinja tag at each field; :func:`as_text` sets them as plain text.

A defined term is a capitalised phrase in straight double quotes; layouts set it in bold
between curly quotes:

>>> runs('the "Purchase Price" of {price}')
[('the ', False), ('“Purchase Price”', True), (' of {price}', False)]
>>> print(as_text([Heading("Notices"), Fields((("Fax:", "fax"),))], {"fax": "(415) 555-0100"}))
Notices
Fax: (415) 555-0100
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

Context = Mapping[str, str | tuple[str, ...]]

DEFINED_TERM = re.compile(r'"([A-Z][A-Za-z\'’ -]*)"')


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    centered: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph; ``number`` hangs in the margin of a numbered item ("1.", "(a)")."""

    text: str
    number: str = ""
    level: int = 0  # how far in it is indented, in steps
    indent_first: bool = True  # the first line of an unnumbered paragraph is indented
    lead: str = ""  # a run-in heading ("Cash exercise."), set underlined before the text


@dataclass(frozen=True)
class Lines:
    """The lines of a list field, set as an indented block; ``boxed`` frames them."""

    key: str
    boxed: bool = False


@dataclass(frozen=True)
class Fields:
    """Labelled values, each on a rule to write on (``key`` None: left blank to sign)."""

    rows: tuple[tuple[str, str | None], ...]
    indent: bool = True


@dataclass(frozen=True)
class Signature:
    """A signature block: the party's name over By / Name / Title lines.

    ``signer`` names whose block it is ("company"): :func:`completed` fills it once signed.
    """

    party: str
    rows: tuple[tuple[str, str | None], ...]
    lead: str = ""  # a line above the party's name, e.g. "PURCHASER:"
    signer: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Title | Heading | Para | Lines | Fields | Signature | PageBreak


def completed(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks as signed: in each signer's block the blank line to sign takes the value
    ``{signer}_signature`` (a conformed "/s/ Name") and a "Date:" line ``{signer}_signed_on``.

    >>> block = Signature("{issuer}", (("By:", None), ("Name:", "company_signer_name")),
    ...                   signer="company")
    >>> completed([block])[0].rows
    (('By:', 'company_signature'), ('Name:', 'company_signer_name'), ('Date:', 'company_signed_on'))
    """
    return tuple(_completed(block) for block in blocks)


def _completed(block: Block) -> Block:
    if not isinstance(block, Signature) or not block.signer:
        return block
    key = block.signer
    rows = tuple((label, f"{key}_signature" if k is None else k) for label, k in block.rows)
    return replace(block, rows=(*rows, ("Date:", f"{key}_signed_on")))


def runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into runs, each defined term a bold run between curly quotes."""
    out: list[tuple[str, bool]] = []
    position = 0
    for match in DEFINED_TERM.finditer(text):
        if match.start() > position:
            out.append((text[position : match.start()], False))
        out.append((f"“{match.group(1)}”", True))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out


def fill(text: str, context: Context) -> str:
    return text.format_map(context)


def value(context: Context, key: str | None) -> str:
    found = context.get(key, "") if key else ""
    return found if isinstance(found, str) else "\n".join(found)


def as_text(blocks: Sequence[Block], context: Context) -> str:
    """The blocks as plain text, a line per line of text (no page layout)."""
    lines: list[str] = []
    for block in blocks:
        lines += _text_lines(block, context)
    return "\n".join(lines)


def _text_lines(block: Block, context: Context) -> list[str]:
    match block:
        case Title(text, subtitle):
            return [fill(text, context), *([fill(subtitle, context)] if subtitle else [])]
        case Heading(text):
            return [fill(text, context)]
        case Para(text, number, lead=lead):
            return [" ".join(filter(None, [number, lead, fill(text, context)]))]
        case Lines(key):
            return value(context, key).split("\n")
        case Fields(rows) | Signature(_, rows):
            return _party(block, context) + [
                f"{fill(label, context)} {value(context, key)}".rstrip() for label, key in rows
            ]
        case PageBreak():
            return [""]


def _party(block: Block, context: Context) -> list[str]:
    if not isinstance(block, Signature):
        return []
    return [fill(line, context) for line in (block.lead, block.party) if line]
