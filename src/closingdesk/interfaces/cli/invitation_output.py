"""How `invitations send` reports: a table (and the failures on stderr), or one JSON document."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from closingdesk.interfaces.cli.common import err, out
from closingdesk.services.signing.invitations import (
    NOT_TRIED,
    REFUSED,
    SENT,
    SKIPPED,
    InvitationOutcome,
    InvitationRun,
)

STATUSES = (SENT, REFUSED, SKIPPED, NOT_TRIED)
COLOURS = {SENT: "green", REFUSED: "bold red", SKIPPED: "yellow", NOT_TRIED: "red"}


def outcome_json(outcome: InvitationOutcome) -> dict[str, Any]:
    return {
        "purchaser_id": outcome.purchaser_id,
        "name": outcome.name,
        "sent_to": outcome.sent_to,
        "status": outcome.status,
        "detail": outcome.detail,
        "invitation_id": outcome.invitation_id,
        "link_id": outcome.link_id,
    }


def run_json(run: InvitationRun) -> dict[str, Any]:
    """The offering, the prospectus attached (or null), and the purchasers by status."""
    p = run.prospectus
    attached = p and {"version": p.version, "sha256": p.sha256, "file_name": p.file_name}
    return {
        "offering": run.offering.slug,
        "prospectus_attached": attached,
        **{status: [outcome_json(o) for o in run.having(status)] for status in STATUSES},
        "counts": {status: len(run.having(status)) for status in STATUSES},
    }


def print_run(run: InvitationRun) -> None:
    table = Table(title=f"Invitations: {escape(run.offering.slug)}")
    for column in ("id", "purchaser", "to", "status", "mail server / reason"):
        table.add_column(column)
    for o in run.outcomes:
        status = f"[{COLOURS[o.status]}]{o.status.replace('_', ' ')}[/]"
        to = escape(o.sent_to or "—")
        table.add_row(str(o.purchaser_id), escape(o.name), to, status, escape(o.detail))
    out.print(table)
    counts = ", ".join(f"{len(run.having(s))} {s.replace('_', ' ')}" for s in STATUSES)
    attached = "prospectus attached" if run.prospectus else "no prospectus stored to attach"
    out.print(f"{counts}; {attached}")


def print_failures(run: InvitationRun) -> None:
    """Each invitation the mail server refused or that was not tried, on stderr."""
    for o in run.having(REFUSED, NOT_TRIED):
        who = f"purchaser {o.purchaser_id} {escape(o.name)} <{escape(o.sent_to or '')}>"
        err.print(f"[bold red]{o.status.replace('_', ' ')}:[/] {who}: {escape(o.detail)}")
