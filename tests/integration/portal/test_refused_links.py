"""Links that are expired, revoked, changed or unknown open nothing, and say so plainly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from closingdesk.services.signing.links import _serializer, revoke_link
from tests.integration.portal.conftest import Portal, flip


def assert_refused_page(client: TestClient, path: str, reason: str) -> None:
    for method in ("POST", "GET") if path.endswith("/details") else ("GET",):
        page = client.request(method, path, data={"attention": "x"} if method == "POST" else None)
        assert page.status_code == 403, (path, page.text)
        assert page.headers["content-type"].startswith("text/html")
        assert "This link can&#39;t be opened" in page.text
        assert reason in page.text
        assert "ask the placement agent" in page.text.lower()
        assert "Traceback" not in page.text and '"detail"' not in page.text


def each_route(token: str) -> list[str]:
    return [f"/p/{token}", f"/p/{token}/agreement", f"/p/{token}/details"]


def test_an_expired_link_is_refused_with_a_clear_page(portal: Portal) -> None:
    issued = portal.link("Alpha Fund", lifetime=timedelta(microseconds=1))
    for path in each_route(issued.token):
        assert_refused_page(portal.closing.client(), path, "This link has expired")


def test_a_revoked_link_is_refused_with_a_clear_page(portal: Portal) -> None:
    issued = portal.link("Alpha Fund")
    revoke_link(portal.closing.engine, issued.link.id, actor="agent", now=datetime.now(UTC))
    for path in each_route(issued.token):
        assert_refused_page(portal.closing.client(), path, "This link was revoked")


@pytest.mark.parametrize("position", [0, 10, -1, -10])
def test_a_link_with_one_character_changed_is_refused(portal: Portal, position: int) -> None:
    changed = flip(portal.link("Alpha Fund").token, position)
    for path in each_route(changed):
        assert_refused_page(portal.closing.client(), path, "This link is not valid")


@pytest.mark.parametrize("token", ["x", "WzEsIngiXQ", "WzEsIngiXQ.bad", "." * 10, "%00"])
def test_an_unknown_or_garbled_link_is_refused(portal: Portal, token: str) -> None:
    assert_refused_page(portal.closing.client(), f"/p/{token}", "This link is not valid")


def test_a_correctly_signed_link_to_no_stored_link_is_refused(portal: Portal) -> None:
    forged = _serializer(portal.closing.app.state.link_key).dumps([999_999, "nonce"])
    assert_refused_page(portal.closing.client(), f"/p/{forged}", "This link is not valid")


def test_a_link_made_with_another_installations_key_is_refused(portal: Portal) -> None:
    issued = portal.link("Alpha Fund")
    link_id, nonce = _serializer(portal.closing.app.state.link_key).loads(issued.token)
    forged = _serializer("another installation").dumps([link_id, nonce])
    assert_refused_page(portal.closing.client(), f"/p/{forged}", "This link is not valid")
