"""Signing in and out of the deal room.

A failed sign-in waits a little before answering, whether the e-mail is known or not;
``services.people.team.authenticate`` makes further attempts wait longer and longer after
repeated failures, by e-mail and by client address (HTTP 429 with Retry-After). Signing in
starts a session kept on the server; signing out ends it there, so a copied cookie stops
working.
"""

from __future__ import annotations

import asyncio
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from closingdesk.interfaces.http.csrf import CsrfChecked, csrf_token
from closingdesk.interfaces.http.deps import SESSION_KEY, EngineDep, NowDep
from closingdesk.interfaces.http.errors import status_of
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.people.team import (
    NotAuthenticated,
    TooManyAttempts,
    authenticate,
    end_session,
    start_session,
)

router = APIRouter(include_in_schema=False)

FAILED_SIGN_IN_DELAY = 0.5  # seconds


def local_path(target: str) -> str:
    """``target`` when it is a path on this site, else the home page (no open redirects).

    >>> local_path("/purchasers/3?tab=events"), local_path("//evil.example/"), local_path("")
    ('/purchasers/3?tab=events', '/', '/')
    """
    parts = urlsplit(target)
    foreign = parts.scheme or parts.netloc or not target.startswith("/") or "\\" in target
    if foreign or target.startswith(("//", "/login", "/logout")):
        return "/"
    return target


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return _form(request, next=next, email="")


@router.post("/login")
async def sign_in(
    request: Request,
    engine: EngineDep,
    now: NowDep,
    _: CsrfChecked,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    client = request.client.host if request.client else None
    try:
        user = await run_in_threadpool(
            authenticate, engine, email, password, now=now, client=client
        )
    except (NotAuthenticated, TooManyAttempts) as refusal:
        await asyncio.sleep(FAILED_SIGN_IN_DELAY)
        response = _form(
            request,
            next=next,
            email=email,
            error=refusal.message,
            too_many=isinstance(refusal, TooManyAttempts),
            status_code=status_of(refusal),
        )
        if isinstance(refusal, TooManyAttempts):
            response.headers["Retry-After"] = str(refusal.retry_after_seconds)
        return response
    session_id = await run_in_threadpool(start_session, engine, user, now=now)
    request.session.clear()
    request.session[SESSION_KEY] = session_id
    csrf_token(request)  # a new form token for the signed-in session
    return RedirectResponse(local_path(next), status_code=303)


@router.post("/logout")
def sign_out(request: Request, engine: EngineDep, now: NowDep, _: CsrfChecked) -> Response:
    session_id = request.session.get(SESSION_KEY)
    if isinstance(session_id, str):
        end_session(engine, session_id, now=now)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def _form(
    request: Request,
    *,
    next: str,
    email: str,
    error: str | None = None,
    too_many: bool = False,
    status_code: int = 200,
) -> Response:
    context = {"next": local_path(next), "email": email, "error": error, "too_many": too_many}
    return render(request, "login.html", context, user=None, status_code=status_code)
