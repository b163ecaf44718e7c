"""Who is asking, decided in one place, and the dependencies routes declare.

API clients send ``Authorization: Bearer <token>``; people in a browser carry a session
cookie. Every route names the permission it needs (``Requires(Permission.X)``); the role
table in ``domain.people.roles`` decides.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from closingdesk.domain.people.credentials import SessionLimits
from closingdesk.domain.people.roles import Permission, allows
from closingdesk.domain.people.team import User
from closingdesk.interfaces.http.errors import Forbidden
from closingdesk.interfaces.http.settings import Settings
from closingdesk.services.clock import utc_now
from closingdesk.services.people.team import NotAuthenticated, session_user, user_for_token


async def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_now() -> datetime:
    return utc_now()


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NowDep = Annotated[datetime, Depends(get_now)]


class LoginRequired(Exception):
    """A page was asked for without a signed-in user: the web layer redirects to /login."""


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def api_user(request: Request, engine: EngineDep, now: NowDep) -> User:
    token = _bearer(request)
    if token is None:
        raise NotAuthenticated("sign in with an API token: Authorization: Bearer <token>")
    return user_for_token(engine, token, now=now)


# The signed cookie holds the session's random id; the store says whether it still lives.
SESSION_KEY = "session_id"


def signed_in_user(request: Request, now: datetime) -> User | None:
    """The user of the request's session when it is live (not signed out, idle or too old)."""
    session_id = request.session.get(SESSION_KEY) if "session" in request.scope else None
    if not isinstance(session_id, str):
        return None
    settings: Settings = request.app.state.settings
    limits = SessionLimits(
        idle=timedelta(seconds=settings.session_idle_seconds),
        absolute=timedelta(seconds=settings.session_max_age),
    )
    return session_user(request.app.state.engine, session_id, now=now, limits=limits)


def page_user(request: Request, now: NowDep) -> User:
    user = signed_in_user(request, now)
    if user is None:
        request.session.pop(SESSION_KEY, None)
        raise LoginRequired()
    return user


def _check(user: User, permission: Permission) -> User:
    if not allows(user.role, permission):
        raise Forbidden(f"a {user.role} may not {permission.value.replace('_', ' ')}")
    return user


class ApiRequires:
    """``user: Annotated[User, Depends(ApiRequires(Permission.READ))]``"""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    async def __call__(self, user: Annotated[User, Depends(api_user)]) -> User:
        return _check(user, self.permission)


class PageRequires:
    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    async def __call__(self, user: Annotated[User, Depends(page_user)]) -> User:
        return _check(user, self.permission)


def actor_of(user: User) -> str:
    """How a person appears in the event log."""
    return f"user:{user.email}"


ApiReader = Annotated[User, Depends(ApiRequires(Permission.READ))]
PageReader = Annotated[User, Depends(PageRequires(Permission.READ))]
