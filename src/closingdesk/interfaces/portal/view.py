"""What the purchaser's page shows, worked out from the link they opened, ready to render."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from fastapi import Request

from closingdesk.adapters.store.purchaser_details_repository import StoredDocument
from closingdesk.domain.book.purchaser_details import EDITABLE, as_text, details_of
from closingdesk.domain.checklist import is_signed
from closingdesk.domain.documents.agreement_readiness import missing_for_agreement
from closingdesk.domain.funding.payment_reference import payment_reference
from closingdesk.domain.money import format_shares, format_usd
from closingdesk.domain.offering.deadlines import close_of_business, seconds_left
from closingdesk.domain.offering.terms import WireInstructions
from closingdesk.domain.problems import Problem
from closingdesk.services.funding.purchaser_funding import PurchaserPayment, purchaser_payment
from closingdesk.services.signing.links import OpenedLink

LABELS: Mapping[str, str] = {
    "dtc_participant": "DTC participant number",
    "dtc_account": "Account number",
    "dtc_reference": "Reference",
    "attention": "Attention",
    "address": "Address",
    "fax": "Fax",
    "email": "E-mail",
}
HINTS: Mapping[str, str] = {
    "dtc_participant": "Your broker's DTC number: 1 to 4 digits.",
    "dtc_account": "Your account at that broker: up to 35 letters, digits, spaces and - / . ,",
    "dtc_reference": "Optional: a reference your broker asked for (the same characters).",
    "address": "One line per line of the address.",
}
DWAC_FIELDS = ("dtc_participant", "dtc_account", "dtc_reference")
NOTICE_FIELDS = tuple(name for name in EDITABLE if name not in DWAC_FIELDS)


@dataclass(frozen=True)
class DetailsForm:
    """The details form as shown: each field's text and its problems."""

    values: Mapping[str, str]
    problems: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class PortalPage:
    token: str
    issuer: str
    purchaser_name: str
    purchase: list[tuple[str, str]]  # (label, value) rows of the purchaser's terms
    amount: str  # the exact amount to wire
    wire: WireInstructions
    deadline: str
    deadline_passed: bool
    link_expires: str
    agreement: StoredDocument | None
    agreement_final: bool  # drafted with the purchaser's complete, current details
    can_edit: bool
    missing: list[str]  # labels of details the agreement still needs
    form: DetailsForm
    notice: str | None  # what the last save did
    error: str | None  # why the details sent were refused
    prospectus_delivered: bool  # signing needs the prospectus supplement delivered first
    offering_slug: str
    purchaser_id: int
    payment_reference: str  # what to quote on the wire

    def payment(self, request: Request) -> PaymentStatus:
        """What came in from this purchaser, read when the page is rendered."""
        engine = request.app.state.engine
        return payment_status(
            purchaser_payment(engine, self.purchaser_id, offering=self.offering_slug)
        )

    @property
    def agreement_text(self) -> str:
        return self.agreement.content.decode("utf-8", "replace") if self.agreement else ""


def form_of(opened: OpenedLink) -> DetailsForm:
    details = details_of(opened.purchaser)
    return DetailsForm({name: as_text(value) for name, value in details.items()})


def refused_form(values: Mapping[str, str], problems: Sequence[Problem]) -> DetailsForm:
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        by_field.setdefault(problem.where, []).append(problem.what)
    return DetailsForm(values, by_field)


def portal_page(
    token: str,
    opened: OpenedLink,
    agreement: StoredDocument | None,
    *,
    now: datetime,
    form: DetailsForm,
    notice: str | None = None,
    error: str | None = None,
) -> PortalPage:
    terms, purchaser = opened.offering.terms, opened.purchaser
    deadline = close_of_business(terms)
    return PortalPage(
        token=token,
        issuer=terms.issuer_name,
        purchaser_name=purchaser.name,
        purchase=[
            (f"Shares of {terms.security_name}", format_shares(purchaser.shares)),
            ("Price per share", format_usd(terms.price_per_share)),
            ("Purchase Price", format_usd(purchaser.purchase_price(terms))),
            ("Warrant shares", format_shares(purchaser.warrant_shares(terms))),
            ("Exercise price per warrant share", format_usd(terms.exercise_price)),
            ("Warrant expires", f"{terms.warrant_years} years after issue"),
            ("Agreement date", long_date(deadline)),
        ],
        amount=format_usd(purchaser.purchase_price(terms)),
        wire=terms.wire,
        deadline=f"{long_date(deadline)} at {clock_time(deadline)} ({terms.timezone})",
        deadline_passed=seconds_left(deadline, now) < 0,
        link_expires=long_date(datetime.fromisoformat(opened.link.expires_at).astimezone(UTC)),
        agreement=agreement,
        agreement_final=purchaser.checklist["agreement_generated"],
        can_edit=not is_signed(purchaser.checklist),
        missing=[LABELS.get(name, "notice address") for name in missing_for_agreement(purchaser)],
        form=form,
        notice=notice,
        error=error,
        prospectus_delivered=purchaser.checklist["prospectus_delivered"],
        offering_slug=opened.offering.slug,
        purchaser_id=purchaser.id,
        payment_reference=payment_reference(opened.offering.slug, purchaser.id),
    )


@dataclass(frozen=True)
class PaymentStatus:
    state: str  # unpaid, short, funded, over
    arrived: list[str]  # one sentence per wire received
    summary: str | None  # what the wires add up to, when there is something to say


def payment_status(payment: PurchaserPayment) -> PaymentStatus:
    arrived = [
        f"Your wire of {format_usd(w.amount)} arrived on {day_text(w.value_date)}"
        + (", and was returned by the bank." if w.returned else ".")
        for w in payment.wires
    ]
    received, gap = format_usd(payment.received), format_usd(abs(payment.difference))
    summaries = {
        "funded": "The Purchase Price is paid in full. Thank you.",
        "short": f"We have received {received} of {format_usd(payment.expected)}: "
        f"{gap} is still to come. Please wire the rest, quoting your reference.",
        "over": f"We have received {received}, {gap} more than the Purchase Price: "
        "the company will return the difference.",
    }
    return PaymentStatus(payment.state, arrived, summaries.get(payment.state))


def long_date(moment: datetime) -> str:
    return day_text(moment)


def day_text(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def clock_time(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M} {'am' if moment.hour < 12 else 'pm'} {moment:%Z}".strip()
