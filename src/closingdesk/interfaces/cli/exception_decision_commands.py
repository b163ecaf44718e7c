"""funding accept-late | acknowledge-return: decisions that close a funding exception."""

from __future__ import annotations

from typing import Annotated

import typer

from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    OfferingOption,
    actor,
    command,
    open_store,
    out,
    print_json,
)
from closingdesk.interfaces.cli.funding_commands import funding_app
from closingdesk.services.clock import utc_now
from closingdesk.services.funding.exception_decisions import (
    Decided,
    accept_late_wire,
    acknowledge_return,
)

TransactionArgument = Annotated[int, typer.Argument(help="The bank transaction id.")]
RequiredReason = Annotated[str, typer.Option("--reason", help="Why, for the audit log.")]


def register(app: typer.Typer) -> None:
    command(funding_app, "accept-late")(accept_late_command)
    command(funding_app, "acknowledge-return")(acknowledge_return_command)


def accept_late_command(
    transaction: TransactionArgument,
    reason: RequiredReason,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Accept a wire that came after the close of business: its late exception closes and
    no longer holds the purchaser's settlement. (Not accepted: refund it, mark-refunded.)"""
    done = accept_late_wire(
        open_store(db), transaction, reason=reason, offering=offering, actor=actor(), now=utc_now()
    )
    _print(done, json)


def acknowledge_return_command(
    transaction: TransactionArgument,
    reason: RequiredReason,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Acknowledge the bank's return of a purchaser's wire: its returned exception closes
    and no longer holds the purchaser's settlement (the returned money never counts)."""
    done = acknowledge_return(
        open_store(db), transaction, reason=reason, offering=offering, actor=actor(), now=utc_now()
    )
    _print(done, json)


def _print(done: Decided, json: bool) -> None:
    d = done.decision
    if json:
        print_json(
            {
                "transaction_id": d.txn_id,
                "purchaser_id": d.purchaser_id,
                "kind": d.kind,
                "reason": d.reason,
                "decided_by": d.decided_by,
                "decided_at": d.decided_at,
                "exception": done.exception,
            }
        )
        return
    out.print(
        f"{d.kind.replace('_', ' ')}: transaction {d.txn_id} (purchaser {d.purchaser_id})",
        markup=False,
    )
    out.print(f"  {done.exception}", markup=False)
