"""What a person may do with one bank line: match it, unmatch it, record a refund, accept it
late, acknowledge its return, or void it.

One rule for every interface: the funding page offers exactly the actions it allows, and
the CLI, the API and the page refuse the others in its words. (Whether taking money back
from a settled purchaser is allowed depends on their whole funding, not on the line alone:
the service that changes the money checks that as well.)

>>> from decimal import Decimal
>>> unknown = WireFacts(txn_id=7, direction="credit", amount=Decimal("500.00"))
>>> allowed_actions(unknown)
('match', 'refund', 'void')
>>> refusal("unmatch", unknown)
'transaction 7 is not matched to anyone'
>>> late = WireFacts(8, "credit", Decimal("500.00"), purchaser_id=2, open_exceptions=("late",))
>>> allowed_actions(late)
('unmatch', 'refund', 'accept_late')
>>> refusal("match", late)
'transaction 8 is already matched to purchaser 2: the same money cannot fund twice; `closingdesk funding unmatch 8` first'
"""  # noqa: E501

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from closingdesk.domain.funding.exception_decisions import DECISIONS

ACTIONS: tuple[str, ...] = (
    "match",
    "unmatch",
    "refund",
    "accept_late",
    "acknowledge_return",
    "void",
)
# what an action does to a line, in the words of a refusal ("it cannot be ...")
_DOING = {"match": "matched to a purchaser", "unmatch": "unmatched", "refund": "refunded"}


@dataclass(frozen=True)
class WireFacts:
    """One stored bank line (not voided) as the rule sees it."""

    txn_id: int
    direction: str  # "credit" or "debit"
    amount: Decimal
    refunded: Decimal = Decimal("0")
    purchaser_id: int | None = None
    returned: bool = False  # a reversing debit takes this credit back
    reverses: int | None = None  # for a reversing debit: the credit it takes back
    open_exceptions: tuple[str, ...] = ()  # kinds of the open exceptions on this line


def refusal(action: str, wire: WireFacts) -> str | None:
    """Why ``action`` cannot be done on this line now, or None when it can."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if action in DECISIONS:
        return _decision_refusal(action, wire)
    if action == "void":
        return _void_refusal(wire)
    n = wire.txn_id
    if wire.direction != "credit":
        return f"transaction {n} is a debit (money out): it cannot be {_DOING[action]}"
    if wire.returned:
        return f"transaction {n} was returned by the bank: it cannot be {_DOING[action]}"
    if action == "unmatch":
        return (
            None if wire.purchaser_id is not None else f"transaction {n} is not matched to anyone"
        )
    if action == "match" and wire.purchaser_id is not None:
        return (
            f"transaction {n} is already matched to purchaser {wire.purchaser_id}: the same "
            f"money cannot fund twice; `closingdesk funding unmatch {n}` first"
        )
    if wire.refunded >= wire.amount:
        return f"transaction {n} was already refunded in full: nothing of it is left"
    return None


def allowed_actions(wire: WireFacts) -> tuple[str, ...]:
    """The actions this line allows now, in the order of :data:`ACTIONS`."""
    return tuple(a for a in ACTIONS if refusal(a, wire) is None)


def _decision_refusal(action: str, wire: WireFacts) -> str | None:
    closes, verb = DECISIONS[action]
    if wire.purchaser_id is None:
        return f"wire {wire.txn_id} is matched to no purchaser: nothing to {verb}"
    if closes not in wire.open_exceptions:
        return f"wire {wire.txn_id} has no open {closes} exception: nothing to {verb}"
    return None


def _void_refusal(wire: WireFacts) -> str | None:
    n = wire.txn_id
    if wire.purchaser_id is not None:
        return (
            f"transaction {n} is matched to purchaser {wire.purchaser_id}; "
            f"unmatch it first: closingdesk funding unmatch {n}"
        )
    if wire.returned or wire.reverses is not None:
        return f"transaction {n} is linked to a return; it cannot be voided"
    return None
