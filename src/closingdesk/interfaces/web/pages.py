"""The team's pages, installed on the app: static files, templates, routers, error pages."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from closingdesk.domain.problems import Problem, Refusal
from closingdesk.interfaces.http.deps import LoginRequired
from closingdesk.interfaces.web import (
    audit,
    binder,
    book,
    dashboard,
    documents,
    funding,
    links,
    login,
    purchasers,
    settlement,
    signing,
    terms,
)
from closingdesk.interfaces.web.rendering import STATIC, make_templates, render_refusal

ROUTERS = (
    login.router,
    dashboard.router,
    purchasers.router,
    links.router,
    terms.router,
    book.router,
    funding.router,
    settlement.router,
    binder.router,
    documents.router,
    audit.router,
)


def install(app: FastAPI) -> None:
    """Mount the static files, the templates and every page router."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.templates = make_templates()
    app.state.render_refusal = render_refusal
    app.add_exception_handler(LoginRequired, _to_login)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    for router in ROUTERS:
        app.include_router(router)
    signing.install(app)


async def _to_login(request: Request, _: Exception) -> Response:
    """To the login page, and back to the page asked for (a form's page is not known: home)."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method != "GET":
        target = "/"
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def _http_error(request: Request, error: Exception) -> Response:
    """Unknown pages and methods as pages; the API keeps FastAPI's JSON answers."""
    assert isinstance(error, HTTPException)
    if request.url.path.startswith("/api/"):
        return await http_exception_handler(request, error)
    message = "there is no such page" if error.status_code == 404 else str(error.detail)
    response = render_refusal(request, Refusal(message), error.status_code)
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


async def _invalid_request(request: Request, error: Exception) -> Response:
    """A page asked for with parameters that do not parse (``?page=abc``)."""
    assert isinstance(error, RequestValidationError)
    if request.url.path.startswith("/api/"):
        return await request_validation_exception_handler(request, error)
    problems = [
        Problem(".".join(str(part) for part in e["loc"][1:]), e["msg"]) for e in error.errors()
    ]
    refusal = Refusal("the request is not valid", problems)
    return render_refusal(request, refusal, 422)
