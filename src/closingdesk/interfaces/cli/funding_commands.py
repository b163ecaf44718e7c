"""bank import, reconcile, funding match | unmatch | mark-refunded | void."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from closingdesk.domain.funding.bank import FORMATS
from closingdesk.domain.money import parse_decimal
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    OfferingOption,
    actor,
    command,
    err,
    open_store,
    out,
    print_json,
)
from closingdesk.services.clock import utc_now
from closingdesk.services.funding.bank_import import BankImport, import_bank_file
from closingdesk.services.funding.bank_voids import void_bank_line
from closingdesk.services.funding.funding_decisions import (
    WireDecision,
    mark_refunded,
    match_wire,
    unmatch_wire,
)
from closingdesk.services.funding.reconciliation import (
    FundingReport,
    funding_report,
    report_document,
)

bank_app = typer.Typer(help="Bank files: statements and intraday reports.", no_args_is_help=True)
funding_app = typer.Typer(help="Decide what the matcher could not.", no_args_is_help=True)

ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why, for the audit log.")]


class BankFormat(StrEnum):  # an unknown choice is a usage error (exit 2)
    auto = "auto"
    bai2 = "bai2"
    camt053 = "camt053"
    camt054 = "camt054"
    mt940 = "mt940"
    csv = "csv"


class DecimalSeparator(StrEnum):
    dot = "."
    comma = ","


def register(app: typer.Typer) -> None:
    command(bank_app, "import")(import_command)
    command(app, "reconcile")(reconcile_command)
    command(funding_app, "match")(match_command)
    command(funding_app, "unmatch")(unmatch_command)
    command(funding_app, "mark-refunded")(refunded_command)
    command(funding_app, "void")(void_command)
    app.add_typer(bank_app, name="bank")
    app.add_typer(funding_app, name="funding")


def import_command(
    file: Annotated[Path, typer.Argument(help="A BAI2, camt.053/054, MT940 or CSV file.")],
    format: Annotated[
        BankFormat, typer.Option("--format", help=f"auto, or one of: {', '.join(FORMATS)}.")
    ] = BankFormat.auto,
    accept_bad_totals: Annotated[
        bool,
        typer.Option(
            "--accept-bad-totals",
            help=(
                "Import a file whose own control figures (trailers, summaries, balances) "
                "disagree with its entries; the disagreement is recorded on the file."
            ),
        ),
    ] = False,
    decimal_separator: Annotated[
        DecimalSeparator | None,
        typer.Option(
            "--decimal-separator",
            help="CSV only: the amounts' decimal separator (default: what the amounts show).",
        ),
    ] = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Import a bank file: the offering account's credits are matched to purchasers.

    A malformed file is refused whole, with the line or XML path of each problem, and so
    is a file whose entries do not make its own control figures (BAI2 trailers and 03
    summaries, camt TxsSummry and balances, MT940 balances), naming both figures.
    Entries of one file are all kept; an entry already imported from another file (an
    intraday report then the day's statement: same account, direction, amount,
    currency, value date and IMAD, UETR, end-to-end id or bank reference) is added once.
    CSV columns: date, amount, currency, originator, reference, bank_reference
    (optional: account, time, end_to_end_id, imad, uetr; a negative amount is a debit).
    """
    result = import_bank_file(
        open_store(db),
        file,
        offering=offering,
        actor=actor(),
        now=utc_now(),
        format=format.value,
        accept_bad_totals=accept_bad_totals,
        decimal=decimal_separator.value if decimal_separator else None,
    )
    if json:
        print_json(_import_json(result))
        return
    out.print(
        f"{result.source} ({result.format}): {result.added} transactions added, "
        f"{result.already_imported} already imported; {result.matched} matched, "
        f"{result.to_review} to review; {len(result.funded)} purchasers now funded",
        markup=False,
    )
    for account, count in result.skipped_accounts.items():
        out.print(
            f"skipped: {count} transactions of account {account} (not this offering's)",
            markup=False,
        )
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)


def _import_json(result: BankImport) -> dict[str, object]:
    return {
        "offering": result.offering.slug,
        "source": result.source,
        "format": result.format,
        "file_id": result.file_id,
        "added": result.added,
        "already_imported": result.already_imported,
        "matched": result.matched,
        "to_review": result.to_review,
        "funded": list(result.funded),
        "skipped_accounts": result.skipped_accounts,
        "warnings": [str(w) for w in result.warnings],
    }


def reconcile_command(
    db: DbOption = None, offering: OfferingOption = None, json: JsonOption = False
) -> None:
    """Per purchaser expected, received and state; then money not placed; then exceptions."""
    report = funding_report(open_store(db), offering=offering)
    if json:
        print_json(report_document(report))
    else:
        _print_report(report)


def _print_report(report: FundingReport) -> None:
    r = report.result
    table = Table(title=escape(f"Funding — {report.offering.slug}"))
    for column in ("id", "purchaser", "expected", "received", "state"):
        table.add_column(
            column, justify="right" if column in {"id", "expected", "received"} else "left"
        )
    for f in r.purchasers:
        table.add_row(
            str(f.purchaser_id),
            escape(report.name(f.purchaser_id) or ""),
            f"{f.expected:,.2f}",
            f"{f.received:,.2f}",
            f.state,
        )
    out.print(table)
    out.print(
        f"Received {r.total_received:,.2f} of {r.total_expected:,.2f}; "
        f"{r.funded_count} of {len(r.purchasers)} purchasers funded",
        markup=False,
    )
    if r.unmatched:
        out.print("\n[bold]Not matched[/]")
        for w in r.unmatched:
            out.print(
                f"  txn {w.txn_id}: {w.amount:,.2f} {w.currency} on {w.value_date} "
                f"from {w.originator or 'unknown originator'}",
                markup=False,
            )
    if r.exceptions:
        out.print("\n[bold]Exceptions[/]")
        for e in r.exceptions:
            decided = report.decision(e)
            if decided is not None:
                step = f"decided ({decided.kind}) by {decided.decided_by}: {decided.reason}"
                out.print(f"  {e.kind}: {e.what}\n    {step}", markup=False)
                continue
            holds = " (holds settlement)" if report.holds_settlement(e) else ""
            out.print(f"  {e.kind}{holds}: {e.what}\n    next: {e.next_step}", markup=False)
            if actions := report.actions_of(e.txn_id):
                allowed = ", ".join(a.replace("_", "-") for a in actions)
                out.print(f"    may: {allowed}", markup=False)


def match_command(
    transaction: Annotated[
        int, typer.Argument(help="The bank transaction id (reconcile lists them).")
    ],
    purchaser: Annotated[int, typer.Argument(help="The purchaser id.")],
    reason: ReasonOption = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Match a credit to a purchaser by hand."""
    decision = match_wire(
        open_store(db),
        transaction,
        purchaser,
        offering=offering,
        actor=actor(),
        now=utc_now(),
        reason=reason,
    )
    _print_decision(decision, f"transaction {transaction} matched to purchaser {purchaser}", json)


def unmatch_command(
    transaction: Annotated[int, typer.Argument(help="The bank transaction id.")],
    reason: ReasonOption = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Undo a credit's match: the money is no longer counted for that purchaser."""
    decision = unmatch_wire(
        open_store(db), transaction, offering=offering, actor=actor(), now=utc_now(), reason=reason
    )
    _print_decision(decision, f"transaction {transaction} unmatched", json)


def refunded_command(
    transaction: Annotated[int, typer.Argument(help="The bank transaction id.")],
    reference: Annotated[
        str, typer.Option("--reference", help="The outgoing payment's reference.")
    ],
    amount: Annotated[
        str | None, typer.Option("--amount", help="Part refunded (default: all that is left).")
    ] = None,
    reason: ReasonOption = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Record that a credit (or part of it) was sent back to its originator."""
    refund: Decimal | None = None
    if amount is not None:
        refund = parse_decimal(amount)
        if refund is None:
            raise InvalidInput(f"--amount must be an amount of money; got {amount!r}")
    decision = mark_refunded(
        open_store(db),
        transaction,
        reference=reference,
        amount=refund,
        offering=offering,
        actor=actor(),
        now=utc_now(),
        reason=reason,
    )
    _print_decision(decision, f"transaction {transaction} marked refunded ({reference})", json)


def void_command(
    transaction: Annotated[int, typer.Argument(help="The bank transaction id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, for the audit log.")],
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Void a bad stored bank line (an absurd amount...): funding no longer sees it.

    The line stays in the store, marked voided, and the event log records who and why.
    A line matched to a purchaser must be unmatched first.
    """
    line = void_bank_line(
        open_store(db), transaction, offering=offering, actor=actor(), now=utc_now(), reason=reason
    )
    if json:
        print_json(
            {
                "transaction_id": line.transaction_id,
                "amount": line.amount,
                "currency": line.currency,
                "reason": line.reason,
            }
        )
        return
    out.print(
        f"transaction {transaction} ({line.amount} {line.currency}) voided: {line.reason}",
        markup=False,
    )


def _print_decision(decision: WireDecision, done: str, json: bool) -> None:
    if json:
        print_json(
            {
                "transaction_id": decision.transaction_id,
                "purchaser_id": decision.purchaser_id,
                "funded": list(decision.funded),
                "no_longer_funded": list(decision.no_longer_funded),
            }
        )
        return
    out.print(done, markup=False)
    if decision.funded:
        out.print(f"now funded: purchasers {', '.join(map(str, decision.funded))}", markup=False)
    if decision.no_longer_funded:
        ids = ", ".join(map(str, decision.no_longer_funded))
        out.print(f"no longer funded: purchasers {ids}", markup=False)
