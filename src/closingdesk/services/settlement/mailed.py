"""Settling, as a person asks for it from any interface: settle who is ready, then send
what settlement owes by mail.

"Settling sends the mail" is one rule for the CLI, the API and the deal room: when a mail
server is set (CLOSINGDESK_SMTP_*, read when the command or the server starts), the DWAC
instruction goes to the transfer agent and each settled purchaser gets the closing
confirmation with a copy of their warrant, right after the settlement's transaction
commits (a mail server is not a transaction). Mail that was refused or not tried earlier
is tried again, as `closingdesk warrants send-copies` does; nothing is sent twice. Without
a server nothing is mailed, and the answer says so. A refused settlement (one purchaser
who is not ready, a missing legal opinion) sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from closingdesk.services.settlement.deliveries import DeliveryOutcome
from closingdesk.services.settlement.settlement_mail import Mailing, send_settlement_mail
from closingdesk.services.settlement.settlement_readiness import refuse_if_not_ready
from closingdesk.services.settlement.settling import SettlementRun, settle


@dataclass(frozen=True)
class Settling:
    run: SettlementRun
    mailed: bool  # a mail server was set, and what settlement owes was sent through it
    deliveries: tuple[DeliveryOutcome, ...]


def settle_and_mail(
    engine: Engine,
    mailing: Mailing | None,
    *,
    offering: str | None,
    purchaser_id: int | None = None,
    actor: str,
    now: datetime,
    workers: int = 1,
    signatory: str | None = None,
) -> Settling:
    """Settle who is ready (or the one purchaser asked for), then mail what is owed."""
    if purchaser_id is not None:  # refused before anything is written (the signing key...)
        refuse_if_not_ready(engine, offering=offering, purchaser_id=purchaser_id)
    run = settle(
        engine,
        offering=offering,
        purchaser_id=purchaser_id,
        actor=actor,
        now=now,
        workers=workers,
        signatory=signatory,
    )
    if mailing is None:
        return Settling(run, False, ())
    sent = send_settlement_mail(engine, mailing, offering=run.offering.slug)
    return Settling(run, True, tuple(sent))
