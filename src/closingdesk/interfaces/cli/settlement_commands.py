"""settle, settle confirm: DWAC instructions and warrants for every purchaser who is ready."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

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
    refusals_exit,
)
from closingdesk.interfaces.cli.countersign_commands import SignatoryOption
from closingdesk.interfaces.cli.mail_env import NO_SERVER, env_mailing
from closingdesk.services.clock import utc_now
from closingdesk.services.settlement.deliveries import SENT, DeliveryOutcome
from closingdesk.services.settlement.lateness import late_json
from closingdesk.services.settlement.mailed import settle_and_mail
from closingdesk.services.settlement.settlement_files import export_run
from closingdesk.services.settlement.settlement_records import (
    Confirmation,
    confirm_shares,
    read_confirmations,
)
from closingdesk.services.settlement.settling import SettlementRun

settle_app = typer.Typer(
    help="Settle every purchaser who is ready (both signatures, paid exactly, DWAC details): "
    "the DWAC instruction to the transfer agent and a numbered warrant each, in one "
    "transaction; the others are listed with every reason. With CLOSINGDESK_SMTP_* set, the "
    "instruction and each warrant's copy are mailed. `settle confirm` records the transfer "
    "agent's confirmations.",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    settle_app.callback()(settle_command)
    command(settle_app, "confirm")(confirm_command)
    app.add_typer(settle_app, name="settle")


def settle_command(
    ctx: typer.Context,
    purchaser: Annotated[int | None, typer.Option(help="Only this purchaser (by id).")] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Write the letter, CSV and warrants here.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes rendering warrant PDFs.")] = 2,
    signatory: SignatoryOption = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Settle each purchaser who signed (both sides), paid exactly and gave DWAC details.

    In one transaction: the DWAC issuance instruction (letter PDF and CSV for the transfer
    agent) and a numbered warrant per purchaser, both signed by the authorised signatory
    (--signatory; may be left out when the terms list one) and PAdES-signed. Then, when a
    mail server is set (CLOSINGDESK_SMTP_*), the instruction goes to the transfer agent and
    each purchaser gets the closing confirmation with a copy of their warrant. Purchasers
    not ready are listed with every reason. Settling again never instructs or issues twice.
    """
    if ctx.invoked_subcommand is not None:
        return
    with refusals_exit():
        engine = open_store(db)
        with env_mailing(actor()) as mailing:
            done = settle_and_mail(
                engine,
                mailing,
                offering=offering,
                purchaser_id=purchaser,
                actor=actor(),
                now=utc_now(),
                workers=max(1, workers),
                signatory=signatory,
            )
        run = done.run
        files = (
            [str(p) for p in export_run(engine, run.run_id, out_dir)]
            if (out_dir and run.run_id)
            else []
        )
    deliveries = list(done.deliveries)
    if json:
        print_json(settle_json(run, files, deliveries, mailed=done.mailed))
        return
    _print_run(run, files, deliveries, mailed=done.mailed)


def settle_json(
    run: SettlementRun, files: list[str], deliveries: list[DeliveryOutcome], *, mailed: bool
) -> dict[str, Any]:
    return {
        "offering": run.offering.slug,
        "run_id": run.run_id,
        "settled": [
            {
                "purchaser_id": s.purchaser_id,
                "name": s.name,
                "warrant_number": s.warrant_number,
                "warrant_shares": s.warrant_shares,
                "warrant_issue_date": s.issue_date.isoformat(),
                "signed_by": s.signed_by,
                "original_due": s.original_due.isoformat(),
                "due": {
                    "warrant_copy": s.copy_due.isoformat(),
                    "dwac_instruction": s.dwac_due.isoformat(),
                    "original_warrant": s.original_due.isoformat(),
                },
                "late": [late_json(x) for x in s.late],
                "instruction": {
                    "cusip": s.row.cusip,
                    "shares": s.row.shares,
                    "purchase_price": s.row.purchase_price,
                    "dtc_participant": s.row.dtc_participant,
                    "dtc_account": s.row.dtc_account,
                    "dtc_reference": s.row.dtc_reference,
                    "registration": s.row.registration,
                    "prospectus": s.row.prospectus,
                    "legend": s.row.legend,
                    "instructed_on": s.row.instructed_on.isoformat(),
                },
            }
            for s in run.settled
        ],
        "not_ready": [
            {"purchaser_id": n.purchaser_id, "name": n.name, "reasons": list(n.reasons)}
            for n in run.not_ready
        ],
        "already_settled": list(run.already_settled),
        "files": files,
        "mail": "sent" if mailed else NO_SERVER,
        "deliveries": [delivery_json(d) for d in deliveries],
    }


def delivery_json(d: DeliveryOutcome) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "purchaser_id": d.purchaser_id,
        "addressee": d.addressee,
        "sent_to": d.sent_to,
        "status": d.status,
        "detail": d.detail,
    }


def _print_run(
    run: SettlementRun, files: list[str], deliveries: list[DeliveryOutcome], *, mailed: bool
) -> None:
    if run.settled:
        out.print(f"Settled {len(run.settled)} purchasers (run {run.run_id}):", markup=False)
        for s in run.settled[:200]:
            out.print(
                f"  {s.purchaser_id} {s.name}: {s.row.shares:,} shares to DTC "
                f"{s.row.dtc_participant}/{s.row.dtc_account}; warrant {s.warrant_number} "
                f"for {s.warrant_shares:,} shares; original due {s.original_due:%Y-%m-%d %H:%M %Z}",
                markup=False,
            )
            for late in s.late:
                err.print(
                    f"    LATE: {late.obligation} {late.days} day(s) after "
                    f"{late.due:%Y-%m-%d %H:%M %Z}",
                    markup=False,
                )
    else:
        out.print("Nobody was ready to settle; nothing was written.", markup=False)
    if run.already_settled:
        out.print(f"Already settled: {len(run.already_settled)} purchasers", markup=False)
    for n in run.not_ready:
        out.print(f"Not ready: {n.purchaser_id} {n.name}", markup=False)
        for reason in n.reasons:
            out.print(f"  - {reason}", markup=False)
    for f in files:
        out.print(f"wrote {f}", markup=False)
    if not mailed and run.settled:
        err.print(
            f"not mailed: {NO_SERVER}; run `closingdesk warrants send-copies` once one is",
            markup=False,
        )
    for d in deliveries:
        line = f"{d.kind} to {d.addressee} ({d.sent_to or '-'}): {d.status} {d.detail}"
        (out if d.status == SENT else err).print(line, markup=False)


def confirm_command(
    file: Annotated[
        Path | None,
        typer.Option("--file", help="The transfer agent's CSV: purchaser_id, shares, reference."),
    ] = None,
    purchaser: Annotated[int | None, typer.Option(help="Confirm one purchaser.")] = None,
    shares: Annotated[int | None, typer.Option(help="With --purchaser: shares credited.")] = None,
    reference: Annotated[str | None, typer.Option(help="The transfer agent's reference.")] = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Record the transfer agent's confirmation of DWAC credits (shares_confirmed).

    From its file (every row checked first; one wrong row refuses the file) or one purchaser.
    """
    if (file is None) == (purchaser is None):
        raise InvalidInput("give either --file or --purchaser (with --shares)")
    if file is not None:
        rows = read_confirmations(file)
        source = str(file)
    else:
        if shares is None:
            raise InvalidInput("--purchaser needs --shares: the shares the transfer agent credited")
        rows = [Confirmation(purchaser or 0, shares, reference)]
        source = ""
    ids = confirm_shares(
        open_store(db), rows, offering=offering, actor=actor(), now=utc_now(), source=source
    )
    if json:
        print_json({"confirmed": ids})
    else:
        out.print(f"confirmed: {len(ids)} DWAC credits", markup=False)
