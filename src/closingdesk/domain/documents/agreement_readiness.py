"""What a purchaser's agreement needs before it counts as drafted with complete data.

The form has blanks for the purchaser's DWAC instructions and notice address; an agreement
drafted while they are missing still has blanks, so ``agreement_generated`` waits for them.
Attention, facsimile, reference and the signer's name and title may stay blank: the form
works without them, and the signer is named when they sign.
"""

from __future__ import annotations

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.offering.terms import OfferingTerms

REQUIRED_FOR_AGREEMENT = ("dtc_participant", "dtc_account", "address")


def missing_for_agreement(purchaser: Purchaser) -> list[str]:
    return [field for field in REQUIRED_FOR_AGREEMENT if not getattr(purchaser, field)]


def agreement_data(terms: OfferingTerms, purchaser: Purchaser) -> AgreementData:
    return AgreementData(
        purchaser_name=purchaser.name,
        shares=purchaser.shares,
        price_per_share=terms.price_per_share,
        purchase_price=purchaser.purchase_price(terms),
        warrant_shares=purchaser.warrant_shares(terms),
        exercise_price=terms.exercise_price,
        dtc_participant=purchaser.dtc_participant,
        dtc_account=purchaser.dtc_account,
        dtc_reference=purchaser.dtc_reference,
        attention=purchaser.attention,
        address=purchaser.address,
        fax=purchaser.fax,
        purchaser_signer_name=purchaser.signer_name,
        purchaser_signer_title=purchaser.signer_title,
        company_signer_name=terms.company_signer_name,
        company_signer_title=terms.company_signer_title,
    )
