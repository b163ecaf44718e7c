"""Failed sign-ins slow down further attempts (by address and by e-mail) without locking
anyone out, and an unknown e-mail answers like a known one, in words and in time."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient

from closingdesk.interfaces.http.deps import get_now
from closingdesk.services.people.team import add_user
from tests.http_scenarios import PASSWORD, Closing, csrf_from
from tests.integration.web.test_sessions import T0
from tests.scenarios import ACTOR, NOW


class Clock:
    def __init__(self, closing: Closing) -> None:
        self.now = T0
        closing.app.dependency_overrides[get_now] = lambda: self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def from_address(closing: Closing, address: str) -> TestClient:
    return TestClient(closing.app, client=(address, 40000))


def attempt(client: TestClient, email: str, password: str) -> httpx.Response:
    token = csrf_from(client.get("/login").text)
    form = {"email": email, "password": password, "csrf_token": token}
    return client.post("/login", data=form, follow_redirects=False)


def test_each_failure_after_the_fifth_doubles_the_wait_from_that_address(
    closing: Closing,
) -> None:
    clock = Clock(closing)
    guesser = from_address(closing, "198.51.100.7")
    waits = []
    for n in range(9):
        response = attempt(guesser, f"user{n}@closing.example", "a wrong guess")
        if response.status_code == 429:
            wait = int(response.headers["retry-after"])
            waits.append(wait)
            assert f"wait {wait} second" in response.text
            clock.advance(wait)
            response = attempt(guesser, f"user{n}@closing.example", "a wrong guess")
        assert response.status_code == 401
    assert waits == [1, 2, 4, 8]


def test_guessing_an_admins_password_elsewhere_delays_the_admin_by_seconds_not_a_lockout(
    closing: Closing,
) -> None:
    clock = Clock(closing)
    for n in range(40):  # 40 guesses from 40 machines, one every 20 seconds
        attacker = from_address(closing, f"203.0.113.{n}")
        assert attempt(attacker, "admin@closing.example", f"guess {n}!").status_code in (401, 429)
        clock.advance(20)
    admin = from_address(closing, "192.0.2.10")
    response = attempt(admin, "admin@closing.example", PASSWORD)
    if response.status_code == 429:
        wait = int(response.headers["retry-after"])
        assert wait <= 15
        clock.advance(wait)
        response = attempt(admin, "admin@closing.example", PASSWORD)
    assert response.status_code == 303


def test_a_wait_is_not_a_lockout_the_right_password_works_once_it_passes(
    closing: Closing,
) -> None:
    clock = Clock(closing)
    client = from_address(closing, "198.51.100.9")
    for _ in range(5):
        assert attempt(client, "agent@closing.example", "wrong password!").status_code == 401
    assert attempt(client, "agent@closing.example", PASSWORD).status_code == 429
    clock.advance(1)
    assert attempt(client, "agent@closing.example", PASSWORD).status_code == 303


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(closing: Closing) -> None:
    known = attempt(closing.client(), "viewer@closing.example", "a wrong guess")
    unknown = attempt(closing.client(), "nobody@closing.example", "a wrong guess")
    assert known.status_code == unknown.status_code == 401
    text = "sign-in failed: unknown e-mail or wrong password"
    assert text in known.text.lower() and text in unknown.text.lower()


@pytest.mark.slow
def test_an_unknown_email_takes_as_long_as_a_known_one(
    closing: Closing, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Real argon2 parameters (the suite uses the cheapest): the cost being compared.
    monkeypatch.delenv("CLOSINGDESK_TEST_PASSWORD_HASHING")
    add_user(
        closing.engine, "cfo@closing.example", role="admin", password=PASSWORD, actor=ACTOR, now=NOW
    )
    clock = Clock(closing)
    client = closing.client()
    timings: dict[str, list[float]] = {"cfo@closing.example": [], "nobody@closing.example": []}
    for _ in range(12):
        for email, seen in timings.items():
            clock.advance(3600)  # out of the throttle's window: only the check is timed
            token = csrf_from(client.get("/login").text)
            started = time.perf_counter()
            client.post(
                "/login", data={"email": email, "password": "wrong guess", "csrf_token": token}
            )
            seen.append(time.perf_counter() - started)
    known = statistics.median(timings["cfo@closing.example"])
    unknown = statistics.median(timings["nobody@closing.example"])
    assert abs(known - unknown) < 0.3 * max(known, unknown), (known, unknown)
