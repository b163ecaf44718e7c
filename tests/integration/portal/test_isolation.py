"""A purchaser's link reaches their own page and nothing else: not another purchaser's
page, not the team's pages, not the API. Every route is tried, with the other's ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.signing.links import _serializer
from tests.integration.portal.conftest import Portal, flip

# Routes anyone may open: signing in, the API's description, static files.
PUBLIC = {
    "/login",
    "/logout",
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/docs/oauth2-redirect",
    "/api/v1/health",
    "/static",
}
PORTAL = ("/p/{token}", "/p/{token}/agreement", "/p/{token}/details")


def routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path template) of every route the app serves, however routers are nested."""

    def walk(found: Iterable[Any]) -> Iterator[Any]:
        for route in found:
            nested = getattr(route, "effective_candidates", None)
            yield from walk(nested()) if nested else [route]

    for route in walk(app.router.routes):
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method != "HEAD":
                yield method, route.path


def a_and_b(portal: Portal) -> dict[str, Any]:
    """Purchaser A's link (the one we hold) and everything of purchaser B's we can name."""
    a, b = portal.link("Alpha Fund"), portal.link("Beta Partners")
    beta = portal.purchaser("Beta Partners")
    with UnitOfWork(portal.closing.engine, read_only=True) as uow:
        query = select(t.documents.c.id).where(t.documents.c.purchaser_id == beta.id)
        document_id = uow.connection.execute(query).scalars().first()
    return {"a": a, "b": b, "beta": beta, "document_id": document_id}


def filled(path: str, ids: dict[str, Any]) -> str:
    """The path with every parameter given B's id of the kind it names."""

    def value(match: re.Match[str]) -> str:
        name, before = match.group(1).split(":")[0], path[: match.start()]
        if name == "token":
            return str(ids["a"].token)
        if "link" in name or before.endswith("/links/"):
            return str(ids["b"].link.id)
        if "document" in name or before.endswith("/documents/"):
            return str(ids["document_id"])
        if name in {"slug", "offering"}:
            return "neotherapeutics-2002"
        return str(ids["beta"].id)

    return re.sub(r"\{([^}]+)\}", value, path)


def snapshot(portal: Portal) -> tuple[Any, ...]:
    with UnitOfWork(portal.closing.engine, read_only=True) as uow:
        purchasers = uow.connection.execute(select(t.purchasers).order_by(t.purchasers.c.id))
        links = uow.connection.execute(select(t.purchaser_links).order_by(t.purchaser_links.c.id))
        return tuple(purchasers.all()), tuple(links.all()), tuple(portal.events())


def shows_nothing_of_b(text: str, ids: dict[str, Any]) -> bool:
    beta = ids["beta"]
    return all(secret not in text for secret in (beta.name, "$500,000.00", "B-2", ids["b"].token))


def test_every_team_page_and_api_route_refuses_a_portal_session(portal: Portal) -> None:
    ids = a_and_b(portal)
    client, csrf = portal.opened(ids["a"].token)
    before = snapshot(portal)
    tried = 0
    for method, template in routes(portal.closing.app):
        if template in PORTAL or template.startswith("/p/"):
            continue
        path = filled(template, ids)
        for headers in ({}, {"Authorization": f"Bearer {ids['a'].token}"}):
            response = client.request(
                method,
                path,
                data={"csrf_token": csrf} if method == "POST" else None,
                headers=headers,
                follow_redirects=False,
            )
            tried += 1
            assert response.status_code < 500, (method, path, response.text)
            assert shows_nothing_of_b(response.text, ids), (method, path)
            if template not in PUBLIC:
                assert refused(response.status_code, response.headers), (method, path)
    assert tried >= 2, "no team page or API route was found to try"
    assert snapshot(portal) == before


def refused(status: int, headers: Any) -> bool:
    to_login = status in (302, 303, 307) and headers["location"].startswith("/login")
    return status in (401, 403) or to_login


def spliced_tokens(portal: Portal, ids: dict[str, Any]) -> dict[str, str]:
    """A's token with B's parts put in, every way a curious purchaser might try."""
    a, b = ids["a"].token, ids["b"].token
    key = portal.closing.app.state.link_key
    a_nonce = _serializer(key).loads(a)[1]
    b_id, b_nonce = _serializer(key).loads(b)
    a_payload, a_signature = a.rsplit(".", 1)
    b_payload = b.rsplit(".", 1)[0]
    return {
        "B's link id signed with A's nonce": _serializer(key).dumps([b_id, a_nonce]),
        "B's link id and A's nonce, A's signature": b_payload + "." + a_signature,
        "B's purchaser id as the link id": _serializer(key).dumps([ids["beta"].id, a_nonce]),
        "B's link id and nonce, no signature": b_payload,
        "A's signature on its own": a_signature,
        "A's token with a character flipped": flip(a, len(a_payload) // 2),
        "A's token and B's, joined": a + b,
        "B's nonce, unsigned": b_nonce,
    }


@pytest.mark.parametrize("route", PORTAL)
def test_a_portal_route_with_bs_ids_spliced_into_as_token_opens_nothing(
    portal: Portal, route: str
) -> None:
    ids = a_and_b(portal)
    client, csrf = portal.opened(ids["a"].token)
    before = snapshot(portal)
    for how, token in spliced_tokens(portal, ids).items():
        path = route.replace("{token}", token)
        if route.endswith("/details"):
            response = client.post(path, data={"attention": "Mallory", "csrf_token": csrf})
        else:
            response = client.get(path)
        assert response.status_code == 403, (how, response.text)
        assert shows_nothing_of_b(response.text, ids), how
    assert snapshot(portal) == before


def test_ids_sent_with_as_link_are_ignored_and_only_a_changes(portal: Portal) -> None:
    ids = a_and_b(portal)
    token, beta_id = ids["a"].token, ids["beta"].id
    client, csrf = portal.opened(token)
    before = portal.purchaser("Beta Partners")
    for path in (f"/p/{token}?purchaser_id={beta_id}", f"/p/{token}/agreement?id={beta_id}"):
        page = client.get(path)
        assert page.status_code == 200 and "Alpha Fund" in page.text
        assert shows_nothing_of_b(page.text, ids)
    sent = {"attention": "Mallory", "purchaser_id": str(beta_id), "id": str(beta_id)}
    client.post(f"/p/{token}/details?purchaser_id={beta_id}", data={**sent, "csrf_token": csrf})
    assert portal.purchaser("Alpha Fund").attention == "Mallory"
    assert portal.purchaser("Beta Partners") == before


def test_bs_link_id_cannot_be_reached_by_path_tricks(portal: Portal) -> None:
    ids = a_and_b(portal)
    client, _ = portal.opened(ids["a"].token)
    for path in (
        f"/p/{ids['a'].token}/../{ids['b'].link.id}",
        f"/p/{ids['b'].link.id}",
        f"/p/{ids['beta'].id}/agreement",
        f"/p/{ids['a'].token}/{ids['beta'].id}",
    ):
        response = client.get(path, follow_redirects=False)
        assert response.status_code in (403, 404), path
        assert shows_nothing_of_b(response.text, ids), path
