"""The closing memorandum's exceptions: those still open, and how the others were resolved.

Open ones come from the reconciliation as it stands; resolved ones from the event log,
where every decision about a wire and every late original was recorded with its actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.documents.closing_memo import MemoException
from closingdesk.services.funding.reconciliation import FundingReport


def memo_exceptions(
    report: FundingReport, events: Sequence[ChainedEvent]
) -> tuple[MemoException, ...]:
    open_ = [
        MemoException(e.kind, report.name(e.purchaser_id), e.amount, e.what)
        for e in report.result.exceptions
    ]
    return (*open_, *(m for e in events if (m := _resolved(report, e)) is not None))


def _resolved(report: FundingReport, event: ChainedEvent) -> MemoException | None:
    p, who = event.payload, f"{event.actor}, {event.at[:10]}"
    reason = f": {p['reason']}" if p.get("reason") else ""
    txn = p.get("transaction_id")
    match event.kind:
        case "funding.refunded":
            return MemoException(
                "refund",
                report.name(p.get("purchaser_id")),
                Decimal(p["amount"]),
                f"transaction {txn} sent back",
                f"refunded, reference {p['reference']} ({who}){reason}",
            )
        case "funding.matched":
            return MemoException(
                "matched by hand",
                report.name(p["purchaser_id"]),
                None,
                f"transaction {txn} was not matched automatically",
                f"matched by {who}{reason}",
            )
        case "funding.unmatched":
            return MemoException(
                "match undone",
                report.name(p["purchaser_id"]),
                None,
                f"transaction {txn} was matched to the wrong purchaser",
                f"unmatched by {who}{reason}",
            )
        case "purchaser.settled" | "warrant_copy.sent" if p.get("late"):
            late = p["late"][0] if isinstance(p["late"], list) else p["late"]
            return MemoException(
                f"late {late['obligation']}",
                report.name(_purchaser(event.subject)),
                None,
                f"{p['warrant_number']}: due {late['due']}, done {late['done_at']}",
                f"{late['days_late']} day(s) late ({who})",
            )
        case "warrant.original_dispatched" if p.get("late"):
            return MemoException(
                "late original",
                None,
                None,
                f"{p['warrant_number']} was due {p['due']}",
                f"dispatched {p['carrier']} {p['tracking']} ({who})",
            )
    return None


def _purchaser(subject: str) -> int | None:
    kind, _, number = subject.partition(":")
    return int(number) if kind == "purchaser" and number.isdigit() else None
