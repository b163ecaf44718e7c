"""Invitations: each purchaser e-mailed their own link, with the prospectus attached.

For each purchaser: a new link (with its own event), the e-mail handed to the mail server
outside any transaction, then the invitation recorded, sent or refused (see
invitation_records). A refusal is recorded and reported, never dropped; when the server
takes no mail at all, the purchasers after it are not tried and are reported so. Sending
again makes a new link and a new invitation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from closingdesk.adapters.mail import Mailer, MailFailed
from closingdesk.adapters.mail_message import Attachment, address_problem, compose
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import InvalidInput, NotFound
from closingdesk.domain.signing.invitation import invitation_text
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.prospectus import KIND, Prospectus
from closingdesk.services.signing.invitation_records import record_invitation
from closingdesk.services.signing.links import DEFAULT_LIFETIME, create_link

SENT, REFUSED, SKIPPED, NOT_TRIED = "sent", "refused", "skipped", "not_tried"


@dataclass(frozen=True)
class InvitationOutcome:
    purchaser_id: int
    name: str
    sent_to: str | None
    status: str  # sent, refused, skipped or not_tried
    detail: str  # the server's reply, its refusal, or why no e-mail was sent
    invitation_id: int | None = None
    link_id: int | None = None


@dataclass(frozen=True)
class InvitationRun:
    offering: Offering
    prospectus: Prospectus | None  # attached to every invitation, when there is one
    outcomes: tuple[InvitationOutcome, ...]

    def having(self, *statuses: str) -> list[InvitationOutcome]:
        return [o for o in self.outcomes if o.status in statuses]


@dataclass(frozen=True)
class _Sending:
    """What every invitation of one run shares."""

    mailer: Mailer
    offering: Offering
    prospectus: Prospectus | None
    public_url: str
    sender: str
    link_key: str
    lifetime: timedelta
    actor: str
    clock: Callable[[], datetime]


def send_invitations(
    engine: Engine,
    mailer: Mailer,
    *,
    offering: str | None,
    purchaser_id: int | None = None,
    uninvited_only: bool = False,
    public_url: str,
    sender: str,
    link_key: str,
    lifetime: timedelta = DEFAULT_LIFETIME,
    actor: str,
    clock: Callable[[], datetime] = utc_now,
) -> InvitationRun:
    """E-mail the offering's purchasers (or one) their own links; ``uninvited_only``: only
    those whom no invitation has reached yet."""
    found, purchasers, prospectus = _recipients(engine, offering, purchaser_id, uninvited_only)
    base = public_url.rstrip("/")
    sending = _Sending(mailer, found, prospectus, base, sender, link_key, lifetime, actor, clock)
    return InvitationRun(found, prospectus, tuple(_send_all(engine, sending, purchasers)))


def _send_all(
    engine: Engine, sending: _Sending, purchasers: Sequence[Purchaser]
) -> list[InvitationOutcome]:
    outcomes: list[InvitationOutcome] = []
    server_down: str | None = None
    for p in purchasers:
        skip = _why_not(p)
        if skip is not None or server_down is not None:
            status, detail = (SKIPPED, skip) if skip else (NOT_TRIED, f"not tried: {server_down}")
            outcomes.append(InvitationOutcome(p.id, p.name, p.email, status, detail))
            continue
        outcome, takes_no_mail = _invite(engine, sending, p)
        outcomes.append(outcome)
        server_down = outcome.detail if takes_no_mail else None
    return outcomes


def _recipients(
    engine: Engine, offering: str | None, purchaser_id: int | None, uninvited_only: bool
) -> tuple[Offering, list[Purchaser], Prospectus | None]:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        purchasers = uow.purchasers.list(found.id, purchaser_id=purchaser_id)
        if purchaser_id is not None and not purchasers:
            raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
        if purchaser_id is not None and (why := _why_not(purchasers[0])):
            raise InvalidInput(f"purchaser {purchaser_id} cannot be invited: {why}")
        if uninvited_only:
            invited = uow.invitations.invited(found.id)
            purchasers = [p for p in purchasers if p.id not in invited]
        prospectus = uow.offering_documents.latest(found.id, kind=KIND)
    return found, purchasers, prospectus


def _why_not(purchaser: Purchaser) -> str | None:
    if not purchaser.email:
        return "no e-mail address"
    return address_problem(purchaser.email)


def _invite(
    engine: Engine, sending: _Sending, purchaser: Purchaser
) -> tuple[InvitationOutcome, bool]:
    """Send one invitation and record it: (what happened, whether the server takes no mail)."""
    s, email = sending, purchaser.email or ""
    issued = create_link(
        engine,
        purchaser.id,
        offering=s.offering.slug,
        link_key=s.link_key,
        lifetime=s.lifetime,
        sent_to=email,
        actor=s.actor,
        now=s.clock(),
    )
    subject, body = invitation_text(
        s.offering.terms,
        name=purchaser.name,
        attention=purchaser.attention,
        shares=purchaser.shares,
        url=f"{s.public_url}/p/{issued.token}",
        expires=_until(issued.link.expires_at),
        prospectus_attached=s.prospectus is not None,
    )
    files = [Attachment(s.prospectus.file_name, s.prospectus.content)] if s.prospectus else []
    message = compose(
        sender=s.sender,
        to_name=purchaser.name,
        to_address=email,
        subject=subject,
        body=body,
        attachments=files,
        now=s.clock(),
    )
    try:
        reply, error, takes_no_mail = s.mailer.send(message), None, False
    except MailFailed as failure:
        reply, error, takes_no_mail = None, failure.reason, failure.affects_all
    invitation = record_invitation(
        engine,
        purchaser.id,
        link_id=issued.link.id,
        sent_to=email,
        message_id=str(message["Message-ID"]),
        prospectus=s.prospectus,
        smtp_response=reply,
        error=error,
        actor=s.actor,
        now=s.clock(),
    )
    status, detail = (SENT, reply or "") if error is None else (REFUSED, error)
    outcome = InvitationOutcome(
        purchaser.id, purchaser.name, email, status, detail, invitation.id, issued.link.id
    )
    return outcome, takes_no_mail


def _until(expires_at: str) -> str:
    """'2002-03-26T16:00:00.000000Z' -> 'March 26, 2002 at 16:00 UTC'."""
    moment = datetime.fromisoformat(expires_at)
    return f"{moment:%B} {moment.day}, {moment.year} at {moment:%H:%M} UTC"
