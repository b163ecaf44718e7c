"""MT940 information to account owner (``:86:``): the payer and the remittance, by layout.

The field is free text of up to six lines of 65 characters; banks put structure in it:

- SWIFT-style codes between slashes, ``/ORDP/`` (ordering party; ``/ORDP//NAME/`` in the
  Dutch variant), ``/NAME/``, ``/REMI/`` (remittance, ``USTD//`` before unstructured text),
  ``/EREF/`` (end-to-end id), ``/IREF/`` (instruction id), ``/RTRN/`` (a returned payment);
- the German layout: a three-digit business transaction code, then ``?NN`` subfields:
  ``?20`` to ``?29`` and ``?60`` to ``?63`` the purpose (with SEPA keywords ``EREF+``,
  ``SVWZ+``...), ``?32``/``?33`` the payer's name;
- anything else: the whole text is the remittance.

Lines are joined as they are: banks cut both layouts at a fixed width, mid-word.

>>> read_details("/ORDP//NAME/Müller GmbH/REMI/USTD//NEO-00001/EREF/E2E-1").originator
'Müller GmbH'
>>> d = read_details("166?00GUTSCHRIFT?20EREF+E2E-7 SVWZ+NEO-?2100002?32Société Génér?33ale")
>>> d.originator, d.remittance, d.end_to_end_id
('Société Générale', 'NEO-00002', 'E2E-7')
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Details(NamedTuple):
    remittance: str
    originator: str | None = None
    end_to_end_id: str | None = None
    instruction_id: str | None = None
    returned: bool = False


_SWIFT_CODES = (
    *("ORDP", "BENM", "NAME", "REMI", "EREF", "IREF", "KREF", "MARF", "CSID", "TRTP"),
    *("IBAN", "BIC", "ADDR", "RTRN", "ULTD", "ULTC", "ULTB", "PURP", "CDTRREF", "CDTRREFTP"),
    *("CD", "ISSR", "OCMT", "CHGS", "EXCH"),
)
_SWIFT = re.compile(r"/(" + "|".join(sorted(_SWIFT_CODES, key=len, reverse=True)) + r")/")
_GERMAN = re.compile(r"^\d{3}\?\d\d")
_SUBFIELD = re.compile(r"\?(\d\d)")
_SEPA = re.compile(r"\b(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC)\+")


def read_details(text: str) -> Details:
    joined = "".join(line.strip("\r") for line in text.split("\n")).strip()
    if _GERMAN.match(joined):
        return _german(joined)
    if _SWIFT.match(joined):
        return _swift(joined)
    return Details(" ".join(text.split()))


def _swift(text: str) -> Details:
    pieces = _SWIFT.split(text)  # ["", code, value, code, value, ...]
    values: dict[str, str] = {}
    for code, value in zip(pieces[1::2], pieces[2::2], strict=True):
        values.setdefault(code, value.strip())
    remittance = values.get("REMI", "").removeprefix("USTD//").strip("/ ")
    originator = values.get("NAME") if values.get("ORDP", "") == "" else values["ORDP"]
    return Details(
        remittance=" ".join(remittance.split()) or " ".join(text.split()),
        originator=(originator or values.get("NAME") or "").strip("/ ") or None,
        end_to_end_id=values.get("EREF") or None,
        instruction_id=values.get("IREF") or None,
        returned="RTRN" in values,
    )


def _german(text: str) -> Details:
    fields: dict[str, str] = {}
    pieces = _SUBFIELD.split(text[3:])  # ["", "00", value, "20", value, ...]
    for number, value in zip(pieces[1::2], pieces[2::2], strict=True):
        fields[number] = fields.get(number, "") + value
    purpose_keys = [f"{n}" for n in range(20, 30)] + ["60", "61", "62", "63"]
    purpose = "".join(fields.get(key, "") for key in purpose_keys)
    sepa = _sepa(purpose)
    name = (fields.get("32", "") + fields.get("33", "")).strip()
    remittance = sepa.get("SVWZ", purpose)
    return Details(
        remittance=" ".join(remittance.split()),
        originator=name or None,
        end_to_end_id=sepa.get("EREF"),
    )


def _sepa(purpose: str) -> dict[str, str]:
    pieces = _SEPA.split(purpose)  # [before, key, value, key, value, ...]
    found = {key: value.strip() for key, value in zip(pieces[1::2], pieces[2::2], strict=True)}
    return {key: value for key, value in found.items() if value}
