"""Sessions live on the server: signing out ends them, and they end when idle or too old."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from closingdesk.interfaces.http.deps import get_now
from closingdesk.services.people.team import disable_user
from tests.http_scenarios import Closing, csrf_from
from tests.scenarios import ACTOR

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class Clock:
    """The app's clock, set by the test (the deal room reads it through ``get_now``)."""

    def __init__(self, closing: Closing) -> None:
        self.now = T0
        closing.app.dependency_overrides[get_now] = lambda: self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def is_signed_in(client: object) -> bool:
    response = client.get("/audit", follow_redirects=False)  # type: ignore[attr-defined]
    return bool(response.status_code == 200)


def test_a_copied_cookie_stops_working_once_its_user_signs_out(closing: Closing) -> None:
    browser = closing.signed_in("viewer")
    copied = dict(browser.cookies)
    thief = closing.client()
    thief.cookies.update(copied)
    assert is_signed_in(thief)
    token = csrf_from(browser.get("/audit").text)
    assert browser.post("/logout", data={"csrf_token": token}, follow_redirects=False).is_redirect
    assert not is_signed_in(thief)
    assert not is_signed_in(browser)


def test_a_session_ends_after_30_idle_minutes(closing: Closing) -> None:
    clock = Clock(closing)
    browser = closing.signed_in("viewer")
    clock.advance(minutes=29)
    assert is_signed_in(browser)
    clock.advance(minutes=29)  # 29 minutes after the last request
    assert is_signed_in(browser)
    clock.advance(minutes=31)
    assert not is_signed_in(browser)


def test_a_busy_session_still_ends_after_8_hours(closing: Closing) -> None:
    clock = Clock(closing)
    browser = closing.signed_in("viewer")
    for _ in range(23):  # every 20 minutes for 7 h 40 min
        clock.advance(minutes=20)
        assert is_signed_in(browser)
    clock.advance(minutes=21)
    assert not is_signed_in(browser)


def test_disabling_a_user_ends_their_sessions(closing: Closing) -> None:
    browser = closing.signed_in("agent")
    disable_user(closing.engine, "agent@closing.example", actor=ACTOR, now=datetime.now(UTC))
    assert not is_signed_in(browser)
