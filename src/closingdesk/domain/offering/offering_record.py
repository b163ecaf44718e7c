"""An offering: one deal, its terms, and the id the store gave it."""

from __future__ import annotations

from dataclasses import dataclass

from closingdesk.domain.offering.terms import OfferingTerms


@dataclass(frozen=True)
class Offering:
    id: int
    terms: OfferingTerms

    @property
    def slug(self) -> str:
        return self.terms.slug
