"""Signing in: sessions, cookies, failures counted and slowed down."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.interfaces.web import login
from closingdesk.services.people.team import add_user
from tests.http_scenarios import PASSWORD, Closing, csrf_from
from tests.scenarios import ACTOR, NOW


def sign_in(client: TestClient, email: str, password: str, next: str = "/") -> httpx.Response:
    token = csrf_from(client.get("/login").text)
    form = {"email": email, "password": password, "csrf_token": token, "next": next}
    return client.post("/login", data=form, follow_redirects=False)


def test_signing_in_goes_to_the_page_asked_for(closing: Closing) -> None:
    client = closing.client()
    response = sign_in(client, "viewer@closing.example", PASSWORD, next="/audit?kind=x")
    assert response.status_code == 303
    assert response.headers["location"] == "/audit?kind=x"
    assert client.get("/audit").status_code == 200


def test_signing_in_never_redirects_to_another_site(closing: Closing) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = sign_in(closing.client(), "viewer@closing.example", PASSWORD, next=target)
        assert response.headers["location"] == "/"


def test_the_login_page_keeps_the_page_asked_for(closing: Closing) -> None:
    page = closing.client().get("/login?next=%2Fpurchasers%2F1").text
    assert 'name="next" value="/purchasers/1"' in page


def test_a_wrong_password_is_refused_with_a_clear_message(closing: Closing) -> None:
    client = closing.client()
    response = sign_in(client, "viewer@closing.example", "not the password")
    assert response.status_code == 401
    assert "unknown e-mail or wrong password" in response.text
    assert client.get("/audit", follow_redirects=False).status_code == 303


def test_the_sixth_attempt_in_15_minutes_is_refused_even_with_the_right_password(
    closing: Closing,
) -> None:
    client = closing.client()
    for _ in range(5):
        assert sign_in(client, "agent@closing.example", "wrong password!").status_code == 401
    response = sign_in(client, "agent@closing.example", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert client.get("/audit", follow_redirects=False).status_code == 303


def test_a_failed_sign_in_is_slowed_down(closing: Closing, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(login, "FAILED_SIGN_IN_DELAY", 0.5)
    started = time.monotonic()
    sign_in(closing.client(), "nobody@closing.example", "whatever it is")
    assert time.monotonic() - started >= 0.5


def test_the_session_cookie_is_http_only_and_same_site(closing: Closing) -> None:
    cookie = closing.client().get("/login").headers["set-cookie"].lower()
    assert "closingdesk_session=" in cookie
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie


def test_the_session_cookie_is_secure_when_served_over_tls(
    database_url: str, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=database_url, secure_cookies=True))
    add_user(
        app.state.engine,
        "a@closing.example",
        role="viewer",
        password=PASSWORD,
        actor=ACTOR,
        now=NOW,
    )
    client = TestClient(app, base_url="https://testserver")
    cookie = client.get("/login").headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert sign_in(client, "a@closing.example", PASSWORD).status_code == 303
    app.state.engine.dispose()


def test_signing_in_gives_the_session_a_new_form_token(closing: Closing) -> None:
    client = closing.client()
    before = csrf_from(client.get("/login").text)
    sign_in(client, "viewer@closing.example", PASSWORD)
    after = csrf_from(client.get("/audit").text)
    assert after != before


def test_signing_out_ends_the_session(closing: Closing) -> None:
    client = closing.signed_in("viewer")
    token = csrf_from(client.get("/audit").text)
    response = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.headers["location"] == "/login"
    assert client.get("/audit", follow_redirects=False).status_code == 303
