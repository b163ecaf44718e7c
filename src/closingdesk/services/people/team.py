"""Team users, their sign-in, their sessions and API tokens."""

from __future__ import annotations

import hashlib
import math
import os
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import Engine

from closingdesk.adapters.passwords import hash_password, password_matches
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.people.credentials import (
    DEFAULT_TOKEN_DAYS,
    ApiToken,
    SessionLimits,
    check_token_days,
)
from closingdesk.domain.people.sign_in_throttle import BY_ADDRESS, BY_EMAIL, WINDOW, retry_after
from closingdesk.domain.people.team import User, check_role, normalize_email
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Refusal
from closingdesk.services.clock import stamp, utc_now

MIN_PASSWORD_LENGTH = 10


class NotAuthenticated(Refusal):
    """Unknown user, wrong password, disabled account, or a bad token (HTTP 401)."""

    default_message = "sign-in failed: unknown e-mail or wrong password"


class TooManyAttempts(Refusal):
    """Too many failed sign-ins in a short time, for this e-mail or from this address: the
    next attempt is heard after ``retry_after_seconds`` (HTTP 429)."""

    default_message = "too many failed sign-ins; wait a little and try again"

    def __init__(self, retry_after_seconds: int = 1) -> None:
        self.retry_after_seconds = retry_after_seconds
        super().__init__(
            f"too many failed sign-ins; wait {retry_after_seconds} "
            f"second{'s' if retry_after_seconds != 1 else ''} and try again"
        )


def add_user(
    engine: Engine, email: str, *, role: str, password: str, actor: str, now: datetime
) -> User:
    email = normalize_email(email)
    problems = [p for p in (check_role(role), _check_password(password), _check_email(email)) if p]
    if problems:
        raise InvalidInput("the user was not added: " + "; ".join(problems))
    with UnitOfWork(engine) as uow:
        if uow.people.user_by_email(email) is not None:
            raise Conflict(f"a user {email} already exists")
        at = stamp(now)
        user_id = uow.people.add_user(
            email=email, role=role, password_hash=hash_password(password), created_at=at
        )
        entry = ("user.added", f"user:{user_id}", {"email": email, "role": role})
        uow.events.append(at=at, actor=actor, entries=[entry])
        uow.commit()
    return User(user_id, email, role, disabled=False)


def _check_password(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"the password must have at least {MIN_PASSWORD_LENGTH} characters"
    return None


def _check_email(email: str) -> str | None:
    local, at, domain = email.partition("@")
    return None if (local and at and "." in domain) else f"{email!r} is not an e-mail address"


def list_users(engine: Engine) -> list[User]:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.people.users()


def disable_user(engine: Engine, email: str, *, actor: str, now: datetime) -> User:
    email = normalize_email(email)
    with UnitOfWork(engine) as uow:
        found = uow.people.user_by_email(email)
        if found is None:
            raise NotFound(f"no user {email}")
        user = found[0]
        at = stamp(now)
        uow.people.set_disabled(user.id, disabled=True)
        uow.people.end_sessions_of(user.id, at=at)
        entry = ("user.disabled", f"user:{user.id}", {"email": email})
        uow.events.append(at=at, actor=actor, entries=[entry])
        uow.commit()
    return User(user.id, user.email, user.role, disabled=True)


def authenticate(
    engine: Engine, email: str, password: str, *, now: datetime, client: str | None = None
) -> User:
    """The user whose e-mail and password these are.

    Failures make the next attempt wait (by e-mail and by the client's address; see
    ``domain.sign_in_throttle``). An unknown e-mail costs the same password check as a
    known one, and every failure gets the same message.
    """
    email = normalize_email(email)
    with UnitOfWork(engine) as uow:
        _check_throttle(uow, email, client, now)
        dummy = _dummy_hash()  # made once, before either path can be timed
        found = uow.people.user_by_email(email)
        # An unknown e-mail is checked against a dummy hash: the same work, the same time.
        matches = password_matches(found[1] if found else dummy, password)
        if found is None or found[0].disabled or not matches:
            uow.people.record_login_failure(email, client=client, at=stamp(now))
            uow.commit()
            raise NotAuthenticated()
        uow.people.clear_login_failures(email)
        uow.commit()
        return found[0]


def _check_throttle(uow: UnitOfWork, email: str, client: str | None, now: datetime) -> None:
    since = stamp(now - WINDOW)
    waits = [retry_after(uow.people.failures_of_email(email, since), now=now, schedule=BY_EMAIL)]
    if client:
        failures = uow.people.failures_of_client(client, since)
        waits.append(retry_after(failures, now=now, schedule=BY_ADDRESS))
    wait = max(waits)
    if wait > timedelta(0):
        raise TooManyAttempts(math.ceil(wait.total_seconds()))


@lru_cache(maxsize=2)
def _dummy_hash_for(profile: str) -> str:
    return hash_password(secrets.token_urlsafe(16) + profile)


def _dummy_hash() -> str:
    return _dummy_hash_for(os.environ.get("CLOSINGDESK_TEST_PASSWORD_HASHING", ""))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    user: User
    token: str  # shown once; only its hash is kept
    token_id: int
    expires_at: datetime


def create_token(
    engine: Engine,
    email: str,
    *,
    label: str | None,
    actor: str,
    now: datetime,
    days: int = DEFAULT_TOKEN_DAYS,
) -> tuple[User, str]:
    """A new bearer token for the user; only its hash is stored, so it is shown once."""
    issued = issue_token(engine, email, label=label, actor=actor, now=now, days=days)
    return issued.user, issued.token


def issue_token(
    engine: Engine,
    email: str,
    *,
    label: str | None,
    actor: str,
    now: datetime,
    days: int = DEFAULT_TOKEN_DAYS,
) -> IssuedToken:
    """A new bearer token for the user, expiring after ``days`` days."""
    problem = check_token_days(days)
    if problem:
        raise InvalidInput(f"the token was not created: {problem}")
    email = normalize_email(email)
    token = "cd_" + secrets.token_urlsafe(32)
    expires = now + timedelta(days=days)
    with UnitOfWork(engine) as uow:
        found = uow.people.user_by_email(email)
        if found is None:
            raise NotFound(f"no user {email}")
        user = found[0]
        if user.disabled:
            raise Conflict(f"user {email} is disabled")
        at = stamp(now)
        token_id = uow.people.add_token(
            user_id=user.id,
            token_hash=token_hash(token),
            label=label,
            at=at,
            expires_at=stamp(expires),
        )
        payload = {"token_id": token_id, "label": label, "expires_at": stamp(expires)}
        uow.events.append(
            at=at, actor=actor, entries=[("token.created", f"user:{user.id}", payload)]
        )
        uow.commit()
    return IssuedToken(user, token, token_id, expires)


def list_tokens(engine: Engine) -> list[ApiToken]:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.people.tokens()


def revoke_token(engine: Engine, token_id: int, *, actor: str, now: datetime) -> ApiToken:
    """Revoke a token: it gets 401 from now on. Revoking it again is refused."""
    with UnitOfWork(engine) as uow:
        found = uow.people.token(token_id)
        if found is None:
            raise NotFound(f"no token {token_id}")
        if found.revoked_at is not None:
            raise Conflict(f"token {token_id} was already revoked at {stamp(found.revoked_at)}")
        at = stamp(now)
        uow.people.revoke_token(token_id, at=at)
        payload = {"token_id": token_id, "user": found.user_email}
        uow.events.append(
            at=at, actor=actor, entries=[("token.revoked", f"token:{token_id}", payload)]
        )
        uow.commit()
    return replace(found, revoked_at=now)


def user_for_token(engine: Engine, token: str, *, now: datetime | None = None) -> User:
    """The user of a bearer token that is neither revoked nor expired; its use is noted."""
    now = now or utc_now()
    with UnitOfWork(engine) as uow:
        found = uow.people.token_by_hash(token_hash(token))
        if found is None or found[1].disabled or found[0].state(now) != "active":
            state = found[0].state(now) if found and not found[1].disabled else "unknown or revoked"
            raise NotAuthenticated(f"the bearer token is {state}")
        record, user = found
        if record.needs_touch(now):
            uow.people.touch_token(record.id, at=stamp(now))
            uow.commit()
    return user


def start_session(engine: Engine, user: User, *, now: datetime) -> str:
    """A new signed-in session for the user: its random id, for the (signed) cookie only."""
    session_id = secrets.token_urlsafe(32)
    with UnitOfWork(engine) as uow:
        uow.people.add_session(session_hash=token_hash(session_id), user_id=user.id, at=stamp(now))
        uow.commit()
    return session_id


def session_user(
    engine: Engine, session_id: str, *, now: datetime, limits: SessionLimits
) -> User | None:
    """The user of a live session (not signed out, idle or too old); None otherwise."""
    with UnitOfWork(engine) as uow:
        session = uow.people.session_by_hash(token_hash(session_id))
        if session is None or not session.is_live(now, limits):
            return None
        user = uow.people.user(session.user_id)
        if user is None or user.disabled:
            return None
        if session.needs_touch(now):
            uow.people.touch_session(session.id, at=stamp(now))
            uow.commit()
    return user


def end_session(engine: Engine, session_id: str, *, now: datetime) -> None:
    """Sign out: the session ends on the server, so a copy of its cookie stops working."""
    with UnitOfWork(engine) as uow:
        uow.people.end_session(token_hash(session_id), at=stamp(now))
        uow.commit()


def user_by_id(engine: Engine, user_id: int) -> User | None:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.people.user(user_id)


@dataclass(frozen=True)
class Secrets:
    """The installation's random keys, for signing sessions and purchasers' links."""

    session_key: str
    link_key: str


def installation_secrets(engine: Engine) -> Secrets:
    """The keys from the installation's key file, never from the database (see
    services.installation_keys)."""
    from closingdesk.services.installation.installation_keys import installation_keys

    keys = installation_keys(engine)
    return Secrets(keys["session"], keys["purchaser_link"])
