"""Returned and recalled wires: a reversing debit linked to the credit it takes back.

Only debits the bank marks as reversals count; the company's own outgoing payments (a
refund it sends) are ordinary debits and return nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from closingdesk.adapters.store.funding_repository import FundingRepository
from closingdesk.domain.funding.payments import reversed_credit


def link_returns(
    store: FundingRepository, offering_id: int, *, reversing_ids: Sequence[int]
) -> list[tuple[int, int]]:
    """Link each new reversing debit to the credit it returns: (debit id, credit id) pairs."""
    if not reversing_ids:
        return []
    fresh = set(reversing_ids)
    stored = store.transactions(offering_id)
    debits = [s for s in stored if s.id in fresh]
    taken = {s.reverses_id for s in stored if s.reverses_id is not None}
    links: list[tuple[int, int]] = []
    for debit in debits:
        open_credits = {
            s.id: s.bank for s in stored if s.bank.direction == "credit" and s.id not in taken
        }
        credit_id = reversed_credit(debit.bank, open_credits)
        if credit_id is not None:
            links.append((debit.id, credit_id))
            taken.add(credit_id)
    store.set_reverses(links)
    return links
