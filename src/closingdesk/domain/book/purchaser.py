"""A purchaser: one buyer in an offering, their allocation and where their closing stands.

The purchase price and the warrant share count are derived from the terms, never stored:
price = shares x price per share; warrant shares = the book's own count when given, else
shares x coverage rounded down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from closingdesk.domain.checklist import CHECKLIST, state_of
from closingdesk.domain.money import purchase_price, warrant_shares_for
from closingdesk.domain.offering.terms import OfferingTerms


@dataclass(frozen=True)
class Purchaser:
    id: int
    offering_id: int
    name: str
    shares: int
    warrant_shares_override: int | None
    email: str | None
    attention: str | None
    address: tuple[str, ...]
    fax: str | None
    dtc_participant: str | None
    dtc_account: str | None
    dtc_reference: str | None
    signer_name: str | None
    signer_title: str | None
    checklist: Mapping[str, bool]

    def purchase_price(self, terms: OfferingTerms) -> Decimal:
        return purchase_price(self.shares, terms.price_per_share)

    def warrant_shares(self, terms: OfferingTerms) -> int:
        if self.warrant_shares_override is not None:
            return self.warrant_shares_override
        return warrant_shares_for(self.shares, terms.warrant_coverage)

    @property
    def state(self) -> str:
        return state_of(self.checklist)


def empty_checklist() -> dict[str, bool]:
    return dict.fromkeys(CHECKLIST, False)
