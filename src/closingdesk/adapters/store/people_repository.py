"""The store of people: users, API tokens, purchasers' links, failed logins, secrets."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from closingdesk.adapters.store import tables as t
from closingdesk.domain.people import PurchaserLink, User


class PeopleRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add_user(self, *, email: str, role: str, password_hash: str, created_at: str) -> int:
        result = self._c.execute(
            insert(t.users).values(
                email=email, role=role, password_hash=password_hash, created_at=created_at
            )
        )
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new user no id")
        return int(key[0])

    def user_by_email(self, email: str) -> tuple[User, str] | None:
        """The user and their password hash."""
        row = self._c.execute(select(t.users).where(t.users.c.email == email)).first()
        return (_user(row), row.password_hash) if row else None

    def user(self, user_id: int) -> User | None:
        row = self._c.execute(select(t.users).where(t.users.c.id == user_id)).first()
        return _user(row) if row else None

    def users(self) -> list[User]:
        return [_user(r) for r in self._c.execute(select(t.users).order_by(t.users.c.id))]

    def set_disabled(self, user_id: int, *, disabled: bool) -> None:
        self._c.execute(update(t.users).where(t.users.c.id == user_id).values(disabled=disabled))

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        statement = update(t.users).where(t.users.c.id == user_id)
        self._c.execute(statement.values(password_hash=password_hash))

    def add_token(self, *, user_id: int, token_hash: str, label: str | None, at: str) -> int:
        result = self._c.execute(
            insert(t.api_tokens).values(
                user_id=user_id, token_hash=token_hash, label=label, created_at=at
            )
        )
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new token no id")
        return int(key[0])

    def user_by_token_hash(self, token_hash: str) -> User | None:
        query = (
            select(t.users)
            .join(t.api_tokens, t.api_tokens.c.user_id == t.users.c.id)
            .where(t.api_tokens.c.token_hash == token_hash, t.api_tokens.c.revoked_at.is_(None))
        )
        row = self._c.execute(query).first()
        return _user(row) if row else None

    def add_link(self, **values: Any) -> int:
        result = self._c.execute(insert(t.purchaser_links).values(**values))
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new link no id")
        return int(key[0])

    def link(self, link_id: int) -> tuple[PurchaserLink, str] | None:
        """The link and its nonce hash."""
        row = self._c.execute(
            select(t.purchaser_links).where(t.purchaser_links.c.id == link_id)
        ).first()
        return (_link(row), row.nonce_hash) if row else None

    def links_of(self, purchaser_id: int) -> list[PurchaserLink]:
        c = t.purchaser_links.c
        query = select(t.purchaser_links).where(c.purchaser_id == purchaser_id).order_by(c.id)
        return [_link(r) for r in self._c.execute(query)]

    def revoke_link(self, link_id: int, *, at: str) -> None:
        c = t.purchaser_links.c
        statement = update(t.purchaser_links).where(c.id == link_id, c.revoked_at.is_(None))
        self._c.execute(statement.values(revoked_at=at))

    def record_login_failure(self, email: str, *, at: str) -> None:
        self._c.execute(insert(t.login_failures).values(email=email, at=at))

    def login_failures_since(self, email: str, since: str) -> int:
        c = t.login_failures.c
        query = select(func.count()).where(c.email == email, c.at >= since)
        return int(self._c.execute(query).scalar_one())

    def clear_login_failures(self, email: str) -> None:
        self._c.execute(delete(t.login_failures).where(t.login_failures.c.email == email))

    def secret(self, name: str) -> str:
        """A named random secret of this installation, made the first time it is asked for."""
        query = select(t.app_secrets.c.value).where(t.app_secrets.c.name == name)
        value = self._c.execute(query).scalar_one_or_none()
        if value is None:
            value = secrets.token_urlsafe(48)
            self._c.execute(insert(t.app_secrets).values(name=name, value=value))
        return str(value)


def _user(row: Row[Any]) -> User:
    return User(id=row.id, email=row.email, role=row.role, disabled=bool(row.disabled))


def _link(row: Row[Any]) -> PurchaserLink:
    return PurchaserLink(
        id=row.id,
        purchaser_id=row.purchaser_id,
        sent_to=row.sent_to,
        created_by=row.created_by,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )
