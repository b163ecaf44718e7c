"""camt entries: a booked ``Ntry`` read into one bank transaction, or one per batch item.

The entry's amount (``Amt`` with its ``Ccy``), credit/debit indicator (``CdtDbtInd``) and
reversal indicator (``RvslInd``) are the booked truth. A batch-booked entry (several
``TxDtls`` under one ``Ntry``) becomes one transaction per ``TxDtls`` when their amounts add
up to the entry's and none says the opposite direction; when they disagree, the entry is
kept whole as one transaction and a warning says so. Entries whose status is not ``BOOK``
(pending or information only) are not money on the account yet and are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from xml.etree.ElementTree import Element

from closingdesk.adapters.bank.camt_details import (
    Party,
    date_and_time,
    read_party,
)
from closingdesk.domain.funding.bank import BankTransaction
from closingdesk.domain.money import AmountError, parse_amount
from closingdesk.domain.problems import Problem

_INDICATORS = {"CRDT": "credit", "DBIT": "debit"}


@dataclass
class EntryReader:
    source: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    transactions: list[BankTransaction] = field(default_factory=list)

    def read(
        self,
        entry: Element,
        path: str,
        *,
        account: str,
        currency: str | None,
        day: date | None = None,
    ) -> None:
        status = (entry.findtext("Sts/Cd") or entry.findtext("Sts") or "BOOK").strip()
        if status.upper() != "BOOK":
            return
        booked = self._booked(entry, path, currency, day)
        if booked is None:
            return
        amount, currency_code, direction, when = booked
        base = BankTransaction(
            account=account,
            direction=direction,
            amount=amount,
            currency=currency_code,
            value_date=when[0],
            value_time=when[1],
            bank_reference=_text(entry, "AcctSvcrRef"),
            type_code=_type_code(entry),
            reversal=(entry.findtext("RvslInd") or "").strip().lower() in ("true", "1"),
            remittance=_text(entry, "AddtlNtryInf") or "",
            where=path,
            entry=path,
        )
        items = [
            (f"{path}/NtryDtls[{outer}]/TxDtls[{inner}]", details)
            for outer, group in enumerate(entry.findall("NtryDtls"), 1)
            for inner, details in enumerate(group.findall("TxDtls"), 1)
        ]
        parties = [read_party(d, item_path, n) for n, (item_path, d) in enumerate(items, 1)]
        self.transactions.extend(self._split(base, parties, path))

    def _split(
        self, base: BankTransaction, parties: list[Party], path: str
    ) -> list[BankTransaction]:
        if not parties:
            return [base]
        if len(parties) == 1 and _agrees(base, parties, single=True):
            return [parties[0].applied(base, own_amount=False)]
        if len(parties) > 1 and _agrees(base, parties, single=False):
            return [party.applied(base, own_amount=True) for party in parties]
        where = f"{self.source} {path}/NtryDtls"
        self.warnings.append(Problem(where, _disagreement(base, parties)))
        return [parties[0].applied(base, own_amount=False, whole_entry=parties)]

    def _booked(
        self, entry: Element, path: str, currency: str | None, day: date | None
    ) -> tuple[Decimal, str, str, tuple[date, time | None]] | None:
        found = len(self.problems)
        element = entry.find("Amt")
        code = ((element.get("Ccy") if element is not None else None) or currency or "").strip()
        amount = None
        if len(code) != 3:
            self._problem(f"{path}/Amt", "the amount has no currency (Ccy)")
        else:
            amount = self._amount(element, code, f"{path}/Amt")
        indicator = (entry.findtext("CdtDbtInd") or "").strip()
        if indicator not in _INDICATORS:
            self._problem(f"{path}/CdtDbtInd", f"{indicator!r} is neither CRDT nor DBIT")
        when = self._when(entry, path, "ValDt") or self._when(entry, path, "BookgDt")
        if when is None and day is not None and len(self.problems) == found:
            when = (day, None)
        if when is None and len(self.problems) == found:
            self._problem(f"{path}/ValDt", "the entry has no value date or booking date")
        if len(self.problems) > found or amount is None or when is None:
            return None
        return amount, code.upper(), _INDICATORS[indicator], when

    def _amount(self, element: Element | None, currency: str, path: str) -> Decimal | None:
        text = (element.text or "") if element is not None else ""
        try:
            amount = parse_amount(text, currency)
        except AmountError as error:
            self._problem(path, f"amount: {error}")
            return None
        if amount <= 0:
            self._problem(path, f"amount {text!r} is not a positive number")
            return None
        return amount

    def _when(self, entry: Element, path: str, name: str) -> tuple[date, time | None] | None:
        found = date_and_time(entry.find(name))
        if isinstance(found, str):
            element = entry.find(name)
            inner = "DtTm" if element is not None and element.find("DtTm") is not None else "Dt"
            self._problem(f"{path}/{name}/{inner}", found)
            return None
        return found

    def _problem(self, path: str, what: str) -> None:
        self.problems.append(Problem(f"{self.source} {path}", what))


def _agrees(base: BankTransaction, parties: list[Party], *, single: bool) -> bool:
    if any(p.direction not in (None, base.direction) for p in parties):
        return False
    if single:
        return parties[0].amount in (None, base.amount)
    amounts = [p.amount for p in parties]
    return None not in amounts and sum(a for a in amounts if a is not None) == base.amount


def _disagreement(base: BankTransaction, parties: list[Party]) -> str:
    amounts = [p.amount for p in parties]
    told = "give no amounts" if None in amounts else f"add up to {sum(a or 0 for a in amounts)}"
    directions = {p.direction for p in parties} - {None}
    if directions - {base.direction}:
        told += f" as {'/'.join(sorted(str(d) for d in directions))}"
    return (
        f"its transaction details {told} but the entry books {base.amount} {base.currency} "
        f"{base.direction}; the entry's amount is kept, as one transaction"
    )


def _text(element: Element, path: str) -> str | None:
    value = element.findtext(path)
    return value.strip() or None if value else None


def _type_code(entry: Element) -> str | None:
    domain = [entry.findtext(f"BkTxCd/Domn/{p}") for p in ("Cd", "Fmly/Cd", "Fmly/SubFmlyCd")]
    if all(domain):
        return "/".join(str(code).strip() for code in domain)
    return _text(entry, "BkTxCd/Prtry/Cd")
