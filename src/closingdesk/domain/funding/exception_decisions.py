"""Open funding exceptions, and the decisions that close them.

An exception about a purchaser's wires (every kind but ``unknown``, which names no one)
is *open*, and holds that purchaser's settlement, until the money is put right or someone
with the right role decides on it, with a reason:

- ``short``, ``over`` and ``duplicate`` close only when the money is right: more paid, the
  excess refunded (``funding mark-refunded``), a wire matched or unmatched. Each leaves
  the purchaser not funded exactly, which holds their settlement by itself.
- ``late`` closes by the company's decision to accept the wire
  (``funding accept-late TXN --reason``), or when the wire is refunded.
- ``wrong_currency`` closes when the wire is refunded or unmatched: the price is owed in
  the offering's currency, so no decision accepts it.
- ``returned`` closes by acknowledging the bank's return
  (``funding acknowledge-return TXN --reason``): the money went back, the purchaser knows.

A decision concerns one wire of one purchaser: it stops counting if the wire is matched to
someone else.

>>> from decimal import Decimal
>>> late = FundingException("late", 3, 12, Decimal("10.00"), "wire 12 ... late", "decide")
>>> [e.kind for e in open_exceptions([late], [])]
['late']
>>> accepted = ExceptionDecision("accept_late", 12, 3, "agreed by the CFO", "cfo", "2002-03-13")
>>> open_exceptions([late], [accepted])
[]
>>> decision_problem("accept_late", txn_id=12, purchaser_id=3, exceptions=[])
'wire 12 has no open late exception: nothing to accept'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from closingdesk.domain.funding.funding_exceptions import FundingException

# decision -> the exception kind it closes, and what it does in words
DECISIONS: dict[str, tuple[str, str]] = {
    "accept_late": ("late", "accept"),
    "acknowledge_return": ("returned", "acknowledge"),
}
# Kinds that can sit beside an exact funding, so they hold settlement with a reason of
# their own; the others always leave the purchaser not funded exactly.
OWN_REASON = ("late", "wrong_currency", "returned")


@dataclass(frozen=True)
class ExceptionDecision:
    kind: str  # one of DECISIONS
    txn_id: int
    purchaser_id: int
    reason: str
    decided_by: str
    decided_at: str


def closing_decision(
    exception: FundingException, decisions: Iterable[ExceptionDecision]
) -> ExceptionDecision | None:
    """The decision that closes this exception, if one was recorded."""
    for d in decisions:
        if (
            DECISIONS[d.kind][0] == exception.kind
            and d.txn_id == exception.txn_id
            and d.purchaser_id == exception.purchaser_id
        ):
            return d
    return None


def open_exceptions(
    exceptions: Iterable[FundingException], decisions: Sequence[ExceptionDecision]
) -> list[FundingException]:
    """The exceptions about a purchaser that no decision has closed."""
    return [
        e
        for e in exceptions
        if e.purchaser_id is not None and closing_decision(e, decisions) is None
    ]


def settlement_holds(exceptions: Iterable[FundingException]) -> list[str]:
    """Why these open exceptions hold their purchaser's settlement, where funding alone
    does not say it already."""
    return [
        f"open funding exception ({e.kind}): {e.what}; {e.next_step}"
        for e in exceptions
        if e.kind in OWN_REASON
    ]


def decision_problem(
    kind: str, *, txn_id: int, purchaser_id: int | None, exceptions: Iterable[FundingException]
) -> str | None:
    """Why this decision cannot be recorded on this wire now, or None."""
    closes, verb = DECISIONS[kind]
    if purchaser_id is None:
        return f"wire {txn_id} is matched to no purchaser: nothing to {verb}"
    if not any(e.kind == closes and e.txn_id == txn_id for e in exceptions):
        return f"wire {txn_id} has no open {closes} exception: nothing to {verb}"
    return None
