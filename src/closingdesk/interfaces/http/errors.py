"""Refusals as HTTP: the one table from refusal to status code, and the handlers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from closingdesk.domain.problem_list import listed, more_text
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Refusal
from closingdesk.services.people.team import NotAuthenticated, TooManyAttempts
from closingdesk.services.signing.links import LinkRefused

STATUS: dict[type[Refusal], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Conflict: 409,
    NotAuthenticated: 401,
    TooManyAttempts: 429,
    LinkRefused: 403,
}


class Forbidden(Refusal):
    """Signed in, but the role does not allow this (HTTP 403)."""

    default_message = "your role does not allow this"


STATUS[Forbidden] = 403


def status_of(refusal: Refusal) -> int:
    for kind in type(refusal).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400


def refusal_json(refusal: Refusal) -> dict[str, Any]:
    """The refusal and its first ``MAX_LISTED`` problems; the last says how many more."""
    shown, more = listed(refusal.problems)
    problems = [{"where": p.where, "what": p.what} for p in shown]
    problems += [{"where": "", "what": more_text(more)}] if more else []
    return {"detail": refusal.message, "problems": problems}


def install_refusal_handler(app: FastAPI) -> None:
    """API paths answer refusals as JSON; pages render them (see the web package)."""

    @app.exception_handler(Refusal)
    async def _refused(request: Request, refusal: Refusal) -> Response:
        status = status_of(refusal)
        if request.url.path.startswith("/api/"):
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return JSONResponse(refusal_json(refusal), status_code=status, headers=headers)
        renderer = getattr(request.app.state, "render_refusal", None)
        if renderer is None:
            return JSONResponse(refusal_json(refusal), status_code=status)
        response: Response = renderer(request, refusal, status)
        return response
