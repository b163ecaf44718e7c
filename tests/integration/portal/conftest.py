"""Purchasers' links over the three-purchaser closing, and clients that opened them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.services.signing.links import IssuedLink, create_link
from tests.http_scenarios import Closing, closing, csrf_from

__all__ = ["Portal", "closing", "flip", "portal"]

BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def flip(token: str, position: int) -> str:
    """The token with one character changed in its highest bit (never a padding bit)."""
    i = position % len(token)
    if token[i] not in BASE64URL:
        return flip(token, i + 1)
    changed = BASE64URL[BASE64URL.index(token[i]) ^ 32]
    return token[:i] + changed + token[i + 1 :]


@dataclass(frozen=True)
class Portal:
    """The closing, seen by its purchasers through their own links."""

    closing: Closing

    def purchaser(self, name: str) -> Purchaser:
        with UnitOfWork(self.closing.engine, read_only=True) as uow:
            query = select(t.purchasers.c.id).where(t.purchasers.c.name == name)
            purchaser_id = uow.connection.execute(query).scalar_one()
            found = uow.purchasers.get(purchaser_id)
        assert found is not None
        return found

    def link(self, name: str, *, lifetime: timedelta = timedelta(days=14)) -> IssuedLink:
        return create_link(
            self.closing.engine,
            self.purchaser(name).id,
            offering=None,
            link_key=self.closing.app.state.link_key,
            lifetime=lifetime,
            actor="user:agent@closing.example",
            now=datetime.now(UTC),
        )

    def opened(self, token: str) -> tuple[TestClient, str]:
        """A browser that opened the link: its client, and the CSRF token of its form."""
        client = self.closing.client()
        page = client.get(f"/p/{token}")
        assert page.status_code == 200, page.text
        return client, csrf_from(page.text)

    def events(self) -> list[tuple[int, str, str]]:
        with UnitOfWork(self.closing.engine, read_only=True) as uow:
            return [(e.seq, e.kind, e.subject) for e in uow.events.iter()]

    def mark(self, name: str, item: str) -> None:
        with UnitOfWork(self.closing.engine) as uow:
            uow.purchasers.set_checklist([self.purchaser(name).id], item, done=True)
            uow.commit()


@pytest.fixture
def portal(closing: Closing) -> Portal:
    return Portal(closing)
