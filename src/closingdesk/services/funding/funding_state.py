"""The funding state of an offering, read from the store: what is expected, what came in.

Shared by the services that change funding (bank import, match, unmatch, refund): each
ends by `refresh_funded`, so the checklist's `funded` item always says what the matched
wires add up to, in the same transaction as the change that moved it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from closingdesk.adapters.store.funding_repository import StoredTransaction
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.funding.matching import ExpectedPayment
from closingdesk.domain.funding.payment_reference import payment_reference
from closingdesk.domain.funding.payments import Reconciliation, Wire, reconcile
from closingdesk.domain.offering.deadlines import close_of_business
from closingdesk.domain.offering.offering_record import Offering


def expected_payments(offering: Offering, purchasers: Iterable[Purchaser]) -> list[ExpectedPayment]:
    terms = offering.terms
    return [
        ExpectedPayment(
            purchaser_id=p.id,
            name=p.name,
            reference=payment_reference(offering.slug, p.id),
            amount=p.purchase_price(terms),
            currency=terms.currency,
        )
        for p in purchasers
    ]


def wire_of(stored: StoredTransaction) -> Wire:
    b = stored.bank
    return Wire(
        txn_id=stored.id,
        direction=b.direction,
        amount=b.amount,
        currency=b.currency,
        value_date=b.value_date,
        value_time=b.value_time,
        originator=b.originator,
        purchaser_id=stored.purchaser_id,
        refunded=stored.refunded_amount,
        reverses=stored.reverses_id,
    )


def reconciliation_of(
    offering: Offering,
    purchasers: Sequence[Purchaser],
    wires: Sequence[Wire],
    expected: Sequence[ExpectedPayment] | None = None,
) -> Reconciliation:
    """The reconciliation of these purchasers (with ``expected``, their payments, when the
    caller has them already) from these wires, by the offering's close of business."""
    return reconcile(
        expected if expected is not None else expected_payments(offering, purchasers),
        wires,
        close_of_business=close_of_business(offering.terms),
    )


def refresh_funded(
    uow: UnitOfWork, offering: Offering, purchaser_ids: Collection[int] | None = None
) -> tuple[list[int], list[int]]:
    """Set `funded` where the wires now add up exactly, clear it where they no longer do:
    for every purchaser, or only those a change concerns.

    Returns the purchasers newly funded and those no longer funded. Given the purchasers a
    change concerns, it reads and writes only theirs: a decision on one wire costs the same
    in a closing of five purchasers as in one of 100,000.
    """
    if purchaser_ids is None:
        everyone = uow.purchasers.list(offering.id)
        return apply_funded(uow, offering, everyone, uow.funding.wires(offering.id))
    wanted = set(purchaser_ids)
    if not wanted:
        return [], []
    purchasers = [p for p in uow.purchasers.get_many(wanted) if p.offering_id == offering.id]
    wires = uow.funding.wires(offering.id, wanted)
    return apply_funded(uow, offering, purchasers, wires)


def apply_funded(
    uow: UnitOfWork,
    offering: Offering,
    purchasers: Sequence[Purchaser],
    wires: Sequence[Wire],
    expected: Sequence[ExpectedPayment] | None = None,
) -> tuple[list[int], list[int]]:
    """`funded` for these purchasers from these wires (all of theirs), as they now stand;
    ``expected`` is their payments when the caller has them already."""
    result = reconciliation_of(offering, purchasers, wires, expected)
    now_funded = {f.purchaser_id for f in result.purchasers if f.state == "funded"}
    was_funded = {p.id for p in purchasers if p.checklist.get("funded", False)}
    gained, lost = sorted(now_funded - was_funded), sorted(was_funded - now_funded)
    if gained:
        uow.purchasers.set_checklist(gained, "funded", done=True)
    if lost:
        uow.purchasers.set_checklist(lost, "funded", done=False)
    return gained, lost
