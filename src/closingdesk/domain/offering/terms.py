"""The terms of an offering: everything the form states that is the same for every purchaser.

An offering sells ``Shares`` of common stock at a fixed price, each with a warrant to buy
more shares at an exercise price, off an effective shelf registration. The form leaves the
warrant share count blank; ``warrant_coverage`` fills it (warrant shares = shares x
coverage, rounded down), unless the purchaser book gives a purchaser's own count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal


@dataclass(frozen=True)
class ReceivingAccount:
    """Another account the offering receives money in (another currency, another bank)."""

    number: str
    currency: str | None = None  # None: the offering's currency
    bank: str | None = None


@dataclass(frozen=True)
class WireInstructions:
    bank_name: str
    bank_address: tuple[str, ...]
    aba_routing_number: str  # nine digits, checksum valid (python-stdnum us.rtn)
    fbo_name: str
    fbo_account: str
    ffc_name: str  # "for further credit to"
    ffc_account: str
    accounts: tuple[ReceivingAccount, ...] = ()  # besides the FBO and FFC accounts


@dataclass(frozen=True)
class NoticeAddress:
    name: str
    attention: str | None
    title: str | None
    address: tuple[str, ...]
    fax: str | None
    email: str | None = None


@dataclass(frozen=True)
class Signatory:
    """An officer authorised to sign for the company: countersignatures, warrants, letters."""

    name: str
    title: str
    user: str | None = None  # the closingdesk user account (e-mail) linked to this officer


@dataclass(frozen=True)
class OfferingTerms:
    slug: str  # the offering's short name, used as its id on the command line
    issuer_name: str
    security_name: str  # "common stock"
    par_value: Decimal
    price_per_share: Decimal
    currency: str
    warrant_years: int
    exercise_price: Decimal
    warrant_coverage: Decimal
    registration_form: str  # "S-3"
    registration_file_number: str  # "333-53108"
    prospectus_rule: str  # "424(b)(5)"
    agreement_date: date
    governing_law: str  # a state: "California"
    close_of_business: time
    timezone: str  # IANA zone of the issuer: "America/Los_Angeles"
    wire: WireInstructions
    company_notice: NoticeAddress
    company_signer_name: str | None = None
    company_signer_title: str | None = None
    cusip: str | None = None
    transfer_agent: NoticeAddress | None = None
    assumptions: tuple[str, ...] = field(default=())
    # Section 8 of the warrant: the 4.99% (9.99% at the holder's election) ownership limit
    warrant_ownership_limitation: bool = False
    signatories: tuple[Signatory, ...] = field(default=())  # [[company.signatories]]
    legal_opinion_required: bool = False  # the transfer agent's package needs counsel's opinion


NEOTHERAPEUTICS_2002 = OfferingTerms(
    slug="neotherapeutics-2002",
    issuer_name="NeoTherapeutics, Inc.",
    security_name="common stock",
    par_value=Decimal("0.001"),
    price_per_share=Decimal("2.00"),
    currency="USD",
    warrant_years=5,
    exercise_price=Decimal("2.75"),
    warrant_coverage=Decimal("0.25"),
    registration_form="S-3",
    registration_file_number="333-53108",
    prospectus_rule="424(b)(5)",
    agreement_date=date(2002, 3, 12),
    governing_law="California",
    close_of_business=time(17, 0),
    timezone="America/Los_Angeles",
    wire=WireInstructions(
        bank_name="Chase Manhattan Bank",
        bank_address=("1 Chase Plaza", "New York, NY 10004"),
        aba_routing_number="021000021",
        fbo_name="Salomon Smith Barney",
        fbo_account="066-198038",
        ffc_name="Neotherapeutics, Inc.",
        ffc_account="561-04051-19-103",
    ),
    company_notice=NoticeAddress(
        name="NeoTherapeutics, Inc.",
        attention="Samuel Gulko",
        title=("Senior Vice President Finance, Chief Financial Officer, Secretary and Treasurer"),
        address=("157 Technology Drive,", "Irvine, California 92618"),
        fax="(949) 788-6706",
    ),
    assumptions=(
        "warrant_coverage 0.25 is an assumption: the form leaves the warrant share count blank",
        "close of business 5:00 pm America/Los_Angeles: the issuer is in Irvine, California",
        "the authorised signatory is Samuel Gulko, Chief Financial Officer, the officer the form"
        " names for notices: the form leaves the Company's signature block blank",
    ),
    signatories=(Signatory("Samuel Gulko", "Chief Financial Officer"),),
)

EXAMPLES = {NEOTHERAPEUTICS_2002.slug: NEOTHERAPEUTICS_2002}
