"""Every answer carries the security headers: team pages, purchasers' pages, the API."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx

from closingdesk.services.signing.links import create_link
from tests.http_scenarios import Closing
from tests.scenarios import ACTOR, NOW

OFFERING = "/offerings/neotherapeutics-2002"
TEMPLATES = Path(__file__).parents[3] / "src/closingdesk/interfaces/web/templates"


def assert_protected(response: httpx.Response) -> None:
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'", policy
    assert "unsafe-inline" not in directives["default-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_team_pages_forbid_inline_scripts_and_framing(closing: Closing) -> None:
    client = closing.signed_in("admin")
    for path in ("/login", "/", OFFERING, f"{OFFERING}/countersign", "/purchasers/1", "/audit"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_protected(response)


def test_refusals_and_unknown_pages_carry_the_headers_too(closing: Closing) -> None:
    assert_protected(closing.client().get("/no-such-page"))
    assert_protected(closing.client().get("/api/v1/offerings"))  # 401 without a token
    assert_protected(closing.client("viewer").get("/api/v1/offerings"))
    assert_protected(closing.client().get("/static/app.css"))


def test_a_purchasers_page_sends_no_referrer_and_cannot_be_framed(closing: Closing) -> None:
    issued = create_link(
        closing.engine,
        1,
        offering=None,
        link_key=closing.app.state.link_key,
        lifetime=timedelta(days=3),
        sent_to=None,
        actor=ACTOR,
        now=NOW,
    )
    client = closing.client()
    assert_protected(client.get(f"/p/{issued.token}"))
    assert_protected(client.get("/p/not-a-link"))


def test_no_template_holds_an_inline_script_or_event_handler() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert "javascript:" not in text, template


def test_the_api_documentation_page_names_its_inline_script_by_hash(closing: Closing) -> None:
    response = closing.client().get("/api/v1/docs")
    policy = response.headers["content-security-policy"]
    assert "'sha256-" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
