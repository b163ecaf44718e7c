"""Funding: who has paid, who has not, and what money came in that cannot be placed.

A purchaser is *funded* when the credits matched to them, in the offering's currency, add
up to exactly the Purchase Price: never within a tolerance. A credit counts for what was
not refunded, and not at all when a debit reversed it (the bank returned it or the sender
recalled it). Every other case is an exception
(:mod:`closingdesk.domain.funding.funding_exceptions`), shown, never hidden: short, over,
duplicate, unknown, wrong currency, late, returned.

>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> book = [ExpectedPayment(1, "Alpha Fund", "NEOTHERA-00001", Decimal("500.00"), "USD"),
...         ExpectedPayment(2, "Beta LLC", "NEOTHERA-00002", Decimal("700.00"), "USD")]
>>> day = date(2002, 3, 12)
>>> wires = [Wire(10, "credit", Decimal("500.00"), "USD", day, purchaser_id=1),
...          Wire(11, "credit", Decimal("600.00"), "USD", day, purchaser_id=2),
...          Wire(12, "credit", Decimal("25.00"), "USD", day, originator="ACME")]
>>> cob = datetime(2002, 3, 12, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
>>> result = reconcile(book, wires, close_of_business=cob)
>>> [(p.purchaser_id, p.state) for p in result.purchasers]
[(1, 'funded'), (2, 'short')]
>>> [(e.kind, e.txn_id, str(e.amount)) for e in result.exceptions]
[('short', 11, '100.00'), ('unknown', 12, '25.00')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from closingdesk.domain.funding import funding_exceptions as exc
from closingdesk.domain.funding.funding_exceptions import KINDS, FundingException, Payer
from closingdesk.domain.funding.funding_reversal import reversed_credit
from closingdesk.domain.funding.funding_rules import STATES, ZERO, funding_state, is_funded, is_late
from closingdesk.domain.funding.matching import ExpectedPayment

__all__ = [
    "KINDS",
    "STATES",
    "FundingException",
    "PurchaserFunding",
    "Reconciliation",
    "Wire",
    "funding_state",
    "is_funded",
    "is_late",
    "reconcile",
    "reversed_credit",
]


@dataclass(frozen=True)
class Wire:
    """A bank transaction as funding sees it, with what people decided about it."""

    txn_id: int
    direction: str  # "credit" or "debit"
    amount: Decimal  # positive
    currency: str
    value_date: date
    value_time: time | None = None  # may be zone-aware; naive is the issuer's zone
    originator: str | None = None
    purchaser_id: int | None = None  # the purchaser it is matched to
    refunded: Decimal = ZERO  # how much of it was sent back
    reverses: int | None = None  # for a debit: the credit it returns or recalls

    @property
    def net(self) -> Decimal:
        return self.amount - self.refunded


@dataclass(frozen=True)
class PurchaserFunding:
    purchaser_id: int
    expected: Decimal
    received: Decimal
    state: str  # one of STATES


@dataclass(frozen=True)
class Reconciliation:
    purchasers: tuple[PurchaserFunding, ...]
    unmatched: tuple[Wire, ...]  # credits matched to nobody, not refunded, not returned
    exceptions: tuple[FundingException, ...]

    @property
    def total_expected(self) -> Decimal:
        return sum((p.expected for p in self.purchasers), ZERO)

    @property
    def total_received(self) -> Decimal:
        return sum((p.received for p in self.purchasers), ZERO)

    @property
    def funded_count(self) -> int:
        return sum(1 for p in self.purchasers if p.state == "funded")


def reconcile(
    expected: Sequence[ExpectedPayment], wires: Sequence[Wire], *, close_of_business: datetime
) -> Reconciliation:
    if close_of_business.tzinfo is None:
        raise ValueError("close_of_business must carry the issuer's time zone")
    payers = {e.purchaser_id: _payer(e) for e in expected}
    reversed_by = {
        w.reverses: w.txn_id for w in wires if w.direction == "debit" and w.reverses is not None
    }
    counted: defaultdict[int, list[Wire]] = defaultdict(list)
    unmatched: list[Wire] = []
    found: list[FundingException] = []
    for wire in (w for w in wires if w.direction == "credit"):
        payer = payers.get(wire.purchaser_id) if wire.purchaser_id is not None else None
        if wire.txn_id in reversed_by:
            found.append(_returned(wire, reversed_by[wire.txn_id]))
        elif payer is None:
            unmatched.extend([wire] if wire.net > ZERO else [])
            found.extend([_unknown(wire)] if wire.net > ZERO else [])
        elif wire.currency != payer.currency:
            found.extend([_wrong_currency(payer, wire)] if wire.net > ZERO else [])
        else:
            counted[payer.purchaser_id].append(wire)
            found.extend(_late(payer, wire, close_of_business))
    purchasers = tuple(_funding(payers[e.purchaser_id], counted[e.purchaser_id]) for e in expected)
    for e in expected:
        found.extend(_funding_exceptions(payers[e.purchaser_id], counted[e.purchaser_id]))
    found.sort(key=lambda e: KINDS.index(e.kind))
    return Reconciliation(purchasers, tuple(unmatched), tuple(found))


def _payer(e: ExpectedPayment) -> Payer:
    return Payer(e.purchaser_id, e.name, e.amount, e.currency)


def _funding(payer: Payer, wires: list[Wire]) -> PurchaserFunding:
    received = sum((w.net for w in wires), ZERO)
    state = funding_state(payer.price, received)
    return PurchaserFunding(payer.purchaser_id, payer.price, received, state)


def _funding_exceptions(payer: Payer, wires: list[Wire]) -> list[FundingException]:
    received = sum((w.net for w in wires), ZERO)
    last = max(wires, key=lambda w: (w.value_date, w.txn_id)).txn_id if wires else None
    if ZERO < received < payer.price:
        return [exc.short(payer, received=received, last_txn=last)]
    if received <= payer.price or last is None:
        return []
    in_full = sorted(
        (w for w in wires if w.net == payer.price), key=lambda w: (w.value_date, w.txn_id)
    )
    extra = in_full[1:]
    found = [exc.duplicate(payer, txn_id=w.txn_id) for w in extra]
    excess = received - payer.price * (1 + len(extra))
    if excess > ZERO:
        found.append(exc.over(payer, excess=excess, txn_id=last))
    return found


def _unknown(wire: Wire) -> FundingException:
    return exc.unknown(
        txn_id=wire.txn_id, amount=wire.net, currency=wire.currency, originator=wire.originator
    )


def _wrong_currency(payer: Payer, wire: Wire) -> FundingException:
    return exc.wrong_currency(payer, txn_id=wire.txn_id, amount=wire.net, currency=wire.currency)


def _late(payer: Payer, wire: Wire, close_of_business: datetime) -> list[FundingException]:
    if wire.net <= ZERO or not is_late(
        wire.value_date, wire.value_time, close_of_business=close_of_business
    ):
        return []
    arrived = wire.value_date.isoformat() + (f" {wire.value_time}" if wire.value_time else "")
    return [
        exc.late(
            payer,
            txn_id=wire.txn_id,
            amount=wire.net,
            arrived=arrived,
            close_of_business=close_of_business,
        )
    ]


def _returned(wire: Wire, debit_id: int) -> FundingException:
    return exc.returned(
        txn_id=wire.txn_id,
        amount=wire.net,
        currency=wire.currency,
        purchaser_id=wire.purchaser_id,
        debit_id=debit_id,
    )
