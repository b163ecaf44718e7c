"""A purchaser's own link, made and revoked through the API."""

from __future__ import annotations

from datetime import datetime

from closingdesk.services.clock import utc_now
from closingdesk.services.signing.links import open_link
from tests.http_scenarios import Closing


def test_a_new_link_gives_a_url_under_the_public_address(closing: Closing) -> None:
    response = closing.client("agent").post(
        "/api/v1/purchasers/2/links", json={"sent_to": "ops@beta.example", "lifetime_days": 3}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["url"].startswith("http://127.0.0.1:8000/p/")
    assert (body["purchaser_id"], body["sent_to"], body["revoked_at"]) == (
        2,
        "ops@beta.example",
        None,
    )
    lifetime = datetime.fromisoformat(body["expires_at"]) - datetime.fromisoformat(
        body["created_at"]
    )
    assert lifetime.days == 3
    token = body["url"].rsplit("/p/", 1)[1]
    opened = open_link(closing.engine, token, link_key=closing.app.state.link_key, now=utc_now())
    assert opened.purchaser.id == 2


def test_a_revoked_link_no_longer_opens(closing: Closing) -> None:
    client = closing.client("agent")
    made = client.post("/api/v1/purchasers/1/links", json={}).json()
    revoked = client.post(f"/api/v1/links/{made['id']}/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    listed = client.get("/api/v1/purchasers/1/links").json()
    assert [link["revoked_at"] is not None for link in listed["data"]] == [True]
    assert "url" not in listed["data"][0]


def test_links_are_recorded_with_the_sender(closing: Closing) -> None:
    client = closing.client("agent")
    made = client.post("/api/v1/purchasers/1/links").json()
    client.post(f"/api/v1/links/{made['id']}/revoke")
    events = client.get("/api/v1/purchasers/1/events").json()["data"]
    assert [(e["kind"], e["actor"]) for e in events[:2]] == [
        ("link.revoked", "user:agent@closing.example"),
        ("link.created", "user:agent@closing.example"),
    ]


def test_a_link_lifetime_out_of_bounds_is_refused(closing: Closing) -> None:
    response = closing.client("agent").post("/api/v1/purchasers/1/links", json={"lifetime_days": 0})
    assert response.status_code == 422


def test_revoking_an_unknown_link_is_404(closing: Closing) -> None:
    assert closing.client("agent").post("/api/v1/links/999/revoke").status_code == 404
