"""Fedwire details in a bank's free text: the tags banks write into a BAI2 16 record's text.

There is no one layout: banks write ``IMAD: ...``, ``ORG=...``, ``B/O: ...``, ``OBI=...``,
``/UETR/...`` and many other tags, separated by spaces, semicolons or continuation
records. A tag starts at the beginning of the text or after a space, ``;`` or ``,`` and
runs to the next tag. The originator is the ordering customer (``ORG``, ``ORIG``,
``ORIGINATOR``, ``B/O``, ``FROM``, ``DBNM``, ``BO1``); the remittance is the
originator-to-beneficiary information (``OBI``, ``RFB``, ``PMT DET``), or, when no such
tag is present, the text without the values of the other tags: the beneficiary (``BNF``)
is the company itself, or whoever it credits, never evidence of who paid. ``CLEARING
REF`` is the Fedwire IMAD some banks quote.

>>> d = read_fedwire_text("IMAD: 20020312QMGFT001000123 ORG=ALPHA FUND LP; OBI=NEO-00001")
>>> d.imad, d.originator, d.remittance
('20020312QMGFT001000123', 'ALPHA FUND LP', 'NEO-00001')
>>> read_fedwire_text("PAYMENT FOR SHARES").remittance
'PAYMENT FOR SHARES'
>>> d = read_fedwire_text("WIRE IN BNF=NEOTHERAPEUTICS INC DBNM: BETA PTNRS LP")
>>> d.originator, d.remittance
('BETA PTNRS LP', 'WIRE IN')
"""

from __future__ import annotations

import re
from typing import NamedTuple


class FedwireDetails(NamedTuple):
    remittance: str
    originator: str | None = None
    imad: str | None = None
    omad: str | None = None
    uetr: str | None = None
    original_reference: str | None = None  # the IMAD of the wire a return sends back


_FIELDS = {
    "IMAD": "imad",
    "OMAD": "omad",
    "UETR": "uetr",
    "ORG": "originator",
    "ORIG": "originator",
    "ORIGINATOR": "originator",
    "B/O": "originator",
    "FROM": "originator",
    "DBNM": "originator",
    "BO1": "originator",
    "CLEARING REF": "imad",
    "OBI": "remittance",
    "RFB": "remittance",
    "PMT DET": "remittance",
    "ORIG IMAD": "original_reference",
    "PREV IMAD": "original_reference",
    "ORIGINAL IMAD": "original_reference",
}
_ENDS_ONLY = (
    *("BNF", "BBI", "OGB", "SND BK", "SNDR REF", "SRF", "TRN", "YOUR REF", "ID", "SEQ"),
    *("BO2", "BO3", "BNF NAME", "CRNM", "CDTR", "BENEFICIARY", "BEN", "ORIG BK", "INSTR BK"),
)
_TOKEN_FIELDS = frozenset(("imad", "omad", "uetr", "original_reference"))
_NAMES = sorted((*_FIELDS, *_ENDS_ONLY), key=len, reverse=True)
_ALTERNATIVES = "|".join(re.escape(name) for name in _NAMES)
_PATTERN = rf"(?<![^\s;,])(?:({_ALTERNATIVES})\s*[:=#]|/({_ALTERNATIVES})/)"
_TAG_ANY_CASE = re.compile(_PATTERN, re.IGNORECASE)
_TAG_UPPER = re.compile(_PATTERN)  # a third faster, and bank texts are mostly upper case


def read_fedwire_text(text: str) -> FedwireDetails:
    # re.split gives [before, tag, slashed tag, value, tag, slashed tag, value, ...]
    pieces = (_TAG_UPPER if text.isupper() else _TAG_ANY_CASE).split(text)
    if len(pieces) == 1:
        return FedwireDetails(" ".join(text.split()))
    found: dict[str, str] = {}
    remittance: list[str] = []
    untagged = [pieces[0].strip(_SEPARATORS)]
    for index in range(1, len(pieces), 3):
        tag = (pieces[index] or pieces[index + 1]).upper()
        field = _FIELDS.get(tag)
        if field is None and " " in tag:  # "CLEARING  REF"
            field = _FIELDS.get(" ".join(tag.split()))
        if field is None:
            continue
        value = pieces[index + 2].strip(_SEPARATORS)
        if not value:
            continue
        if field == "remittance":
            remittance.append(value)
        elif field in _TOKEN_FIELDS:
            found.setdefault(field, value.split(None, 1)[0])
        else:
            found.setdefault(field, value)
    plain = " ".join(part for part in untagged if part)
    return FedwireDetails(
        _spaced(" ".join(remittance) if remittance else plain) or "",
        _spaced(found.get("originator")),
        found.get("imad"),
        found.get("omad"),
        found.get("uetr"),
        found.get("original_reference"),
    )


_SEPARATORS = " \t;,"


def _spaced(value: str | None) -> str | None:
    if value is None or "  " not in value:
        return value.strip() if value else value
    return " ".join(value.split())
