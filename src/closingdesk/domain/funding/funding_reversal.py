"""Reversals: which credit a returning or recalling debit takes back.

A bank that returns a wire (or executes the sender's recall) books a debit that names the
original transaction by one of its identifiers (its reference, IMAD, OMAD, UETR or
end-to-end id). When it names none we can find, the credit is the one alone with the same
amount, currency and originator, booked no later than the debit; otherwise a person decides.

>>> from dataclasses import replace
>>> from datetime import date
>>> from decimal import Decimal
>>> day = date(2002, 3, 12)
>>> credit = BankTransaction(account="1", direction="credit", amount=Decimal("500.00"),
...     currency="USD", value_date=day, originator="Alpha Fund, L.P.", bank_reference="FW1")
>>> debit = BankTransaction(account="1", direction="debit", amount=Decimal("500.00"),
...     currency="USD", value_date=day, reversal=True, original_reference="fw1")
>>> reversed_credit(debit, {7: credit})
7
>>> unnamed = replace(debit, original_reference=None)
>>> reversed_credit(replace(unnamed, originator="ALPHA FUND LP"), {7: credit})
7
>>> reversed_credit(unnamed, {7: credit}) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping

from closingdesk.domain.funding.bank import NOT_PROVIDED, BankTransaction
from closingdesk.domain.funding.matching_names import normalised_name


def reversed_credit(debit: BankTransaction, credits: Mapping[int, BankTransaction]) -> int | None:
    """The id of the credit ``debit`` takes back, among ``credits`` (by transaction id)."""
    candidates = {k: c for k, c in credits.items() if c.direction == "credit"}
    if debit.original_reference:
        wanted = debit.original_reference.strip().casefold()
        named = [k for k, c in candidates.items() if wanted in _identifiers(c)]
        if named:
            return named[0] if len(named) == 1 else None
    alike = [k for k, c in candidates.items() if _same_money(debit, c)]
    return alike[0] if len(alike) == 1 else None


def _identifiers(credit: BankTransaction) -> set[str]:
    given = (credit.bank_reference, credit.imad, credit.omad, credit.uetr, credit.end_to_end_id)
    return {i.strip().casefold() for i in given if i and i != NOT_PROVIDED}


def _same_money(debit: BankTransaction, credit: BankTransaction) -> bool:
    who = normalised_name(debit.originator or "")
    return (
        bool(who)
        and credit.amount == debit.amount
        and credit.currency == debit.currency
        and credit.value_date <= debit.value_date
        and normalised_name(credit.originator or "") == who
    )
