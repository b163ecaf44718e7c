"""The executed counterpart: the agreement as both sides signed it, signature blocks completed.

It is the same typeset agreement (:mod:`closingdesk.domain.documents.agreement_document`), the same
version, with each signature block showing the conformed signature ("/s/ Jane Roe"), the
signer's name and title as they signed, and the date they signed (in the issuer's time zone).

>>> from datetime import datetime, UTC
>>> from decimal import Decimal
>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> data = AgreementData("Alpha Fund", 1_000_000, Decimal("2.00"), Decimal("2000000.00"),
...                      250_000, Decimal("2.75"))
>>> at = datetime(2002, 3, 13, 1, 30, tzinfo=UTC)  # the evening of March 12 in California
>>> company = Signed("/s/ Alan Smith", "Alan Smith", "Chief Financial Officer", at)
>>> purchaser = Signed("/s/ Jane Roe", "Jane Roe", None, at)
>>> context = executed_context(terms, data, version=2, company=company, purchaser=purchaser)
>>> text = as_text(EXECUTED, context)
>>> "By: /s/ Jane Roe" in text and "Title: Chief Financial Officer" in text
True
>>> "Date: March 12, 2002" in text
True
>>> executed_footer(context)
'Securities Purchase Agreement — Alpha Fund — v2 — executed'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from closingdesk.domain.documents.agreement_document import AGREEMENT, FOOTER, agreement_context
from closingdesk.domain.documents.agreement_form import AgreementData, written_date
from closingdesk.domain.documents.typeset import Block, Context, as_text, completed
from closingdesk.domain.offering.terms import OfferingTerms

__all__ = ["EXECUTED", "AgreementData", "Signed", "as_text", "executed_context"]

EXECUTED: tuple[Block, ...] = completed(AGREEMENT)
EXECUTED_FOOTER = FOOTER + " — executed"


@dataclass(frozen=True)
class Signed:
    """How one side's signature block reads once signed."""

    conformed: str  # "/s/ Jane Roe"
    name: str
    title: str | None
    at: datetime  # aware


def executed_context(
    terms: OfferingTerms,
    data: AgreementData,
    *,
    version: int,
    company: Signed,
    purchaser: Signed,
) -> Context:
    """Every field of :data:`EXECUTED`: the agreement's own, and the signatures'."""
    signers = replace(
        data,
        company_signer_name=company.name,
        company_signer_title=company.title,
        purchaser_signer_name=purchaser.name,
        purchaser_signer_title=purchaser.title,
    )
    zone = ZoneInfo(terms.timezone)
    return {
        **agreement_context(terms, signers, version=version),
        "company_signature": company.conformed,
        "company_signed_on": written_date(company.at.astimezone(zone).date()),
        "purchaser_signature": purchaser.conformed,
        "purchaser_signed_on": written_date(purchaser.at.astimezone(zone).date()),
    }


def executed_footer(context: Context) -> str:
    return EXECUTED_FOOTER.format_map(context)
