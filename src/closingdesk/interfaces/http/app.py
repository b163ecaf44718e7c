"""The app factory: one FastAPI app serving the API, the team's pages and purchasers' pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.interfaces.api import routes as api_routes
from closingdesk.interfaces.http.body_limit import BodyLimit
from closingdesk.interfaces.http.errors import install_refusal_handler
from closingdesk.interfaces.http.security_headers import SecurityHeaders
from closingdesk.interfaces.http.settings import Settings
from closingdesk.interfaces.portal import routes as portal_routes
from closingdesk.interfaces.web import pages
from closingdesk.services.people.team import installation_secrets


def create_app(settings: Settings) -> FastAPI:
    engine = make_engine(settings.database_url)
    upgrade(engine)
    keys = installation_secrets(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="closingdesk",
        summary="The closing of a securities purchase: terms, purchaser book, agreements.",
        version="1",
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.link_key = keys.link_key
    app.add_middleware(
        SessionMiddleware,
        secret_key=keys.session_key,
        session_cookie="closingdesk_session",
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(
        BodyLimit, upload_bytes=settings.upload_max_bytes, form_bytes=settings.form_max_bytes
    )
    app.add_middleware(SecurityHeaders)
    install_refusal_handler(app)
    app.include_router(api_routes.router, prefix="/api/v1")
    pages.install(app)
    portal_routes.install(app)
    return app
