"""BAI2 records from physical lines: the file's quirks undone before its records are read.

A BAI2 *record* starts with a two-digit code and ends with ``/`` (a 16 record whose text
field runs to its end has no ``/``); an ``88`` record continues the one before it. Banks
write these in ways the specification does not foresee, and each record here is one
logical record with its continuations joined:

- several records on one physical line (``49,100,3/98,100,1,5/``): a line is split after a
  ``/`` only where a record that may follow the current one starts, so a 16 record's text
  ("INV 2002/03,...") is not mistaken for an account record;
- an 88 continuation after a ``/`` adds fields (joined with ``,``); an 88 that continues a
  16 record's text field continues that text: with a space, unless the line before it
  filled the physical record length of the file header, in which case the text was cut
  mid-word and is joined as it is;
- an 03 record that ends its summary items with a comma before its ``/`` (``010,500,,,/``)
  and continues on an 88: that comma only closed the last item (as the ``bai2`` library
  reads it), so the continuation starts the next item;
- a 16 record's text wrapped onto a physical line without the ``88,`` prefix: a line that
  starts with no record code continues the text (the trailers may count it as a record
  or not; :attr:`Record.wrapped` says how many such lines a record has).

>>> text = "01,A,B,020312,1700,1,29,,2/\\n16,195,100,0,R,,ORG=ALPHA CAP\\n88,ITAL OBI=X/49,100,3/"
>>> for record in logical_records(text):
...     print(record.line, record.code, record.body)
1 01 A,B,020312,1700,1,29,,2
2 16 195,100,0,R,,ORG=ALPHA CAPITAL OBI=X
3 49 100,3
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple


class Record(NamedTuple):
    line: int  # the physical line the record starts on
    code: str  # "01", "02", "03", "16", "49", "98", "99" (or whatever the file says)
    body: str  # the fields after "NN,", continuations joined, the ending "/" removed
    parts: int  # the record itself and its 88 continuations, as trailers count records
    wrapped: int = 0  # lines of its text without the 88 prefix (a trailer may count them)


# What may follow each record; a "/" followed by anything else is part of the record.
_FOLLOWERS = {
    "01": ("02", "88"),
    "02": ("03", "88", "98"),
    "03": ("16", "49", "88"),
    "16": ("16", "49", "88"),
    "49": ("03", "98"),
    "98": ("02", "99"),
}
_NEXT_RECORD = re.compile(r"/\s*(0[123]|16|49|88|98|99),")
_FOLLOWING_FIELDS = {"16": re.compile(r"\d{3},"), "49": re.compile(r"[+-]?\d*,\d*\s*(/|$)")}


def logical_records(text: str) -> Iterator[Record]:
    record_length = 0
    base = ""  # the code of the record an 88 would continue
    pending: list[str] = []  # the current record's pieces, joined when it is complete
    start, code, parts, wrapped, full = 0, "", 0, 0, False
    for number, raw in enumerate(_physical_lines(text), 1):
        line = raw.strip()
        if not line:
            continue
        if (
            code == "16"
            and pending
            and not pending[-1].endswith("/")
            and not _RECORD_START.match(line)
        ):
            pending.append(_joint(code, pending, full) + line)
            wrapped += 1
            full = bool(record_length) and len(line) == record_length
            continue
        pieces, base = _split(line, base)
        for piece in pieces:
            piece_code, body = piece[:2], piece[3:].rstrip()
            if piece_code == "88" and pending:
                pending.append(_joint(code, pending, full))
                pending.append(body)
                parts += 1
            else:
                if pending:
                    yield Record(start, code, _finished("".join(pending)), parts, wrapped)
                start, code, parts, wrapped, pending = number, piece_code, 1, 0, [body]
                if code == "01":
                    record_length = _record_length(body)
            full = bool(record_length) and len(pieces) == 1 and len(line) == record_length
    if pending:
        yield Record(start, code, _finished("".join(pending)), parts, wrapped)


_RECORD_START = re.compile(r"(0[123]|16|49|88|98|99),")


def _physical_lines(text: str) -> Iterator[str]:
    """Lines one at a time: a million-wire file split at once would add 300 MB. A "\r"
    before the newline is dropped with the other trailing blanks."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end
        yield text[start:end]
        start = end + 1


def _split(line: str, base: str) -> tuple[list[str], str]:
    code = line[:2]
    base = base if code == "88" else code
    if "/" not in line:
        return [line], base
    pieces, start = [], 0
    for match in _NEXT_RECORD.finditer(line):
        follower = match[1]
        fields = _FOLLOWING_FIELDS.get(follower)
        if follower not in _FOLLOWERS.get(base, ()) or (
            fields and not fields.match(line, match.end())
        ):
            continue
        pieces.append(line[start : match.start() + 1])
        start = match.start(1)
        if follower != "88":
            base = follower
    pieces.append(line[start:])
    return pieces, base


def _joint(code: str, pending: list[str], full: bool) -> str:
    """What joins an 88 continuation to the record it continues."""
    last = pending[-1]
    if last.endswith("/"):
        pending[-1] = last[:-1]
        if code == "03" and _closes_summary_items("".join(pending)):
            return ""
        return ","
    if code != "16" or not _in_text_field("".join(pending)):
        return ","
    return "" if full else " "


def _closes_summary_items(body: str) -> bool:
    """Whether an 03 record's fields end with complete summary items and one empty field
    more: the comma before that field closed the last item, it starts no new one."""
    fields = [f.strip().upper() for f in body.split(",")][2:]
    if len(fields) < 5 or fields[-1]:
        return False
    at = 0
    while at < len(fields) - 1:
        funds = fields[at + 3] if at + 3 < len(fields) else ""
        size = 4 + {"S": 3, "V": 2}.get(funds, 0)
        if funds == "D" and at + 4 < len(fields) and fields[at + 4].isdigit():
            size = 5 + 2 * int(fields[at + 4])
        at += size
    return at == len(fields) - 1


def _in_text_field(body: str) -> bool:
    """Whether a 16 record has reached its text field (which may hold commas itself)."""
    fields = body.split(",", 5)
    funds = fields[2].strip().upper() if len(fields) > 2 else ""
    before_text = 5 + {"S": 3, "V": 2}.get(funds, 0)
    if funds == "D":
        count = fields[3] if len(fields) > 3 else ""
        before_text = 6 + 2 * int(count) if count.isdigit() else 6
    return body.count(",") >= before_text


def _finished(body: str) -> str:
    return body[:-1].rstrip() if body.endswith("/") else body


def _record_length(body: str) -> int:
    fields = body.split(",")
    size = fields[5].strip() if len(fields) > 5 else ""
    return int(size) if size.isdigit() else 0
