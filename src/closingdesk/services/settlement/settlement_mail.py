"""Mailing a settlement's papers: the DWAC instruction to the transfer agent, and to each
settled purchaser the closing confirmation with a copy of their warrant.

Both are idempotent: what was sent is not sent again; what was refused or not tried is
tried by the next call (`closingdesk warrants send-copies`, or the next `settle`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine

from closingdesk.adapters.mail import Mailer
from closingdesk.adapters.mail_message import Attachment
from closingdesk.adapters.store.settlement_repository import WarrantRecord
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.calendars import closing_deadlines
from closingdesk.domain.documents.delivery_route import Route, routes
from closingdesk.domain.documents.notice_letter import closing_confirmation, notice_text
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.documents.documents_view import stored_document
from closingdesk.services.settlement.deliveries import (
    NOT_TRIED,
    SENT,
    SKIPPED,
    DeliveryOutcome,
    Outgoing,
    deliver,
)
from closingdesk.views.approvals import approvals as approvals_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Mailing:
    mailer: Mailer
    sender: str
    actor: str
    clock: Callable[[], datetime]
    fax_gateway: str | None = None

    def deliver(
        self, engine: Engine, offering: Offering, outgoing: Outgoing
    ) -> tuple[DeliveryOutcome, bool]:
        """Send one message with this mailing's server, sender and clock, and record it."""
        return deliver(
            engine,
            self.mailer,
            offering,
            outgoing,
            sender=self.sender,
            actor=self.actor,
            clock=self.clock,
        )


def send_instructions(
    engine: Engine, mailing: Mailing, *, offering: str | None
) -> list[DeliveryOutcome]:
    """E-mail each settlement run's letter and CSV to the transfer agent, once."""
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        store = uow.settlements
        sent = {
            d.document_id
            for d in store.deliveries(found.id, kind="dwac_instruction")
            if d.status == SENT
        }
        runs = [r for r in store.runs(found.id) if r["letter_document_id"] not in sent]
        approvals = approvals_of(uow, found.id)
    agent = found.terms.transfer_agent
    outcomes: list[DeliveryOutcome] = []
    for run in runs:
        if agent is None or not agent.email:
            outcomes.append(
                DeliveryOutcome(
                    "dwac_instruction",
                    None,
                    "transfer_agent",
                    None,
                    SKIPPED,
                    "the terms name no transfer agent e-mail",
                )
            )
            continue
        letter = stored_document(engine, run["letter_document_id"])
        table = stored_document(engine, run["csv_document_id"])
        sheets = [stored_document(engine, i) for i in [run.get("xlsx_document_id")] if i]
        outgoing = Outgoing(
            kind="dwac_instruction",
            purchaser_id=None,
            addressee="transfer_agent",
            to_name=agent.name,
            route=Route("email", agent.email),
            subject=f"DWAC issuance instruction: {found.terms.issuer_name}, {run['instructed_on']}",
            body=_instruction_body(found, run["instructed_on"]),
            attachments=[
                Attachment(letter.info.file_name, letter.content),
                Attachment(table.info.file_name, table.content, "text/csv"),
                *(Attachment(x.info.file_name, x.content, XLSX) for x in sheets),
                *(
                    Attachment(a.file_name, stored_document(engine, a.document_id).content)
                    for a in approvals
                ),
            ],
            document_id=run["letter_document_id"],
            event_subject=f"offering:{found.id}",
            event_payload={"run_id": run["id"]},
        )
        outcome, _ = mailing.deliver(engine, found, outgoing)
        outcomes.append(outcome)
    return outcomes


def send_settlement_mail(
    engine: Engine, mailing: Mailing, *, offering: str | None
) -> list[DeliveryOutcome]:
    """Everything settlement owes by mail: the instructions, then the warrant copies."""
    return [
        *send_instructions(engine, mailing, offering=offering),
        *send_warrant_copies(engine, mailing, offering=offering),
    ]


def send_warrant_copies(
    engine: Engine, mailing: Mailing, *, offering: str | None
) -> list[DeliveryOutcome]:
    """Each settled purchaser whose copy has not gone out: the closing confirmation and the
    copy, by every means the notice address states (fax through the gateway, e-mail, both);
    a means already sent is not sent again. The copy counts as sent (warrant_copy_delivered)
    once it went by every means."""
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        purchasers = {p.id: p for p in uow.purchasers.iter(found.id)}
        store = uow.settlements
        waiting = [
            w
            for w in store.warrants(found.id)
            if not purchasers[w.purchaser_id].checklist.get("warrant_copy_delivered")
        ]
        sent = {
            (d.purchaser_id, d.sent_to)
            for d in store.deliveries(found.id, kind="warrant_copy")
            if d.status == SENT
        }
    outcomes: list[DeliveryOutcome] = []
    server_down: str | None = None
    for warrant in waiting:
        purchaser = purchasers[warrant.purchaser_id]
        ways, problems = routes(
            email=purchaser.email, fax=purchaser.fax, gateway=mailing.fax_gateway
        )
        outcomes += [
            DeliveryOutcome("warrant_copy", purchaser.id, purchaser.name, None, SKIPPED, why)
            for why in problems
        ]
        pending = [w for w in ways if (purchaser.id, w.address) not in sent]
        for number, way in enumerate(pending, start=1):
            if server_down is not None:
                outcomes.append(
                    DeliveryOutcome(
                        "warrant_copy",
                        purchaser.id,
                        purchaser.name,
                        way.address,
                        NOT_TRIED,
                        f"not tried: {server_down}",
                    )
                )
                continue
            last = number == len(pending) and not problems
            outgoing = _copy(engine, found, purchaser, warrant, way, complete=last)
            outcome, down = mailing.deliver(engine, found, outgoing)
            outcomes.append(outcome)
            server_down = outcome.detail if down else None
            if outcome.status != SENT:
                break  # the copy is not complete: the next run tries this means again
    return outcomes


def _copy(
    engine: Engine,
    offering: Offering,
    purchaser: Purchaser,
    warrant: WarrantRecord,
    way: Route,
    *,
    complete: bool,
) -> Outgoing:
    letter = closing_confirmation(
        purchaser,
        offering.terms,
        warrant_number=warrant.number,
        settled_on=date.fromisoformat(warrant.issue_date),
    )
    stored = stored_document(engine, warrant.document_id)
    return Outgoing(
        kind="warrant_copy",
        purchaser_id=purchaser.id,
        addressee=purchaser.name,
        to_name=purchaser.name,
        route=way,
        subject=letter.subject,
        body=notice_text(letter),
        attachments=[Attachment(f"copy-of-{stored.info.file_name}", stored.content)],
        document_id=warrant.document_id,
        event_subject=f"purchaser:{purchaser.id}",
        event_payload={"warrant_number": warrant.number, "closing_confirmation": True},
        checklist="warrant_copy_delivered" if complete else None,
        deadline=closing_deadlines(offering.terms)[0],
    )


def _instruction_body(offering: Offering, day: str) -> str:
    terms = offering.terms
    return (
        f"Attached: {terms.issuer_name}'s instruction of {day} to issue and credit shares "
        "through DTC's DWAC system (signed letter, PDF) and the same rows as CSV for your "
        "systems. Please confirm each credit."
    )
