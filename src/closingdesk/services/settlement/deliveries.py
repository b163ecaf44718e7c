"""Sending what settlement produced: the transfer agent's instruction, warrant copies, notices.

Each message is recorded as a delivery (sent, or refused with what the mail server said)
with an event, in its own transaction after the send: a mail server is not part of the
database's transaction, and a refused message must be kept as evidence too. A warrant copy
that reached the server marks `warrant_copy_delivered`; one that did not is tried again by
the next `warrants send-copies`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.mail import Mailer, MailFailed
from closingdesk.adapters.mail_message import Attachment, compose
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.calendars import Deadline
from closingdesk.domain.documents.delivery_route import Route
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.services.clock import stamp
from closingdesk.services.settlement.lateness import late_json

SENT, REFUSED, SKIPPED, NOT_TRIED = "sent", "refused", "skipped", "not tried"


@dataclass(frozen=True)
class DeliveryOutcome:
    kind: str  # "dwac_instruction", "warrant_copy", "notice"
    purchaser_id: int | None
    addressee: str  # "transfer_agent", "company", or the purchaser's name
    sent_to: str | None
    status: str  # SENT, REFUSED, SKIPPED, NOT_TRIED
    detail: str


@dataclass(frozen=True)
class Outgoing:
    """One message to send and how to record it."""

    kind: str
    purchaser_id: int | None
    addressee: str
    to_name: str
    route: Route
    subject: str
    body: str
    attachments: Sequence[Attachment]
    document_id: int | None
    event_subject: str
    event_payload: dict[str, Any]
    checklist: str | None = None  # the purchaser's item done once the message is sent
    new_document: dict[str, Any] | None = None  # a documents row stored with the delivery
    deadline: Deadline | None = None  # when it is due: a send after it is recorded as late


def deliver(
    engine: Engine,
    mailer: Mailer,
    offering: Offering,
    outgoing: Outgoing,
    *,
    sender: str,
    actor: str,
    clock: Callable[[], datetime],
) -> tuple[DeliveryOutcome, bool]:
    """Send one message and record it: (the outcome, whether the server takes no mail at all)."""
    message = _message(outgoing, sender=sender, now=clock())
    try:
        reply, error, server_down = mailer.send(message), None, False
    except MailFailed as failure:
        reply, error, server_down = None, failure.reason, failure.affects_all
    status = SENT if error is None else REFUSED
    _record(
        engine,
        offering,
        outgoing,
        message,
        status=status,
        reply=reply,
        error=error,
        actor=actor,
        now=clock(),
    )
    outcome = DeliveryOutcome(
        outgoing.kind,
        outgoing.purchaser_id,
        outgoing.addressee,
        outgoing.route.address,
        status,
        reply or error or "",
    )
    return outcome, server_down


def _message(outgoing: Outgoing, *, sender: str, now: datetime) -> EmailMessage:
    return compose(
        sender=sender,
        to_name=outgoing.to_name,
        to_address=outgoing.route.address,
        subject=outgoing.subject,
        body=outgoing.body,
        attachments=outgoing.attachments,
        now=now,
    )


def _record(
    engine: Engine,
    offering: Offering,
    outgoing: Outgoing,
    message: EmailMessage,
    *,
    status: str,
    reply: str | None,
    error: str | None,
    actor: str,
    now: datetime,
) -> None:
    at = stamp(now)
    with UnitOfWork(engine) as uow:
        store = uow.settlements
        document_id = outgoing.document_id
        if outgoing.new_document is not None:  # the letter itself, kept with its sending
            [document_id] = store.add_documents([{**outgoing.new_document, "created_at": at}])
        delivery_id = store.add_delivery(
            offering_id=offering.id,
            purchaser_id=outgoing.purchaser_id,
            kind=outgoing.kind,
            addressee=outgoing.addressee,
            via=outgoing.route.via,
            sent_to=outgoing.route.address,
            subject=outgoing.subject,
            document_id=document_id,
            sent_at=at,
            sent_by=actor,
            status=status,
            message_id=str(message["Message-ID"]),
            smtp_response=reply,
            error=error,
        )
        ticks = outgoing.checklist if status == SENT and outgoing.purchaser_id else None
        if ticks is not None and outgoing.purchaser_id is not None:
            uow.purchasers.set_checklist([outgoing.purchaser_id], ticks, done=True)
        payload = {
            **outgoing.event_payload,
            "ticks": ticks,  # the checklist item this sending completed, for audit replay
            "delivery_id": delivery_id,
            "document_id": document_id,
            "status": status,
            "via": outgoing.route.via,
            "sent_to": outgoing.route.address,
            "message_id": str(message["Message-ID"]),
            "smtp_response": reply,
            "error": error,
        }
        late = outgoing.deadline.lateness(now) if outgoing.deadline and status == SENT else None
        if outgoing.deadline is not None:
            payload["due"] = outgoing.deadline.due.isoformat()
            payload["late"] = None if late is None else late_json(late)
        kind = f"{outgoing.kind}.{status}"  # "warrant_copy.sent", "notice.refused"
        uow.events.append(at=at, actor=actor, entries=[(kind, outgoing.event_subject, payload)])
        uow.commit()
