"""Bank transactions: what a bank file says about money moving in or out of an account.

Every format (BAI2, camt.053/054, MT940, our CSV) is read into the same immutable record.
Entries of one file are never merged: a file that lists two wires holds two wires, even
when they share a reference, an amount and a sender. Across files, an entry is the one
already stored only on evidence (an intraday report followed by the day's statement):
the same account (however written), direction, amount, currency and value date, and the
same strong id (the Fedwire IMAD, the SWIFT UETR, the end-to-end id, the bank's
reference) or, for an entry without any, the same full record. Placeholders (``N``,
``NONREF``, ``NOTPROVIDED``, empty) are never ids. Each such fact is an *identity key*:

>>> from datetime import date
>>> wire = BankTransaction(account="561-04051", direction="credit",
...     amount=Decimal("1000.00"), currency="USD", value_date=date(2002, 3, 12),
...     originator="Alpha Fund", end_to_end_id="NOTPROVIDED", bank_reference="FW0312")
>>> [key.split("|", 5)[-1] for key in wire.identity_keys()][:1]
['ref|FW0312']
>>> wire.identity_keys()[0].split("|")[:5]
['56104051', 'credit', '1000', 'USD', '2002-03-12']
>>> len(BankTransaction(account="1", direction="debit", amount=Decimal("5"), currency="USD",
...     value_date=date(2002, 3, 12), bank_reference="NONREF").identity_keys())
1
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from functools import cached_property

from stdnum import iban

from closingdesk.domain.offering.terms import WireInstructions
from closingdesk.domain.problems import Problem

FORMATS: tuple[str, ...] = ("bai2", "camt053", "camt054", "mt940", "csv")
DIRECTIONS: tuple[str, ...] = ("credit", "debit")
NOT_PROVIDED = "NOTPROVIDED"
PLACEHOLDERS = frozenset(("", "N", "NA", "N/A", "NONE", "NONREF", NOT_PROVIDED, "NOTAVAILABLE"))


def is_placeholder(reference: str | None) -> bool:
    """Whether a reference is no reference at all (``NONREF``, ``NOTPROVIDED``, ``N``...)."""
    return reference is None or reference.strip().upper() in PLACEHOLDERS


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
    entry: str = ""  # the booked entry it is part of, when one entry is several payments

    def identity_keys(self) -> tuple[str, ...]:
        """What makes this entry the same as one in another file: its strong ids, then its
        full record, each behind the account, direction, amount, currency and value date."""
        return self._identity_keys

    @cached_property
    def _identity_keys(self) -> tuple[str, ...]:  # an import asks twice for each entry
        amount = format(self.amount.normalize(), "f")
        base = (
            f"{account_key(self.account)}|{self.direction}|{amount}|{self.currency}|"
            f"{self.value_date.isoformat()}"
        )
        strong = (
            ("imad", self.imad),
            ("uetr", self.uetr.lower() if self.uetr else None),
            ("e2e", self.end_to_end_id),
            ("ref", self.bank_reference),
        )
        keys = [
            f"{base}|{kind}|{value.strip()}"
            for kind, value in strong
            if value and not is_placeholder(value)
        ]
        if not keys:  # the full record names nothing an id does not already name
            keys.append(f"{base}|record|{self._record_digest()}")
        return tuple(keys)

    def _record_digest(self) -> str:
        fields = (
            self.value_time.isoformat() if self.value_time else "",
            self.originator or "",
            " ".join(self.remittance.split()),
            self.bank_reference or "",
            self.imad or "",
            self.omad or "",
            self.uetr or "",
            self.end_to_end_id or "",
            self.type_code or "",
            str(self.reversal),
            self.original_reference or "",
        )
        return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class BankFile:
    """One bank file as read: every transaction of every account in it."""

    format: str  # one of FORMATS
    transactions: tuple[BankTransaction, ...]
    warnings: tuple[Problem, ...] = field(default=())  # e.g. bad totals accepted on request
    # (account, how many transactions) of the accounts the reader was asked to leave out
    skipped: tuple[tuple[str, int], ...] = field(default=())

    def accounts(self) -> tuple[str, ...]:
        """Every account with a transaction in the file, those left out included."""
        read = (t.account for t in self.transactions)
        return tuple(dict.fromkeys((*read, *(account for account, _ in self.skipped))))


def account_key(account: str) -> str:
    """An account number as compared: letters and digits only, without leading zeros.

    >>> account_key("561-04051-19-103") == account_key("0005610405119103")
    True
    """
    return "".join(c for c in account.upper() if c.isalnum()).lstrip("0")


def is_offering_account(account: str, ours: frozenset[str]) -> bool:
    """Whether a file's account is one of ``ours`` (their :func:`account_key`), however the
    bank writes it: punctuated, zero-padded, or as an IBAN whose BBAN ends with the number.

    >>> ours = frozenset({account_key("532013000")})
    >>> is_offering_account("DE89 3704 0044 0532 0130 00", ours)
    True
    >>> is_offering_account("DE89370400440532013001", ours), is_offering_account("5320", ours)
    (False, False)
    """
    key = account_key(account)
    if key in ours:
        return True
    if iban.is_valid(key):
        bban = iban.compact(key)[4:]
        return any(len(our) >= 6 and bban.endswith(our) for our in ours)
    return False


def offering_account_keys(wire: WireInstructions) -> frozenset[str]:
    """The accounts the purchasers wire to: the account at the bank, the one credited, and
    every other receiving account the terms list."""
    numbers = (wire.fbo_account, wire.ffc_account, *(a.number for a in wire.accounts))
    return frozenset(account_key(a) for a in numbers if a)
