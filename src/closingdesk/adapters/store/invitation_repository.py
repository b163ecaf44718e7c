"""The store of invitations: one row per e-mail attempted, sent or refused.

Used inside a unit of work (``InvitationRepository(uow.connection)``); it never commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.invitation_tables import invitations


@dataclass(frozen=True)
class Invitation:
    id: int
    purchaser_id: int
    link_id: int
    sent_to: str
    sent_at: str
    sent_by: str
    status: str  # "sent" or "refused"
    message_id: str
    prospectus_sha256: str | None
    smtp_response: str | None
    error: str | None


class InvitationRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add(
        self,
        *,
        purchaser_id: int,
        link_id: int,
        sent_to: str,
        sent_at: str,
        sent_by: str,
        status: str,
        message_id: str,
        prospectus_sha256: str | None,
        smtp_response: str | None,
        error: str | None,
    ) -> Invitation:
        values = {
            "purchaser_id": purchaser_id,
            "link_id": link_id,
            "sent_to": sent_to,
            "sent_at": sent_at,
            "sent_by": sent_by,
            "status": status,
            "message_id": message_id,
            "prospectus_sha256": prospectus_sha256,
            "smtp_response": smtp_response,
            "error": error,
        }
        key = self._c.execute(insert(invitations).values(values)).inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new invitation no id")
        return Invitation(
            int(key[0]),
            purchaser_id,
            link_id,
            sent_to,
            sent_at,
            sent_by,
            status,
            message_id,
            prospectus_sha256,
            smtp_response,
            error,
        )

    def of_purchaser(self, purchaser_id: int) -> list[Invitation]:
        query = (
            select(invitations)
            .where(invitations.c.purchaser_id == purchaser_id)
            .order_by(invitations.c.id)
        )
        return [Invitation(**row._mapping) for row in self._c.execute(query)]

    def invited(self, offering_id: int) -> set[int]:
        """Ids of the offering's purchasers whom an invitation reached (status "sent")."""
        p = t.purchasers.c
        query = (
            select(invitations.c.purchaser_id)
            .join(t.purchasers, p.id == invitations.c.purchaser_id)
            .where(p.offering_id == offering_id, invitations.c.status == "sent")
            .distinct()
        )
        return {int(pid) for pid in self._c.execute(query).scalars()}
