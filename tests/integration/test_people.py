"""Team users, sign-in, API tokens and purchasers' links, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.domain.people.sign_in_throttle import BY_EMAIL
from closingdesk.domain.problems import Conflict, InvalidInput
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.people.team import (
    NotAuthenticated,
    TooManyAttempts,
    add_user,
    authenticate,
    create_token,
    disable_user,
    installation_secrets,
    user_for_token,
)
from closingdesk.services.signing.links import LinkRefused, create_link, open_link, revoke_link
from tests.scenarios import ACTOR, NOW, THREE_PURCHASERS, book_file, example_offering

PASSWORD = "correct horse battery"


def test_a_user_signs_in_with_their_password_and_the_event_names_the_actor(
    engine: Engine,
) -> None:
    add_user(
        engine, " Ada@Example.COM ", role="counsel", password=PASSWORD, actor="cli:root", now=NOW
    )
    user = authenticate(engine, "ada@example.com", PASSWORD, now=NOW)
    assert (user.email, user.role) == ("ada@example.com", "counsel")
    event = audit_log(engine)[-1]
    assert (event.kind, event.actor, event.payload["role"]) == ("user.added", "cli:root", "counsel")


def test_an_unknown_role_and_a_short_password_are_refused_together(engine: Engine) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_user(engine, "x@example.com", role="boss", password="short", actor=ACTOR, now=NOW)
    assert "unknown role" in str(refused.value) and "at least 10" in str(refused.value)
    assert audit_log(engine) == []


def test_the_same_email_cannot_be_added_twice(engine: Engine) -> None:
    add_user(engine, "x@example.com", role="viewer", password=PASSWORD, actor=ACTOR, now=NOW)
    with pytest.raises(Conflict):
        add_user(engine, "X@example.com", role="admin", password=PASSWORD, actor=ACTOR, now=NOW)


def test_repeated_failed_sign_ins_are_slowed_down_even_with_the_right_password(
    engine: Engine,
) -> None:
    add_user(engine, "x@example.com", role="viewer", password=PASSWORD, actor=ACTOR, now=NOW)
    for _ in range(BY_EMAIL.free):
        with pytest.raises(NotAuthenticated):
            authenticate(engine, "x@example.com", "wrong password!", now=NOW)
    with pytest.raises(TooManyAttempts):
        authenticate(engine, "x@example.com", PASSWORD, now=NOW)
    later = NOW + timedelta(minutes=16)
    assert authenticate(engine, "x@example.com", PASSWORD, now=later).email == "x@example.com"


def test_a_disabled_user_can_neither_sign_in_nor_use_a_token(engine: Engine) -> None:
    add_user(engine, "x@example.com", role="agent", password=PASSWORD, actor=ACTOR, now=NOW)
    _, token = create_token(engine, "x@example.com", label=None, actor=ACTOR, now=NOW)
    assert user_for_token(engine, token, now=NOW).role == "agent"
    disable_user(engine, "x@example.com", actor=ACTOR, now=NOW)
    with pytest.raises(NotAuthenticated):
        authenticate(engine, "x@example.com", PASSWORD, now=NOW)
    with pytest.raises(NotAuthenticated):
        user_for_token(engine, token, now=NOW)


def test_an_unknown_token_is_refused(engine: Engine) -> None:
    with pytest.raises(NotAuthenticated):
        user_for_token(engine, "cd_not-a-token", now=NOW)


def _closing(engine: Engine, tmp_path: Path) -> str:
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    return installation_secrets(engine).link_key


def test_a_link_opens_its_purchasers_page_until_it_expires(engine: Engine, tmp_path: Path) -> None:
    key = _closing(engine, tmp_path)
    issued = create_link(
        engine, 2, offering=None, link_key=key, lifetime=timedelta(days=1), actor=ACTOR, now=NOW
    )
    opened = open_link(engine, issued.token, link_key=key, now=NOW + timedelta(hours=23))
    assert opened.purchaser.name == "Beta Partners"
    with pytest.raises(LinkRefused, match="expired"):
        open_link(engine, issued.token, link_key=key, now=NOW + timedelta(days=1, seconds=1))


def test_a_revoked_or_altered_link_is_refused(engine: Engine, tmp_path: Path) -> None:
    key = _closing(engine, tmp_path)
    issued = create_link(engine, 1, offering=None, link_key=key, actor=ACTOR, now=NOW)
    for position in (-1, len(issued.token) // 2):
        swapped = "A" if issued.token[position] != "A" else "B"
        altered = issued.token[:position] + swapped + issued.token[position:][1:]
        with pytest.raises(LinkRefused):
            open_link(engine, altered, link_key=key, now=NOW)
    with pytest.raises(LinkRefused):
        open_link(engine, issued.token, link_key="another installation's key", now=NOW)
    revoke_link(engine, issued.link.id, actor=ACTOR, now=NOW)
    with pytest.raises(LinkRefused, match="revoked"):
        open_link(engine, issued.token, link_key=key, now=NOW)
    kinds = [e.kind for e in audit_log(engine, subject="purchaser:1")]
    assert kinds == ["link.created", "link.revoked"]


def test_the_installation_secrets_stay_the_same(engine: Engine) -> None:
    assert installation_secrets(engine) == installation_secrets(engine)
