"""What reference readers (the ``bai2`` and ``mt-940`` libraries) find in a bank file, per
account and currency: how many credits and debits, and their sums. Tests compare our
reading with theirs; neither is our code."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import mt940
from bai2 import bai2
from bai2.constants import TypeCodeTransaction

from closingdesk.adapters.bank.amounts import from_minor_units
from closingdesk.domain.funding.bank import BankFile

Figures = dict[tuple[str, str], tuple[int, Decimal, int, Decimal]]


def ours(found: BankFile) -> Figures:
    tally: defaultdict[tuple[str, str], list[object]] = defaultdict(
        lambda: [0, Decimal(0), 0, Decimal(0)]
    )
    for t in found.transactions:
        row = tally[(t.account, t.currency)]
        at = 0 if t.direction == "credit" else 2
        row[at] = int(row[at]) + 1  # type: ignore[call-overload]
        row[at + 1] = Decimal(row[at + 1]) + t.amount  # type: ignore[arg-type]
    return {key: tuple(value) for key, value in tally.items()}  # type: ignore[misc]


def by_bai2_library(text: str) -> Figures:
    parsed = bai2.parse_from_string(text, check_integrity=True)
    tally: Figures = {}
    for group in parsed.children:
        for account in group.children:
            currency = account.header.currency or group.header.currency or "USD"
            key = (account.header.customer_account_number, currency)
            credits, credited, debits, debited = tally.get(key, (0, Decimal(0), 0, Decimal(0)))
            for detail in account.children:
                kind = detail.type_code.transaction
                amount = from_minor_units(int(detail.amount or 0), currency)
                if not amount:
                    continue
                if kind == TypeCodeTransaction.credit:
                    credits, credited = credits + 1, credited + amount
                elif kind == TypeCodeTransaction.debit:
                    debits, debited = debits + 1, debited + amount
            tally[key] = (credits, credited, debits, debited)
    return tally


def by_mt940_library(text: str) -> Figures:
    tally: Figures = {}
    for statement in _statements(text):
        account = statement.data.get("account_identification")
        for transaction in statement:
            amount = transaction.data["amount"]
            key = (account, amount.currency)
            credits, credited, debits, debited = tally.get(key, (0, Decimal(0), 0, Decimal(0)))
            value = amount.amount
            if value > 0:
                credits, credited = credits + 1, credited + value
            elif value < 0:
                debits, debited = debits + 1, debited - value
            tally[key] = (credits, credited, debits, debited)
    return tally


def _statements(text: str) -> list[mt940.models.Transactions]:
    statements = []
    for chunk in text.split(":20:")[1:]:
        parsed = mt940.models.Transactions()
        parsed.parse(":20:" + chunk)
        statements.append(parsed)
    return statements
