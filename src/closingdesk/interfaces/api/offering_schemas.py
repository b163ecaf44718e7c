"""Offerings as the API answers them: the list, the terms, and the status at a glance."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms_mapping import terms_to_mapping
from closingdesk.interfaces.api.schemas import Money
from closingdesk.services.deal_room import OfferingSummary

# Prices per share and coverages may have more than two decimals ("0.001", "0.3333").
DecimalText = Annotated[str, Field(pattern=r"^-?[0-9]+(\.[0-9]+)?$", examples=["2.00"])]


class OfferingRef(BaseModel):
    id: int
    slug: str
    issuer_name: str


class OfferingListItem(OfferingRef):
    security_name: str
    agreement_date: date
    price_per_share: DecimalText
    exercise_price: DecimalText
    currency: str


class OfferingsPublic(BaseModel):
    data: list[OfferingListItem]
    count: int


class WirePublic(BaseModel):
    bank_name: str
    bank_address: list[str]
    aba_routing_number: str
    fbo_name: str
    fbo_account: str
    ffc_name: str
    ffc_account: str


class NoticePublic(BaseModel):
    name: str
    attention: str | None = None
    title: str | None = None
    address: list[str] = []
    fax: str | None = None
    email: str | None = None


class SignatoryPublic(BaseModel):
    name: str
    title: str
    user: str | None = None


class CompanyPublic(BaseModel):
    """``[[company.signatories]]``: the officers authorised to sign for the company."""

    signatories: list[SignatoryPublic] = []


class TermsPublic(BaseModel):
    """The terms as ``closingdesk terms-template`` writes them (decimals as text)."""

    slug: str
    issuer_name: str
    security_name: str
    par_value: DecimalText
    price_per_share: DecimalText
    currency: str
    warrant_years: int
    exercise_price: DecimalText
    warrant_coverage: DecimalText
    registration_form: str
    registration_file_number: str
    prospectus_rule: str
    agreement_date: date
    governing_law: str
    close_of_business: Annotated[str, Field(pattern=r"^[0-9]{1,2}:[0-9]{2}$", examples=["17:00"])]
    timezone: str
    wire: WirePublic
    company_notice: NoticePublic
    company_signer_name: str | None = None
    company_signer_title: str | None = None
    cusip: str | None = None
    transfer_agent: NoticePublic | None = None
    assumptions: list[str] = []
    company: CompanyPublic | None = None
    legal_opinion_required: bool = False


class OfferingPublic(OfferingRef):
    terms: TermsPublic


def offering_ref(offering: Offering) -> OfferingRef:
    return OfferingRef(id=offering.id, slug=offering.slug, issuer_name=offering.terms.issuer_name)


def offering_list_item(offering: Offering) -> OfferingListItem:
    terms = offering.terms
    return OfferingListItem(
        **offering_ref(offering).model_dump(),
        security_name=terms.security_name,
        agreement_date=terms.agreement_date,
        price_per_share=str(terms.price_per_share),
        exercise_price=str(terms.exercise_price),
        currency=terms.currency,
    )


def offering_public(offering: Offering) -> OfferingPublic:
    terms = TermsPublic.model_validate(terms_to_mapping(offering.terms))
    return OfferingPublic(**offering_ref(offering).model_dump(), terms=terms)


class TotalsPublic(BaseModel):
    purchasers: int
    shares: int
    warrant_shares: int


class MoneyPublic(BaseModel):
    """Purchase Prices added up: of every purchaser, of those who signed, of those funded."""

    committed: Money
    signed: Money
    funded: Money


class AttentionPublic(BaseModel):
    kind: str
    count: int
    message: str


class OfferingStatusPublic(BaseModel):
    offering: OfferingRef
    totals: TotalsPublic
    money: MoneyPublic
    checklist: dict[str, int] = Field(description="checklist item -> purchasers who have it done")
    states: dict[str, int] = Field(description="state -> purchasers in it")
    close_of_business: datetime = Field(description="in the issuer's time zone, with its offset")
    seconds_left: int = Field(description="until the close of business; negative once past")
    attention: list[AttentionPublic]


def offering_status_public(summary: OfferingSummary) -> OfferingStatusPublic:
    totals = summary.totals
    return OfferingStatusPublic(
        offering=offering_ref(summary.offering),
        totals=TotalsPublic(
            purchasers=totals.purchasers,
            shares=totals.shares,
            warrant_shares=totals.warrant_shares,
        ),
        money=MoneyPublic(
            committed=summary.committed, signed=summary.signed, funded=summary.funded
        ),
        checklist=dict(totals.done),
        states=dict(totals.states),
        close_of_business=summary.close_of_business,
        seconds_left=summary.seconds_left,
        attention=[
            AttentionPublic(kind=a.kind, count=a.count, message=a.message)
            for a in summary.attention
        ],
    )
