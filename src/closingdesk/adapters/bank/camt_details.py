"""camt transaction details (``TxDtls``): who paid, with which references, for what.

Element names moved between versions; both spellings are read: the debtor's name is
``RltdPties/Dbtr/Nm`` up to version 07 and ``RltdPties/Dbtr/Pty/Nm`` from 08 (the ultimate
debtor when no debtor is named); a detail's own amount is ``Amt`` from version 04 and
``AmtDtls/TxAmt/Amt`` before. A detail with return information (``RtrInf``) is a returned
payment; the reversed payment is named by ``OrgnlEndToEndId`` where the bank gives it, else
by the detail's own end-to-end id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from closingdesk.domain.funding.bank import BankTransaction

_IMAD = re.compile(r"\d{8}[A-Z0-9]{8}\d{6}")  # Fedwire: cycle date, source id, sequence


@dataclass(frozen=True)
class Party:
    index: int  # 1-based, among the entry's details
    path: str
    amount: Decimal | None
    direction: str | None
    originator: str | None
    remittance: str
    end_to_end_id: str | None
    uetr: str | None
    bank_reference: str | None
    imad: str | None
    returned: bool
    original_reference: str | None

    def applied(
        self, entry: BankTransaction, *, own_amount: bool, whole_entry: list[Party] | None = None
    ) -> BankTransaction:
        """The entry as this detail describes it (its own amount for a batch item)."""
        if whole_entry and len(whole_entry) > 1:
            texts = [p.remittance for p in whole_entry if p.remittance]
            names = [p.originator for p in whole_entry if p.originator]
            remittance = " ".join(texts) or entry.remittance
            return replace(entry, originator=names[0] if names else None, remittance=remittance)
        reference = self.bank_reference or entry.bank_reference
        if own_amount and not self.bank_reference and entry.bank_reference:
            reference = f"{entry.bank_reference}/{self.index}"  # one entry, several payments
        return replace(
            entry,
            amount=self.amount if own_amount and self.amount is not None else entry.amount,
            originator=self.originator,
            remittance=self.remittance or entry.remittance,
            end_to_end_id=self.end_to_end_id,
            uetr=self.uetr,
            bank_reference=reference,
            imad=self.imad,
            reversal=entry.reversal or self.returned,
            original_reference=self.original_reference,
            where=self.path if own_amount else entry.where,
        )


def read_party(details: Element, path: str, index: int) -> Party:
    returned = details.find("RtrInf") is not None
    end_to_end = _text(details, "Refs/EndToEndId")
    original = _first(details, ".//OrgnlEndToEndId", ".//OrgnlUETR")
    clearing = _text(details, "Refs/ClrSysRef")
    indicator = _text(details, "CdtDbtInd")
    return Party(
        index=index,
        path=path,
        amount=_amount(details.find("Amt")) or _amount(details.find("AmtDtls/TxAmt/Amt")),
        direction={"CRDT": "credit", "DBIT": "debit"}.get(indicator or ""),
        originator=_first(
            details,
            "RltdPties/Dbtr/Nm",
            "RltdPties/Dbtr/Pty/Nm",
            "RltdPties/UltmtDbtr/Nm",
            "RltdPties/UltmtDbtr/Pty/Nm",
        ),
        remittance=" ".join(_remittance(details)),
        end_to_end_id=end_to_end,
        uetr=_text(details, "Refs/UETR"),
        bank_reference=_first(details, "Refs/AcctSvcrRef", "Refs/TxId"),
        imad=clearing if clearing and _IMAD.fullmatch(clearing) else None,
        returned=returned,
        original_reference=original or (end_to_end if returned else None),
    )


def _remittance(details: Element) -> list[str]:
    texts = [" ".join((t.text or "").split()) for t in details.findall("RmtInf/Ustrd")]
    texts += [(r.text or "").strip() for r in details.findall("RmtInf/Strd/CdtrRefInf/Ref")]
    return [t for t in texts if t]


def date_and_time(element: Element | None) -> tuple[date, time | None] | str | None:
    """(date, zone-aware time when given) of a Dt/DtTm choice; what is wrong; None if absent."""
    if element is None:
        return None
    day, moment = _text(element, "Dt"), _text(element, "DtTm")
    try:
        if moment:
            stamp = datetime.fromisoformat(moment)
            return stamp.date(), stamp.timetz()
        if day:
            return date.fromisoformat(day[:10]), None
    except ValueError:
        pass
    return f"{day or moment or ''!r} is not a date (YYYY-MM-DD) or date and time"


def _amount(element: Element | None) -> Decimal | None:
    if element is None or not element.text:
        return None
    try:
        amount = Decimal(element.text.strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 else None


def _first(element: Element, *paths: str) -> str | None:
    for path in paths:
        value = _text(element, path)
        if value:
            return value
    return None


def _text(element: Element, path: str) -> str | None:
    value = element.findtext(path)
    return " ".join(value.split()) or None if value else None
