"""Scenarios for the HTTP tests: a real app on a real database, people, a live server, Chromium.

Import the fixtures you need into a conftest.py (``from tests.http_scenarios import *``
is avoided: name them). The database is the ``database_url`` fixture of tests/conftest.py,
so every HTTP test runs on SQLite and on PostgreSQL unless it asks otherwise.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.agreements import draft_agreements
from closingdesk.services.people.team import add_user, create_token
from tests.scenarios import ACTOR, NOW, THREE_PURCHASERS, book_file, example_offering

PASSWORD = "correct horse battery"
ROLES = ("admin", "counsel", "agent", "viewer")
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"


@dataclass(frozen=True)
class Closing:
    """An app over a database with the example offering, three purchasers, drafted
    agreements, and one user of each role (``{role}@closing.example``) with a token."""

    app: FastAPI
    engine: Engine
    tokens: dict[str, str]  # role -> bearer token

    def client(self, role: str | None = None) -> TestClient:
        client = TestClient(self.app)
        if role is not None:
            client.headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return client

    def signed_in(self, role: str) -> TestClient:
        """A browser-like client with a session cookie, signed in through the login form."""
        client = TestClient(self.app)
        page = client.get("/login")
        token = _csrf_from(page.text)
        response = client.post(
            "/login",
            data={"email": f"{role}@closing.example", "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert response.status_code in (302, 303), response.text
        return client


def _csrf_from(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def csrf_from(html: str) -> str:
    """The CSRF token a page's form carries."""
    return _csrf_from(html)


def build_closing(database_url: str, tmp_path: Path) -> Closing:
    app = create_app(Settings(database_url=database_url))
    engine: Engine = app.state.engine
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    draft_agreements(engine, offering=None, actor=ACTOR, now=NOW)
    tokens = {}
    for role in ROLES:
        email = f"{role}@closing.example"
        add_user(engine, email, role=role, password=PASSWORD, actor=ACTOR, now=NOW)
        # made now (not at the scenario's 2002 date): tokens expire after 90 days
        tokens[role] = create_token(engine, email, label="tests", actor=ACTOR, now=utc_now())[1]
    return Closing(app, engine, tokens)


@pytest.fixture
def closing(database_url: str, tmp_path: Path) -> Closing:
    return build_closing(database_url, tmp_path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class LiveServer:
    url: str
    closing: Closing


@pytest.fixture
def live_server(migrated_sqlite_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    """The app served by uvicorn on loopback, in a thread, over a SQLite closing."""
    closing = build_closing(migrated_sqlite_url, tmp_path)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(closing.app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", closing)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator[object]:
    """A Playwright page in Debian's Chromium (no browser download is possible here)."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        context.close()
        browser.close()


def artifact(name: str) -> Path:
    """Where a test keeps a file for people to look at (screenshots)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
