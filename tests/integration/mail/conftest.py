"""The three-purchaser closing (Beta given an e-mail), a mail server, and sending to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.services.book.purchaser_details import update_purchaser_details
from closingdesk.services.documents.prospectus import add_prospectus
from closingdesk.services.signing.invitations import InvitationRun, send_invitations
from tests.http_scenarios import Closing, closing
from tests.mail_scenarios import SmtpServer, prospectus_pdf, smtp_server

__all__ = ["Desk", "closing", "desk"]

PUBLIC_URL = "https://closing.example"
SENDER = "NeoTherapeutics Closing <closing@neotherapeutics.example>"


@dataclass(frozen=True)
class Desk:
    """The closing, its mail server, and what the team does with them."""

    closing: Closing
    server: SmtpServer

    def purchaser(self, name: str) -> Purchaser:
        return purchaser_named(self.closing.engine, name)

    def add_prospectus(self, content: bytes | None = None) -> bytes:
        content = content or prospectus_pdf()
        add_prospectus(
            self.closing.engine,
            content,
            source="424b5.pdf",
            offering=None,
            actor="user:counsel@closing.example",
            now=datetime.now(UTC),
        )
        return content

    def invite(self, settings: SmtpSettings | None = None, **options: Any) -> InvitationRun:
        with SmtpMailer(settings or SmtpSettings(self.server.host, self.server.port)) as mailer:
            return send_invitations(
                self.closing.engine,
                mailer,
                offering=options.pop("offering", None),
                public_url=PUBLIC_URL,
                sender=SENDER,
                link_key=self.closing.app.state.link_key,
                actor="user:agent@closing.example",
                **options,
            )

    def events(self, kind: str) -> list[ChainedEvent]:
        with UnitOfWork(self.closing.engine, read_only=True) as uow:
            return [e for e in uow.events.iter() if e.kind == kind]


def purchaser_named(engine: Engine, name: str) -> Purchaser:
    with UnitOfWork(engine, read_only=True) as uow:
        query = select(t.purchasers.c.id).where(t.purchasers.c.name == name)
        found = uow.purchasers.get(uow.connection.execute(query).scalar_one())
    assert found is not None
    return found


@pytest.fixture
def desk(closing: Closing) -> Iterator[Desk]:
    beta = purchaser_named(closing.engine, "Beta Partners")
    update_purchaser_details(
        closing.engine,
        beta.id,
        {"email": "treasury@beta.example"},
        actor="test",
        now=datetime.now(UTC),
    )
    with smtp_server() as server:
        yield Desk(closing, server)
