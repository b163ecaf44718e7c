"""Bank transactions: what a bank file says about money moving in or out of an account.

Every format (BAI2, camt.053/054, MT940, our CSV) is read into the same immutable record.
A transaction is known by the identifiers its bank gave it; importing the same wire twice
(the same file again, or an intraday report and then the day's statement) must add nothing,
so each transaction yields *identity keys*, strongest first: the Fedwire IMAD, the SWIFT
UETR, the end-to-end id (unless the sender gave none: ``NOTPROVIDED``), the bank's own
reference; only when none is given, amount + date + originator. Two transactions of one
account that share any key are the same money.

>>> from datetime import date
>>> wire = BankTransaction(account="123", direction="credit", amount=Decimal("1000.00"),
...     currency="USD", value_date=date(2002, 3, 12), originator="Alpha Fund",
...     remittance="NEOTHERAPEUTICS-2002-00001", end_to_end_id="NOTPROVIDED",
...     bank_reference="FW0312")
>>> wire.identity_keys()
('123|ref|FW0312',)
>>> BankTransaction(account="123", direction="credit", amount=Decimal("5"), currency="USD",
...     value_date=date(2002, 3, 12), originator=" Alpha  fund ").identity_keys()
('123|fallback|5.00|2002-03-12|alpha fund',)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from closingdesk.domain.money import CENT
from closingdesk.domain.problems import Problem
from closingdesk.domain.terms import WireInstructions

FORMATS: tuple[str, ...] = ("bai2", "camt053", "camt054", "mt940", "csv")
DIRECTIONS: tuple[str, ...] = ("credit", "debit")
NOT_PROVIDED = "NOTPROVIDED"


@dataclass(frozen=True)
class BankTransaction:
    account: str  # the account number as the bank writes it
    direction: str  # "credit" (money in) or "debit" (money out)
    amount: Decimal  # positive, in `currency`
    currency: str  # ISO 4217
    value_date: date
    value_time: time | None = None  # as the file gives it; zone-aware when the file has one
    originator: str | None = None  # ordering customer / debtor
    remittance: str = ""  # free text: OBI, Ustrd, :86:, the BAI2 text field
    bank_reference: str | None = None
    imad: str | None = None
    omad: str | None = None
    uetr: str | None = None
    end_to_end_id: str | None = None
    type_code: str | None = None  # BAI2 type code, camt bank transaction code, MT940 type
    reversal: bool = False  # the bank reverses or returns an earlier transaction
    original_reference: str | None = None  # for a reversal: the reversed transaction's id
    where: str = ""  # "line 12" or an XML path, for messages

    def identity_keys(self) -> tuple[str, ...]:
        strong = [
            ("imad", self.imad),
            ("uetr", self.uetr.lower() if self.uetr else None),
            ("e2e", None if self.end_to_end_id == NOT_PROVIDED else self.end_to_end_id),
            ("ref", self.bank_reference),
        ]
        keys = tuple(f"{self.account}|{kind}|{value}" for kind, value in strong if value)
        if keys:
            return keys
        who = " ".join((self.originator or "").lower().split())
        amount = self.amount.quantize(CENT)
        return (f"{self.account}|fallback|{amount}|{self.value_date.isoformat()}|{who}",)


@dataclass(frozen=True)
class BankFile:
    """One bank file as read: every transaction of every account in it."""

    format: str  # one of FORMATS
    transactions: tuple[BankTransaction, ...]
    warnings: tuple[Problem, ...] = field(default=())  # e.g. bad totals accepted on request

    def accounts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.account for t in self.transactions))


def account_key(account: str) -> str:
    """An account number as compared: letters and digits only ("561-04051-19-103")."""
    return "".join(c for c in account.upper() if c.isalnum())


def offering_account_keys(wire: WireInstructions) -> frozenset[str]:
    """The accounts the purchasers wire to: the account at the bank and the one credited."""
    return frozenset(account_key(a) for a in (wire.fbo_account, wire.ffc_account) if a)
