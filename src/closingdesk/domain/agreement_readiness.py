"""What a purchaser's agreement needs before it counts as drafted with complete data.

The form has blanks for the purchaser's DWAC instructions and notice address; an agreement
drafted while they are missing still has blanks, so ``agreement_generated`` waits for them.
Attention, facsimile, reference and the signer's name and title may stay blank: the form
works without them, and the signer is named when they sign.
"""

from __future__ import annotations

from closingdesk.domain.purchaser import Purchaser

REQUIRED_FOR_AGREEMENT = ("dtc_participant", "dtc_account", "address")


def missing_for_agreement(purchaser: Purchaser) -> list[str]:
    return [field for field in REQUIRED_FOR_AGREEMENT if not getattr(purchaser, field)]
