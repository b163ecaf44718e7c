"""demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from closingdesk.interfaces.cli.common import JsonOption, actor, command, err, out, print_json
from closingdesk.interfaces.cli.serve_commands import run_server
from closingdesk.interfaces.cli.settlement_commands import settle_json
from closingdesk.interfaces.cli.status_commands import print_status, status_json
from closingdesk.services.clock import utc_now
from closingdesk.services.demo import Demo, build_demo
from closingdesk.services.funding.reconciliation import report_document


def register(app: typer.Typer) -> None:
    command(app, "demo")(demo)


def demo(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the demo database and files.")
    ] = Path("closingdesk-demo"),
    serve: Annotated[
        bool, typer.Option("--serve", help="Then open the deal room on the demo data.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port for --serve.")] = 8000,
    json: JsonOption = False,
) -> None:
    """Run the demo closing: the seed's offering, a fictional book, agreements drafted and
    signed, the bank statement matched, ready purchasers settled, the closing binder."""
    result = build_demo(out_dir, actor=actor(), now=utc_now())
    if json:
        print_json(
            {
                "database": result.database_url,
                "admin": {"email": result.admin_email, "password": result.admin_password},
                "book": str(result.book),
                "agreements": str(result.agreements),
                "signed": result.signing.signed,
                "unsigned": result.signing.unsigned,
                "executed": str(result.folder / "executed"),
                "bank_statement": str(result.settlement.statement),
                "funding": report_document(result.settlement.funding),
                "settlement": settle_json(
                    result.settlement.run,
                    [str(result.settlement.settlement_files)],
                    result.settlement.deliveries,
                    mailed=True,
                ),
                "mail": str(result.settlement.mail),
                "binder": {
                    "pdf": str(result.settlement.binder.pdf),
                    "zip": str(result.settlement.binder.zip),
                },
                "status": status_json(result.status),
            }
        )
    else:
        _print_demo(result)
    if serve:
        err.print(f"Serving the deal room at http://127.0.0.1:{port}/ (Ctrl-C stops it)")
        run_server(result.database_url, host="127.0.0.1", port=port)


def _print_demo(result: Demo) -> None:
    print_status(result.status, limit=200)
    for d in result.drafted:
        if d.missing:
            out.print(
                f"[yellow]Agreement drafted with blanks[/] for {escape(d.purchaser_name)} "
                f"(id {d.purchaser_id}): missing {', '.join(d.missing)}"
            )
    out.print()
    out.print(f"Database:   {result.database_url}", markup=False)
    out.print(f"Book:       {result.book}", markup=False)
    out.print(f"Agreements: {result.agreements}/", markup=False)
    signing = result.signing
    out.print(
        f"Executed:   {result.folder / 'executed'}/ ({len(signing.signed)} signed by both sides;"
        f" {len(signing.unsigned)} left to sign in the deal room)",
        markup=False,
    )
    _print_closing(result)
    out.print(f"Try:        {_program()} status --db {result.database_url}", markup=False)
    out.print(f"Deal room:  {_program()} serve --db {result.database_url}", markup=False)
    out.print(f"Sign in as: {result.admin_email} / password {result.admin_password}", markup=False)


def _print_closing(result: Demo) -> None:
    s = result.settlement
    totals = s.funding.result
    out.print(
        f"Bank:       {s.statement} ({s.imported.added} transactions, {s.imported.matched} "
        f"matched); received ${totals.total_received:,.2f} of ${totals.total_expected:,.2f}",
        markup=False,
    )
    for e in totals.exceptions:
        out.print(f"  exception {e.kind}: {e.what}", markup=False)
    run = s.run
    out.print(
        f"Settled:    {len(run.settled)} purchasers, warrants "
        f"{', '.join(x.warrant_number for x in run.settled) or 'none'}; "
        f"files in {s.settlement_files}/",
        markup=False,
    )
    for n in run.not_ready:
        out.print(f"  not ready: {n.name}: {'; '.join(n.reasons)}", markup=False)
    sent = sum(1 for d in s.deliveries if d.status == "sent")
    out.print(f"Mail:       {sent} messages kept in {s.mail}/ (a loopback mail sink)", markup=False)
    out.print(f"Binder:     {s.binder.pdf} and {s.binder.zip}", markup=False)


def _program() -> str:
    """How this command was started, so the hint can be pasted (.venv/bin/closingdesk)."""
    started_as = Path(sys.argv[0])
    if started_as.name != "closingdesk":
        return "closingdesk"
    relative = os.path.relpath(started_as)
    return relative if not relative.startswith("..") else str(started_as)
