"""warrants list | dispatch | delivered | send-copies; notices send."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, cast

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
)
from closingdesk.interfaces.cli.countersign_commands import SignatoryOption
from closingdesk.interfaces.cli.mail_env import NO_SERVER, env_mailing
from closingdesk.interfaces.cli.settlement_commands import delivery_json
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.notices import send_notice
from closingdesk.services.settlement.deliveries import SENT
from closingdesk.services.settlement.lateness import late_json
from closingdesk.services.settlement.original_deliveries import (
    read_carrier_file,
    record_deliveries,
    single,
)
from closingdesk.services.settlement.settlement_mail import send_warrant_copies
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.settlement.settlement_view import settlement_overview

warrants_app = typer.Typer(help="Warrants issued at settlement.", no_args_is_help=True)
notices_app = typer.Typer(help="Notices under the agreement.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    command(warrants_app, "list")(list_command)
    command(warrants_app, "dispatch")(dispatch_command)
    command(warrants_app, "delivered")(delivered_command)
    command(warrants_app, "send-copies")(send_copies_command)
    command(notices_app, "send")(notice_command)
    app.add_typer(warrants_app, name="warrants")
    app.add_typer(notices_app, name="notices")


def list_command(
    db: DbOption = None, offering: OfferingOption = None, json: JsonOption = False
) -> None:
    """Every warrant with its holder, the copy's delivery and the original's deadline."""
    now = utc_now()
    view = settlement_overview(open_store(db), offering=offering, now=now)
    rows = [
        {
            "number": s.warrant_number,
            "purchaser_id": s.purchaser_id,
            "holder": s.name,
            "warrant_shares": s.warrant_shares,
            "issue_date": s.issue_date,
            "copy_delivered": s.copy_delivered,
            "original_due": s.original_due,
            "original_dispatched_at": s.dispatched_at,
            "carrier": s.carrier,
            "tracking": s.tracking,
            "original_delivered_at": s.delivered_at,
            "original_overdue": s.original_overdue,
            "signed_by": s.signed_by,
            "original_signed_by": s.original_signed_by,
            "late": [late_json(x) for x in s.late],
            "shares_confirmed": s.shares_confirmed,
        }
        for s in view.settled
    ]
    if json:
        print_json({"offering": view.offering.slug, "warrants": rows})
        return
    for r in rows:
        status = (
            f"dispatched {r['original_dispatched_at']} ({r['carrier']} {r['tracking']})"
            if r["original_dispatched_at"]
            else f"original due {r['original_due']}"
        )
        if r["original_delivered_at"]:
            status += f", delivered {r['original_delivered_at']}"
        elif r["original_overdue"]:
            status += " — ORIGINAL OVERDUE (not delivered)"
        lates = cast(list[dict[str, Any]], r["late"])
        status += "".join(f"; {x['obligation']} {x['days_late']} day(s) late" for x in lates)
        copy = "copy delivered" if r["copy_delivered"] else "copy NOT delivered"
        out.print(
            f"{r['number']}  {r['holder']}  {r['warrant_shares']:,} shares  {copy}; {status}",
            markup=False,
        )
    if not rows:
        out.print("No warrants yet: `closingdesk settle` issues them.", markup=False)


def dispatch_command(
    number: Annotated[str, typer.Argument(help="The warrant number, e.g. W-0001.")],
    carrier: Annotated[str, typer.Option(help="Who carries the original (e.g. FedEx).")],
    tracking: Annotated[str, typer.Option(help="The carrier's tracking number.")],
    signatory: SignatoryOption = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Record that the original warrant was dispatched, and who signed the original."""
    done = dispatch_original(
        open_store(db),
        number,
        carrier=carrier,
        tracking=tracking,
        signatory=signatory,
        offering=offering,
        actor=actor(),
        now=utc_now(),
    )
    if json:
        print_json(
            {
                "number": done.number,
                "purchaser_id": done.purchaser_id,
                "due": done.due,
                "dispatched_at": done.dispatched_at,
                "late": done.late,
                "signed_by": done.signed_by,
            }
        )
        return
    late = " — LATE: after its deadline" if done.late else ""
    out.print(
        f"{done.number}: original signed by {done.signed_by}, dispatched at "
        f"{done.dispatched_at} (due {done.due}){late}",
        markup=False,
    )


def delivered_command(
    number: Annotated[
        str | None, typer.Argument(help="The warrant number, e.g. W-0001 (or --file).")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="When it was delivered: ISO 8601 with offset, e.g. 2002-03-13T10:15:00-05:00.",
        ),
    ] = None,
    evidence: Annotated[
        str | None, typer.Option(help="The evidence: the carrier's scan, a confirmation id.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="The carrier's CSV: number, delivered_at[, evidence]."),
    ] = None,
    copy: Annotated[
        bool, typer.Option("--copy", help="The fax gateway confirmed the copy sent by fax.")
    ] = False,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Record that an original warrant was delivered (warrant_original_delivered), on the
    carrier's evidence, or with --copy that a faxed copy was; the original's deadline is
    judged on this instant. One at a time (NUMBER --at) or the carrier's file (--file)."""
    if (file is None) == (number is None):
        raise InvalidInput("give either a warrant NUMBER with --at, or --file")
    if file is not None:
        rows = read_carrier_file(file)
    else:
        if at is None:
            raise InvalidInput("say when it was delivered: --at 2002-03-13T10:15:00-05:00")
        rows = [single(number or "", at, evidence)]
    done = record_deliveries(
        open_store(db), rows, copy=copy, offering=offering, actor=actor(), now=utc_now()
    )
    if json:
        print_json(
            {
                "delivered": [
                    {
                        "number": d.number,
                        "purchaser_id": d.purchaser_id,
                        "what": d.what,
                        "delivered_at": d.delivered_at,
                        "late": d.late,
                    }
                    for d in done
                ]
            }
        )
        return
    for d in done:
        late = f" — LATE by {d.late['days_late']} day(s)" if d.late else ""
        out.print(f"{d.number}: {d.what} delivered at {d.delivered_at}{late}", markup=False)


def send_copies_command(
    db: DbOption = None, offering: OfferingOption = None, json: JsonOption = False
) -> None:
    """E-mail each settled purchaser whose copy has not gone out: the closing confirmation
    with a copy of their warrant (CLOSINGDESK_SMTP_*; a fax gateway with
    CLOSINGDESK_FAX_GATEWAY). Exit 1 when any copy could not be sent."""
    with env_mailing(actor()) as mailing:
        if mailing is None:
            raise InvalidInput(f"no warrant copy was sent: {NO_SERVER}")
        outcomes = send_warrant_copies(open_store(db), mailing, offering=offering)
    if json:
        print_json({"deliveries": [delivery_json(o) for o in outcomes]})
    for o in outcomes:
        if not json:
            (out if o.status == SENT else err).print(
                f"{o.addressee} ({o.sent_to or '-'}): {o.status} {o.detail}", markup=False
            )
    if any(o.status != SENT for o in outcomes):
        raise typer.Exit(1)


def notice_command(
    to: Annotated[str, typer.Option("--to", help="`company`, or a purchaser's id.")],
    subject: Annotated[str, typer.Option(help="What the notice is about.")],
    body_file: Annotated[
        Path, typer.Option("--body-file", help="The text; blank lines part paragraphs.")
    ],
    fax: Annotated[bool, typer.Option("--fax", help="Send by fax through the gateway.")] = False,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Send a notice addressed as the agreement's notice provisions say, by e-mail (or fax
    through CLOSINGDESK_FAX_GATEWAY), with the letter as PDF; kept as proof of sending."""
    try:
        body = body_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"{body_file}: cannot read the notice's text ({error})") from None
    with env_mailing(actor()) as mailing:
        if mailing is None:
            raise InvalidInput(f"the notice was not sent: {NO_SERVER}")
        outcome = send_notice(
            open_store(db),
            mailing,
            offering=offering,
            to=to,
            subject=subject,
            body=body,
            prefer_fax=fax,
        )
    if json:
        print_json(delivery_json(outcome))
    else:
        out.print(
            f"notice to {outcome.addressee} ({outcome.sent_to}): {outcome.status} {outcome.detail}",
            markup=False,
        )
    if outcome.status != SENT:
        raise typer.Exit(1)
