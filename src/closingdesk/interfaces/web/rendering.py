"""Rendering the team's pages: the templates, the context every page gets, refusals as pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from closingdesk.domain.people.roles import Permission, allows
from closingdesk.domain.people.team import User
from closingdesk.domain.problems import Refusal
from closingdesk.interfaces.http.csrf import csrf_token
from closingdesk.interfaces.http.deps import signed_in_user
from closingdesk.interfaces.web.filters import FILTERS, GLOBALS
from closingdesk.services.clock import utc_now

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

TITLES = {
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    409: "Not possible right now",
    422: "That cannot be done",
    429: "Too many attempts",
}


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATES)
    templates.env.filters.update(FILTERS)
    templates.env.globals.update(GLOBALS)
    templates.env.globals["Permission"] = Permission
    return templates


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    user: User | None,
    status_code: int = 200,
) -> Response:
    """A page with what every page gets: the user, what they may do, the form token."""
    templates: Jinja2Templates = request.app.state.templates

    def can(permission: Permission) -> bool:
        return user is not None and allows(user.role, permission)

    page = {"user": user, "can": can, "csrf_token": csrf_token(request), **context}
    return templates.TemplateResponse(request, name, page, status_code=status_code)


def render_refusal(request: Request, refusal: Refusal, status: int) -> Response:
    """A refusal as a page: what was refused and why, every problem listed."""
    context = {
        "title": TITLES.get(status, "Refused"),
        "status": status,
        "message": refusal.message,
        "problems": refusal.problems,
    }
    return render(request, "error.html", context, user=_signed_in(request), status_code=status)


def _signed_in(request: Request) -> User | None:
    """The team member looking, for the navigation (none on purchasers' pages)."""
    if request.url.path.startswith("/p/"):
        return None
    return signed_in_user(request, utc_now())
