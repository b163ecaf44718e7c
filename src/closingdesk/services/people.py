"""Team users, their sign-in and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from closingdesk.adapters.passwords import hash_password, password_matches
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.people import User, check_role, normalize_email
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Refusal
from closingdesk.services.clock import stamp

MIN_PASSWORD_LENGTH = 10
# After this many failed sign-ins within the window, sign-in is refused until it passes.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


class NotAuthenticated(Refusal):
    """Unknown user, wrong password, disabled account, or a bad token (HTTP 401)."""

    default_message = "sign-in failed: unknown e-mail or wrong password"


class TooManyAttempts(Refusal):
    """Too many failed sign-ins for this e-mail in a short time (HTTP 429)."""

    default_message = "too many failed sign-ins; wait 15 minutes and try again"


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
        uow.people.set_disabled(user.id, disabled=True)
        at = stamp(now)
        entry = ("user.disabled", f"user:{user.id}", {"email": email})
        uow.events.append(at=at, actor=actor, entries=[entry])
        uow.commit()
    return User(user.id, user.email, user.role, disabled=True)


def authenticate(engine: Engine, email: str, password: str, *, now: datetime) -> User:
    """The user whose e-mail and password these are; failures are counted and slowed down."""
    email = normalize_email(email)
    with UnitOfWork(engine) as uow:
        since = stamp(now - FAILURE_WINDOW)
        if uow.people.login_failures_since(email, since) >= MAX_FAILURES:
            raise TooManyAttempts()
        found = uow.people.user_by_email(email)
        if found is None or found[0].disabled or not password_matches(found[1], password):
            uow.people.record_login_failure(email, at=stamp(now))
            uow.commit()
            raise NotAuthenticated()
        uow.people.clear_login_failures(email)
        uow.commit()
        return found[0]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    engine: Engine, email: str, *, label: str | None, actor: str, now: datetime
) -> tuple[User, str]:
    """A new bearer token for the user; only its hash is stored, so it is shown once."""
    email = normalize_email(email)
    token = "cd_" + secrets.token_urlsafe(32)
    with UnitOfWork(engine) as uow:
        found = uow.people.user_by_email(email)
        if found is None:
            raise NotFound(f"no user {email}")
        user = found[0]
        if user.disabled:
            raise Conflict(f"user {email} is disabled")
        at = stamp(now)
        token_id = uow.people.add_token(
            user_id=user.id, token_hash=token_hash(token), label=label, at=at
        )
        entry = ("token.created", f"user:{user.id}", {"token_id": token_id, "label": label})
        uow.events.append(at=at, actor=actor, entries=[entry])
        uow.commit()
    return user, token


def user_for_token(engine: Engine, token: str) -> User:
    with UnitOfWork(engine, read_only=True) as uow:
        user = uow.people.user_by_token_hash(token_hash(token))
    if user is None or user.disabled:
        raise NotAuthenticated("the bearer token is unknown or revoked")
    return user


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
    from closingdesk.services.installation_keys import installation_keys

    keys = installation_keys(engine)
    return Secrets(keys["session"], keys["purchaser_link"])
