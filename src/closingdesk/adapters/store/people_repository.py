"""The store of people: users, sessions, API tokens, purchasers' links, failed logins,
secrets."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, delete, insert, select, update

from closingdesk.adapters.store import tables as t
from closingdesk.domain.people.credentials import ApiToken, WebSession
from closingdesk.domain.people.team import PurchaserLink, User


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

    def add_token(
        self, *, user_id: int, token_hash: str, label: str | None, at: str, expires_at: str
    ) -> int:
        result = self._c.execute(
            insert(t.api_tokens).values(
                user_id=user_id,
                token_hash=token_hash,
                label=label,
                created_at=at,
                expires_at=expires_at,
            )
        )
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new token no id")
        return int(key[0])

    def token_by_hash(self, token_hash: str) -> tuple[ApiToken, User] | None:
        """The token (revoked or not) and its user."""
        row = self._c.execute(
            _tokens_query()
            .add_columns(*_USER_COLUMNS)
            .where(t.api_tokens.c.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        user = User(row.uid, row.email, row.role, disabled=bool(row.disabled))
        return _token(row), user

    def tokens(self) -> list[ApiToken]:
        query = _tokens_query().order_by(t.api_tokens.c.id)
        return [_token(row) for row in self._c.execute(query)]

    def token(self, token_id: int) -> ApiToken | None:
        row = self._c.execute(_tokens_query().where(t.api_tokens.c.id == token_id)).first()
        return _token(row) if row else None

    def touch_token(self, token_id: int, *, at: str) -> None:
        statement = update(t.api_tokens).where(t.api_tokens.c.id == token_id)
        self._c.execute(statement.values(last_used_at=at))

    def revoke_token(self, token_id: int, *, at: str) -> None:
        c = t.api_tokens.c
        statement = update(t.api_tokens).where(c.id == token_id, c.revoked_at.is_(None))
        self._c.execute(statement.values(revoked_at=at))

    def add_session(self, *, session_hash: str, user_id: int, at: str) -> int:
        result = self._c.execute(
            insert(t.web_sessions).values(
                session_hash=session_hash, user_id=user_id, created_at=at, last_seen_at=at
            )
        )
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new session no id")
        return int(key[0])

    def session_by_hash(self, session_hash: str) -> WebSession | None:
        c = t.web_sessions.c
        row = self._c.execute(select(t.web_sessions).where(c.session_hash == session_hash)).first()
        if row is None:
            return None
        return WebSession(
            id=row.id,
            user_id=row.user_id,
            created_at=_time(row.created_at),
            last_seen_at=_time(row.last_seen_at),
            ended_at=_time(row.ended_at) if row.ended_at else None,
        )

    def touch_session(self, session_id: int, *, at: str) -> None:
        statement = update(t.web_sessions).where(t.web_sessions.c.id == session_id)
        self._c.execute(statement.values(last_seen_at=at))

    def end_session(self, session_hash: str, *, at: str) -> None:
        c = t.web_sessions.c
        statement = update(t.web_sessions).where(
            c.session_hash == session_hash, c.ended_at.is_(None)
        )
        self._c.execute(statement.values(ended_at=at))

    def end_sessions_of(self, user_id: int, *, at: str) -> None:
        c = t.web_sessions.c
        statement = update(t.web_sessions).where(c.user_id == user_id, c.ended_at.is_(None))
        self._c.execute(statement.values(ended_at=at))

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

    def record_login_failure(self, email: str, *, client: str | None, at: str) -> None:
        self._c.execute(insert(t.login_failures).values(email=email, client=client, at=at))

    def failures_of_email(self, email: str, since: str) -> list[datetime]:
        """When sign-ins as this e-mail failed since then, oldest first."""
        c = t.login_failures.c
        query = select(c.at).where(c.email == email, c.at >= since).order_by(c.at)
        return [_time(at) for at in self._c.execute(query).scalars()]

    def failures_of_client(self, client: str, since: str) -> list[datetime]:
        """When sign-ins from this address (as anyone) failed since then, oldest first."""
        c = t.login_failures.c
        query = select(c.at).where(c.client == client, c.at >= since).order_by(c.at)
        return [_time(at) for at in self._c.execute(query).scalars()]

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


_USER_COLUMNS = (
    t.users.c.id.label("uid"),
    t.users.c.role,
    t.users.c.disabled,
)


def _tokens_query() -> Select[Any]:
    c = t.api_tokens.c
    return select(
        c.id, c.label, c.created_at, c.expires_at, c.last_used_at, c.revoked_at, t.users.c.email
    ).join(t.users, t.users.c.id == c.user_id)


def _time(stamped: str) -> datetime:
    return datetime.fromisoformat(stamped)


def _token(row: Row[Any]) -> ApiToken:
    # A token without an expiry cannot exist after migration 0013; refuse it if one does.
    expires = _time(row.expires_at) if row.expires_at else _time(row.created_at)
    return ApiToken(
        id=row.id,
        user_email=row.email,
        label=row.label,
        created_at=_time(row.created_at),
        expires_at=expires,
        last_used_at=_time(row.last_used_at) if row.last_used_at else None,
        revoked_at=_time(row.revoked_at) if row.revoked_at else None,
    )
