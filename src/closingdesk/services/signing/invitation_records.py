"""Recording an invitation once the mail server has answered, and reading them back.

One transaction: the invitation row, its event ("invitation.sent" or "invitation.refused"),
and, for a sent invitation that carried the prospectus, its delivery ("emailed").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.store.invitation_repository import Invitation
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import NotFound
from closingdesk.services.clock import stamp
from closingdesk.services.documents.prospectus import Prospectus, deliver_in


def record_invitation(
    engine: Engine,
    purchaser_id: int,
    *,
    link_id: int,
    sent_to: str,
    message_id: str,
    prospectus: Prospectus | None,
    smtp_response: str | None,
    error: str | None,
    actor: str,
    now: datetime,
) -> Invitation:
    """Record what the mail server did with an invitation: took it (``error`` None) or not."""
    at, status = stamp(now), "sent" if error is None else "refused"
    with UnitOfWork(engine) as uow:
        uow.purchaser_details.lock(purchaser_id)
        purchaser = uow.purchasers.get(purchaser_id)
        if purchaser is None:
            raise NotFound(f"no purchaser {purchaser_id}")
        invitation = uow.invitations.add(
            purchaser_id=purchaser_id,
            link_id=link_id,
            sent_to=sent_to,
            sent_at=at,
            sent_by=actor,
            status=status,
            message_id=message_id,
            prospectus_sha256=prospectus.sha256 if prospectus else None,
            smtp_response=smtp_response,
            error=error,
        )
        entry = (f"invitation.{status}", f"purchaser:{purchaser_id}", _payload(invitation))
        uow.events.append(at=at, actor=actor, entries=[entry])
        if prospectus is not None and error is None:
            sent = {"invitation_id": invitation.id, "sent_to": sent_to, "message_id": message_id}
            deliver_in(uow, purchaser, prospectus, how="emailed", at=now, detail=sent, actor=actor)
        uow.commit()
    return invitation


def invitations_of(engine: Engine, purchaser_id: int) -> list[Invitation]:
    """Every invitation sent to (or refused for) a purchaser, oldest first."""
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.invitations.of_purchaser(purchaser_id)


def _payload(invitation: Invitation) -> dict[str, Any]:
    payload = {
        "invitation_id": invitation.id,
        "link_id": invitation.link_id,
        "sent_to": invitation.sent_to,
        "message_id": invitation.message_id,
        "prospectus_sha256": invitation.prospectus_sha256,
    }
    if invitation.error is None:
        return {**payload, "smtp_response": invitation.smtp_response}
    return {**payload, "error": invitation.error}
