"""Notices: a letter addressed as the form's notice provisions say, sent and kept as proof.

The letter (PDF) is stored as a document before it is sent; the message carries its text
and the PDF; the delivery row and its event record what the mail server (or the fax
gateway behind it) answered.
"""

from __future__ import annotations

import hashlib
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from closingdesk.adapters.documents.pdf_notice_letter import render_notice_pdf
from closingdesk.adapters.mail_message import Attachment
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.documents.delivery_route import no_route_reason, route
from closingdesk.domain.documents.forms_catalog import NOTICE, notice_body
from closingdesk.domain.documents.notice_letter import (
    notice_to_company,
    notice_to_purchaser,
)
from closingdesk.domain.problems import InvalidInput, NotFound
from closingdesk.domain.text_safety import refuse_unsafe
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.documents.agreements import file_slug
from closingdesk.services.documents.forms import current_form
from closingdesk.services.settlement.deliveries import DeliveryOutcome, Outgoing
from closingdesk.services.settlement.settlement_mail import Mailing

COMPANY = "company"


def send_notice(
    engine: Engine,
    mailing: Mailing,
    *,
    offering: str | None,
    to: str,
    subject: str,
    body: str,
    prefer_fax: bool = False,
) -> DeliveryOutcome:
    """Send a notice to the company (``to="company"``) or to a purchaser (``to`` = their id)."""
    if not subject.strip() or not body.strip():
        raise InvalidInput("a notice needs a subject and a body")
    refuse_unsafe({"subject": subject, "body": body}, lines=["body"])
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    now = mailing.clock()
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        day = now.astimezone(ZoneInfo(found.terms.timezone)).date()
        purchaser_id: int | None = None
        if to == COMPANY:
            sender_name = parseaddr(mailing.sender)[0] or parseaddr(mailing.sender)[1]
            letter = notice_to_company(
                found.terms,
                subject=subject,
                paragraphs=paragraphs,
                dated=day,
                sender=(sender_name,),
            )
            addressee, to_name = COMPANY, found.terms.company_notice.name
        else:
            purchaser = uow.purchasers.get(int(to)) if to.isdigit() else None
            if purchaser is None or purchaser.offering_id != found.id:
                raise NotFound(f"no purchaser {to} in offering {found.slug} (or say --to company)")
            purchaser_id = purchaser.id
            letter = notice_to_purchaser(
                purchaser, found.terms, subject=subject, paragraphs=paragraphs, dated=day
            )
            addressee, to_name = "purchaser", purchaser.name
        way = route(
            email=letter.email, fax=letter.fax, gateway=mailing.fax_gateway, prefer_fax=prefer_fax
        )
        if way is None:
            why = no_route_reason(email=letter.email, fax=letter.fax, gateway=mailing.fax_gateway)
            raise InvalidInput(f"the notice cannot be sent to {to_name}: {why}")
        form = current_form(uow, found.id, NOTICE)
    pdf = render_notice_pdf(letter, form)
    file_name = f"notice-{day.isoformat()}-{file_slug(to_name)}.pdf"
    outgoing = Outgoing(
        kind="notice",
        purchaser_id=purchaser_id,
        addressee=addressee,
        to_name=to_name,
        route=way,
        subject=subject,
        body=notice_body(letter, form),
        attachments=[Attachment(file_name, pdf)],
        document_id=None,
        new_document={
            "offering_id": found.id,
            "purchaser_id": purchaser_id,
            "kind": "notice",
            "format": "pdf",
            "version": 1,
            "file_name": file_name,
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "content": pdf,
        },
        event_subject=f"purchaser:{purchaser_id}" if purchaser_id else f"offering:{found.id}",
        event_payload={"subject": subject, "to": to},
    )
    outcome, _ = mailing.deliver(engine, found, outgoing)
    return outcome
