"""One purchaser's payment, as their own page shows it: the reference to quote, the wires
matched to them, and what those add up to against the Purchase Price.

Computed by the same reconciliation as the team's funding page, over this purchaser's
wires only (and any debit that returned one of them), so both always say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.funding.payment_reference import payment_reference
from closingdesk.domain.problems import NotFound
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.funding.funding_state import reconciliation_of


@dataclass(frozen=True)
class ArrivedWire:
    amount: Decimal
    currency: str
    value_date: date
    value_time: time | None
    returned: bool  # the bank took it back


@dataclass(frozen=True)
class PurchaserPayment:
    reference: str
    expected: Decimal
    received: Decimal  # what counts: in the offering's currency, net of refunds and returns
    state: str  # unpaid, short, funded, over
    wires: tuple[ArrivedWire, ...]

    @property
    def difference(self) -> Decimal:
        """How much more is owed (positive) or was paid over the price (negative)."""
        return self.expected - self.received


def purchaser_payment(
    engine: Engine, purchaser_id: int, *, offering: str | None
) -> PurchaserPayment:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        purchaser = uow.purchasers.get(purchaser_id)
        if purchaser is None or purchaser.offering_id != found.id:
            raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
        wires = uow.funding.wires(found.id, {purchaser_id})
    funding = reconciliation_of(found, [purchaser], wires).purchasers[0]
    returned = {w.reverses for w in wires if w.reverses is not None}
    arrived = tuple(
        ArrivedWire(w.amount, w.currency, w.value_date, w.value_time, w.txn_id in returned)
        for w in wires
        if w.direction == "credit" and w.purchaser_id == purchaser_id
    )
    return PurchaserPayment(
        payment_reference(found.slug, purchaser_id),
        funding.expected,
        funding.received,
        funding.state,
        arrived,
    )
