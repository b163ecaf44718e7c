"""Rendering the purchaser's pages: their templates, private headers, and refusals as pages.

A purchaser never sees JSON or a stack trace: every refusal on a /p/ path (a link that is
expired, revoked or changed; a form without its security token; details that can no longer
change) becomes a plain page saying what happened and whom to ask.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from closingdesk.domain.problems import Conflict, NotFound, Refusal
from closingdesk.interfaces.http.csrf import csrf_token
from closingdesk.interfaces.http.errors import refusal_json
from closingdesk.interfaces.portal.view import HINTS, LABELS
from closingdesk.services.signing.links import LinkRefused

PREFIX = "/p/"
WEB = Path(__file__).parent.parent / "web"
# The page holds a secret link: it is not cached, framed, indexed or sent on as a referrer.
PRIVATE_HEADERS: Mapping[str, str] = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
}
Renderer = Callable[[Request, Refusal, int], Response]


def templates_of(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.portal_templates
    return templates


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    response = templates_of(request).TemplateResponse(
        request, name, {"csrf_token": csrf_token(request), **context}, status_code=status
    )
    return private(response)


def private(response: Response) -> Response:
    response.headers.update(PRIVATE_HEADERS)
    return response


def _heading(refusal: Refusal) -> str:
    if isinstance(refusal, LinkRefused):
        return "This link can't be opened"
    if isinstance(refusal, Conflict):
        return "Your details can't be changed any more"
    if isinstance(refusal, NotFound):
        return "Not available yet"
    return "The request could not be completed"


def render_refusal(request: Request, refusal: Refusal, status: int) -> Response:
    token = request.path_params.get("token")
    back = None if isinstance(refusal, LinkRefused) or not token else f"{PREFIX}{token}"
    reason = refusal.message.rstrip(".")
    context = {
        "heading": _heading(refusal),
        "reason": reason[:1].upper() + reason[1:] + ".",
        "problems": refusal.problems,
        "back": back,
    }
    return render(request, "portal/refused.html", context, status)


def install_rendering(app: FastAPI) -> None:
    """The portal's templates, and its refusal pages in front of whatever renders the others."""
    templates = Jinja2Templates(directory=WEB / "templates")
    templates.env.globals.update(labels=LABELS, hints=HINTS)
    app.state.portal_templates = templates
    if not any(getattr(route, "name", None) == "static" for route in app.routes):
        app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    previous: Renderer | None = getattr(app.state, "render_refusal", None)

    def render_any(request: Request, refusal: Refusal, status: int) -> Response:
        if request.url.path.startswith(PREFIX):
            return render_refusal(request, refusal, status)
        if previous is not None:
            return previous(request, refusal, status)
        return JSONResponse(refusal_json(refusal), status_code=status)

    app.state.render_refusal = render_any
