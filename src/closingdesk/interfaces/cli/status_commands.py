"""status, audit log (audit verify and checkpoint: audit_commands)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from closingdesk.domain.checklist import CHECKLIST
from closingdesk.interfaces.cli import audit_commands
from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    OfferingOption,
    command,
    open_store,
    out,
    print_json,
)
from closingdesk.interfaces.cli.purchaser_commands import purchaser_json
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.status import ClosingStatus, closing_status

audit_app = typer.Typer(help="The hash-chained event log.", no_args_is_help=True)

SHORT = {
    "agreement_generated": "agreement",
    "prospectus_delivered": "prospectus",
    "purchaser_signed": "signed",
    "company_signed": "countersigned",
    "funded": "funded",
    "shares_instructed": "DWAC",
    "shares_confirmed": "confirmed",
    "warrant_issued": "warrant",
    "warrant_copy_delivered": "copy",
    "warrant_original_delivered": "original",
}


def register(app: typer.Typer) -> None:
    command(app, "status")(status)
    command(audit_app, "log")(log)
    audit_commands.register(app, audit_app)  # audit verify, audit checkpoint, backup
    app.add_typer(audit_app, name="audit")


def status(
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
    limit: Annotated[int, typer.Option(help="Rows shown in the table (JSON has all).")] = 200,
) -> None:
    """Each purchaser's checklist and the offering's totals."""
    report = closing_status(open_store(db), offering=offering)
    if json:
        print_json(status_json(report))
    else:
        print_status(report, limit=limit)


def status_json(report: ClosingStatus) -> dict[str, Any]:
    offering = report.offering
    totals = report.totals
    return {
        "offering": {
            "id": offering.id,
            "slug": offering.slug,
            "issuer_name": offering.terms.issuer_name,
        },
        "purchasers": [
            {
                k: v
                for k, v in purchaser_json(offering, p).items()
                if k
                in {
                    "id",
                    "name",
                    "shares",
                    "purchase_price",
                    "warrant_shares",
                    "state",
                    "checklist",
                }
            }
            for p in report.purchasers
        ],
        "totals": {
            "purchasers": totals.purchasers,
            "shares": totals.shares,
            "purchase_price": totals.purchase_price,
            "warrant_shares": totals.warrant_shares,
            "checklist": totals.checklist,
            "states": totals.states,
        },
    }


def print_status(report: ClosingStatus, *, limit: int) -> None:
    terms = report.offering.terms
    title = escape(f"{terms.issuer_name} — {report.offering.slug}")
    table = Table(title=title, caption=_legend(), caption_justify="left")
    rows = [
        (
            str(p.id),
            escape(p.name),
            f"{p.shares:,}",
            f"{p.purchase_price(terms):,.2f}",
            f"{p.warrant_shares(terms):,}",
            "".join("[green]✓[/]" if p.checklist[key] else "·" for key in CHECKLIST),
        )
        for p in report.purchasers[:limit]
    ]
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("purchaser", overflow="ellipsis", no_wrap=True, max_width=40)
    for header in ("shares", "price", "warrants", "checklist"):
        table.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    out.print(table)
    hidden = len(report.purchasers) - limit
    if hidden > 0:
        out.print(f"… {hidden:,} more purchasers (use --limit or --json)")
    t = report.totals
    out.print(
        f"[bold]Totals:[/] {t.purchasers:,} purchasers, {t.shares:,} shares, "
        f"${t.purchase_price:,.2f}, {t.warrant_shares:,} warrant shares"
    )
    out.print("Done: " + ", ".join(f"{k} {v:,}" for k, v in t.checklist.items()))


def _legend() -> str:
    return "checklist, in order: " + " ".join(SHORT[key] for key in CHECKLIST)


def log(
    db: DbOption = None,
    json: JsonOption = False,
    subject: Annotated[
        str | None,
        typer.Option(help='Only the events about one subject, e.g. "purchaser:3".'),
    ] = None,
) -> None:
    """List the event log, oldest first."""
    events = audit_log(open_store(db), subject=subject)
    if json:
        print_json(
            [
                {
                    "seq": e.seq,
                    "at": e.at,
                    "actor": e.actor,
                    "kind": e.kind,
                    "subject": e.subject,
                    "payload": e.payload,
                    "prev_hash": e.prev_hash,
                    "hash": e.hash,
                }
                for e in events
            ]
        )
        return
    table = Table(title="Event log")
    for column in ("seq", "at", "actor", "kind", "subject", "hash"):
        table.add_column(column)
    for e in events:
        table.add_row(str(e.seq), e.at, escape(e.actor), e.kind, escape(e.subject), e.hash[:12])
    out.print(table)
