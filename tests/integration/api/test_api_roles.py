"""Who may call which route: the role table of domain.people.roles, enforced on every API route."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from closingdesk.domain.people.roles import Permission, allows
from tests.http_scenarios import ROLES, Closing
from tests.scenarios import THREE_PURCHASERS

SLUG = "neotherapeutics-2002"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    permission: Permission
    request: dict[str, Any] = field(default_factory=dict)
    # The service may refuse it (no such transaction yet...): the role check still passed.
    refusable: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


BOOK = {"files": {"file": ("book.csv", THREE_PURCHASERS.encode(), "text/csv")}}
BANK_CSV = "account,date,amount,currency,originator,reference,bank_reference\n"
BANK = {"files": {"file": ("bank.csv", BANK_CSV.encode(), "text/csv")}}
ROUTES = [
    Route("GET", "/api/v1/offerings", Permission.READ),
    Route("GET", f"/api/v1/offerings/{SLUG}", Permission.READ),
    Route("GET", f"/api/v1/offerings/{SLUG}/status", Permission.READ),
    Route("GET", f"/api/v1/offerings/{SLUG}/purchasers?search=alpha", Permission.READ),
    Route("GET", "/api/v1/purchasers/1", Permission.READ),
    Route("GET", "/api/v1/purchasers/1/events", Permission.READ),
    Route("GET", "/api/v1/purchasers/1/documents", Permission.READ),
    Route("GET", "/api/v1/purchasers/1/links", Permission.READ),
    Route("GET", "/api/v1/documents/1", Permission.READ),
    Route("GET", "/api/v1/audit/events?kind=book.imported", Permission.READ),
    Route("GET", "/api/v1/audit/verify", Permission.READ),
    Route("POST", f"/api/v1/offerings/{SLUG}/book", Permission.IMPORT_BOOK, BOOK),
    Route("POST", f"/api/v1/offerings/{SLUG}/agreements", Permission.RENDER_DOCUMENTS),
    Route("POST", "/api/v1/purchasers/1/links", Permission.SEND_LINKS, {"json": {}}),
    Route("POST", "/api/v1/links/1/revoke", Permission.SEND_LINKS),
    Route("GET", f"/api/v1/offerings/{SLUG}/funding", Permission.READ),
    Route("POST", f"/api/v1/offerings/{SLUG}/bank-files", Permission.WORK_FUNDING, BANK),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/transactions/1/match",
        Permission.WORK_FUNDING,
        {"json": {"purchaser_id": 1}},
        refusable=True,
    ),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/transactions/1/unmatch",
        Permission.WORK_FUNDING,
        refusable=True,
    ),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/transactions/1/refund",
        Permission.WORK_FUNDING,
        {"json": {"reference": "OUT-1"}},
        refusable=True,
    ),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/transactions/1/accept-late",
        Permission.WORK_FUNDING,
        {"json": {"reason": "the company accepts it"}},
        refusable=True,
    ),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/transactions/1/acknowledge-return",
        Permission.WORK_FUNDING,
        {"json": {"reason": "the bank returned it"}},
        refusable=True,
    ),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/transactions/1/void",
        Permission.VOID_BANK_LINES,
        {"json": {"reason": "test line"}},
        refusable=True,
    ),
    Route("GET", f"/api/v1/offerings/{SLUG}/settlement", Permission.READ),
    Route("POST", f"/api/v1/offerings/{SLUG}/settlement", Permission.SETTLE),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/warrants/W-0001/dispatch",
        Permission.SETTLE,
        {"json": {"carrier": "FedEx", "tracking": "1"}},
        refusable=True,
    ),
    Route(
        "POST",
        f"/api/v1/offerings/{SLUG}/purchasers/1/confirmation",
        Permission.SETTLE,
        {"json": {"shares": 1}},
        refusable=True,
    ),
]


def test_the_table_names_every_api_route_but_health(shared_closing: Closing) -> None:
    documented = {
        f"{method.upper()} {path}"
        for path, operations in shared_closing.app.openapi()["paths"].items()
        if path.startswith("/api/v1/")
        for method in operations
    }
    tested = {f"{r.method} {r.path.split('?')[0]}" for r in ROUTES}
    generic = {
        t.replace(SLUG, "{slug}").replace("/1", "/{id}").replace("W-0001", "{number}")
        for t in tested
    }
    assert documented - generic == {"GET /api/v1/health"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_a_role_reaches_a_route_only_when_the_role_table_allows_it(
    shared_closing: Closing, route: Route, role: str
) -> None:
    response = shared_closing.client(role).request(route.method, route.path, **route.request)
    if allows(role, route.permission):
        refused = route.refusable and response.status_code in (404, 409, 422)
        assert response.status_code < 300 or refused, response.text
    else:
        assert response.status_code == 403, response.text
        assert response.json()["detail"].startswith(f"a {role} may not")


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_an_anonymous_request_gets_401_with_a_bearer_challenge(
    shared_closing: Closing, route: Route
) -> None:
    response = shared_closing.client().request(route.method, route.path, **route.request)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["detail"]


def test_an_unknown_token_gets_401(shared_closing: Closing) -> None:
    client = shared_closing.client()
    client.headers["Authorization"] = "Bearer cd_not-a-token"
    response = client.get("/api/v1/offerings")
    assert response.status_code == 401
    assert response.json()["detail"] == "the bearer token is unknown or revoked"


def test_the_health_check_needs_no_token(shared_closing: Closing) -> None:
    response = shared_closing.client().get("/api/v1/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.parametrize(
    ("role", "may_import", "may_draft"),
    [("viewer", False, False), ("agent", True, False), ("counsel", False, True)],
)
def test_agents_import_books_and_counsel_drafts_agreements(
    shared_closing: Closing, role: str, may_import: bool, may_draft: bool
) -> None:
    client = shared_closing.client(role)
    imported = client.post(f"/api/v1/offerings/{SLUG}/book", **BOOK)
    drafted = client.post(f"/api/v1/offerings/{SLUG}/agreements")
    assert (imported.status_code == 200, drafted.status_code == 200) == (may_import, may_draft)
    assert {imported.status_code, drafted.status_code} <= {200, 403}
