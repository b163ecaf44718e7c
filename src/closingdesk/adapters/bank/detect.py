"""Which format a bank file is in, from its content (``--format auto``).

BAI2 starts with its 01 file header; camt is XML whose namespace names the message
(camt.053 statement or camt.054 notification); MT940 has ``:20:``/``:25:``/``:61:`` fields,
possibly after SWIFT block headers; our CSV has a header row with ``date`` and ``amount``.

>>> detect_format(b"01,021000021,ACME,020312,1700,1,,,2/", source="f")
'bai2'
>>> detect_format(b"{1:F01BANKBEBBAXXX0000000000}{2:I940X}{4:\\n:20:1\\n", source="f")
'mt940'
>>> detect_format(b"Date,Amount,Currency\\n", source="f")
'csv'
"""

from __future__ import annotations

import re

from closingdesk.adapters.bank.camt_file import camt_format
from closingdesk.adapters.bank.text import decode
from closingdesk.domain.problems import InvalidInput, Problem

_HEAD = 4096
_CAMT = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.05[34]\.001\.\d+")
_SWIFT_BLOCKS = re.compile(r"^(\s*\{[1-3]:(?:[^{}]|\{[^{}]*\})*\})*\s*(\{4:)?\s*")
_MT940_FIELD = re.compile(r":(20|25|28C|60F|61):")


def detect_format(content: bytes, *, source: str) -> str:
    head = decode(content[:_HEAD]).lstrip()
    found = _format_of(head)
    if found is None:
        what = (
            "not a bank file closingdesk reads: BAI2 (01 header), camt.053/camt.054 XML, "
            "MT940 (:20:, :25:, :61: fields) or CSV with date and amount columns"
        )
        raise InvalidInput(
            f"{source} is not a bank file in a known format", [Problem(source, what)]
        )
    return found


def _format_of(head: str) -> str | None:
    if head.startswith("01,"):
        return "bai2"
    if head.startswith("<"):
        namespace = _CAMT.search(head)
        return camt_format(namespace[0]) if namespace else None
    body = _SWIFT_BLOCKS.sub("", head, count=1)
    if _MT940_FIELD.match(body):
        return "mt940"
    first = head.split("\n", 1)[0].lower()
    names = {name.strip().strip('"') for name in re.split(r"[,;]", first)}
    if {"date", "amount"} <= names:
        return "csv"
    return None
