"""The actions a bank line allows, as every interface shows and enforces them.

The rule is the domain's (:mod:`closingdesk.domain.funding.wire_actions`); this module gives it the
facts of stored lines: whether a debit returned the line, and which exceptions on it are
still open. The services that change a line refuse with :func:`refuse_unless_allowed`;
the reconciliation lists :func:`actions_by_line` for the funding page, the API and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from closingdesk.adapters.store.funding_repository import RawLine, StoredTransaction
from closingdesk.domain.funding.exception_decisions import ExceptionDecision, open_exceptions
from closingdesk.domain.funding.funding_exceptions import FundingException
from closingdesk.domain.funding.wire_actions import WireFacts, allowed_actions, refusal
from closingdesk.domain.problems import Conflict


def facts_of(
    stored: StoredTransaction, *, returned: bool, open_kinds: Iterable[str] = ()
) -> WireFacts:
    return WireFacts(
        txn_id=stored.id,
        direction=stored.bank.direction,
        amount=stored.bank.amount,
        refunded=stored.refunded_amount,
        purchaser_id=stored.purchaser_id,
        returned=returned,
        reverses=stored.reverses_id,
        open_exceptions=tuple(open_kinds),
    )


def raw_facts(line: RawLine) -> WireFacts:
    """A line as voiding sees it: its amount may be unreadable, and voiding never uses it."""
    return WireFacts(
        txn_id=line.id,
        direction=line.direction,
        amount=Decimal("0"),
        purchaser_id=line.purchaser_id,
        returned=line.linked,
    )


def open_kinds_of(
    txn_id: int,
    exceptions: Iterable[FundingException],
    decisions: Sequence[ExceptionDecision],
) -> tuple[str, ...]:
    """The kinds of the exceptions on this line that no decision has closed."""
    return tuple(e.kind for e in open_exceptions(exceptions, decisions) if e.txn_id == txn_id)


def refuse_unless_allowed(action: str, wire: WireFacts) -> None:
    problem = refusal(action, wire)
    if problem is not None:
        raise Conflict(problem)


def actions_by_line(
    transactions: Mapping[int, StoredTransaction],
    exceptions: Iterable[FundingException],
    decisions: Sequence[ExceptionDecision],
) -> dict[int, tuple[str, ...]]:
    """Each line's allowed actions, by transaction id."""
    returned = {t.reverses_id for t in transactions.values() if t.reverses_id is not None}
    kinds: dict[int, list[str]] = {}
    for e in open_exceptions(exceptions, decisions):
        if e.txn_id is not None:
            kinds.setdefault(e.txn_id, []).append(e.kind)
    return {
        t.id: allowed_actions(
            facts_of(t, returned=t.id in returned, open_kinds=kinds.get(t.id, ()))
        )
        for t in transactions.values()
    }
