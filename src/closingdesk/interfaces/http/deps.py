"""Who is asking, decided in one place, and the dependencies routes declare.

API clients send ``Authorization: Bearer <token>``; people in a browser carry a session
cookie. Every route names the permission it needs (``Requires(Permission.X)``); the role
table in ``domain.roles`` decides.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from closingdesk.domain.people import User
from closingdesk.domain.roles import Permission, allows
from closingdesk.interfaces.http.errors import Forbidden
from closingdesk.interfaces.http.settings import Settings
from closingdesk.services.clock import utc_now
from closingdesk.services.people import NotAuthenticated, user_by_id, user_for_token


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


def api_user(request: Request, engine: EngineDep) -> User:
    token = _bearer(request)
    if token is None:
        raise NotAuthenticated("sign in with an API token: Authorization: Bearer <token>")
    return user_for_token(engine, token)


def page_user(request: Request, engine: EngineDep) -> User:
    user_id = request.session.get("user_id")
    user = user_by_id(engine, int(user_id)) if isinstance(user_id, int) else None
    if user is None or user.disabled:
        request.session.pop("user_id", None)
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
