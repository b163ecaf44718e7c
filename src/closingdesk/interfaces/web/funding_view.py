"""What the funding page shows, read from the reconciliation: the purchasers' rows with the
wires matched to each, and the exceptions queue with what a person can do about each item.

Nothing is decided here: states, kinds and next steps come from the reconciliation; this
module only puts each transaction next to the people it may belong to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from closingdesk.adapters.store.funding_repository import StoredTransaction
from closingdesk.domain.funding.payment_reference import payment_reference
from closingdesk.domain.funding.payments import FundingException, PurchaserFunding
from closingdesk.interfaces.web.paging import Paged
from closingdesk.services.funding.reconciliation import FundingReport

STATES = ("funded", "short", "over", "unpaid")
QUEUE_SHOWN = 200  # exceptions listed; the rest are counted


@dataclass(frozen=True)
class PurchaserRow:
    funding: PurchaserFunding
    name: str
    reference: str
    wires: tuple[StoredTransaction, ...]  # the credits matched to this purchaser


@dataclass(frozen=True)
class Suggestion:
    purchaser_id: int
    name: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class QueueItem:
    kind: str
    what: str
    next_step: str
    amount: Decimal | None
    purchaser_id: int | None
    purchaser: str | None
    txn: StoredTransaction | None
    suggestions: tuple[Suggestion, ...]
    returned: bool  # a debit from the bank took this credit back
    actions: tuple[str, ...] = ()  # what the line allows now (domain.wire_actions)

    def allows(self, action: str) -> bool:
        return action in self.actions

    @property
    def can_match(self) -> bool:
        return self.allows("match")


@dataclass(frozen=True)
class FundingPage:
    report: FundingReport
    counts: dict[str, int]  # purchasers by state
    rows: Paged[PurchaserRow]
    queue: tuple[QueueItem, ...]  # the first QUEUE_SHOWN exceptions
    queue_total: int


def funding_page(report: FundingReport, *, page: int) -> FundingPage:
    result = report.result
    returned = {t.reverses_id for t in report.transactions.values() if t.reverses_id is not None}
    by_purchaser: dict[int, list[StoredTransaction]] = {}
    for t in report.transactions.values():
        if t.purchaser_id is not None and t.bank.direction == "credit":
            by_purchaser.setdefault(t.purchaser_id, []).append(t)
    rows = Paged.of(result.purchasers, page=page)
    shown = Paged(
        [_row(report, f, by_purchaser.get(f.purchaser_id, [])) for f in rows.items],
        rows.query,
        rows.total,
    )
    queue = _queue(report, returned)
    counts = Counter(f.state for f in result.purchasers)
    return FundingPage(
        report,
        {state: counts.get(state, 0) for state in STATES},
        shown,
        tuple(queue[:QUEUE_SHOWN]),
        len(queue),
    )


def _row(
    report: FundingReport, f: PurchaserFunding, wires: list[StoredTransaction]
) -> PurchaserRow:
    slug = report.offering.slug
    name = report.name(f.purchaser_id) or ""
    return PurchaserRow(f, name, payment_reference(slug, f.purchaser_id), tuple(wires))


def _queue(report: FundingReport, returned: set[int]) -> list[QueueItem]:
    """Every exception; each credit matched to nobody is one ("unknown")."""
    return [
        _item(
            report, e.kind, e.what, _step(report, e), e.amount, e.purchaser_id, e.txn_id, returned
        )
        for e in report.result.exceptions
    ]


def _step(report: FundingReport, exception: FundingException) -> str:
    """The next step, or the decision that closed the exception."""
    decided = report.decision(exception)
    if decided is None:
        return exception.next_step
    return f"decided ({decided.kind.replace('_', ' ')}) by {decided.decided_by}: {decided.reason}"


def _item(
    report: FundingReport,
    kind: str,
    what: str,
    next_step: str,
    amount: Decimal | None,
    purchaser_id: int | None,
    txn_id: int | None,
    returned: set[int],
) -> QueueItem:
    txn = report.transactions.get(txn_id) if txn_id is not None else None
    suggestions = tuple(
        Suggestion(c.purchaser_id, report.name(c.purchaser_id) or "", c.score, c.reasons)
        for c in (txn.candidates if txn is not None and txn.purchaser_id is None else ())
    )
    return QueueItem(
        kind,
        what,
        next_step,
        amount,
        purchaser_id,
        report.name(purchaser_id),
        txn,
        suggestions,
        txn_id in returned,
        report.actions_of(txn_id),
    )
