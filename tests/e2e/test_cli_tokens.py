"""API tokens from the command line: made with an expiry, listed with their last use,
revoked; a revoked or expired token gets 401."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from closingdesk.adapters.store.engine import make_engine
from closingdesk.interfaces.cli.app import build_app
from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.services.people.team import issue_token

runner = CliRunner()
EMAIL = "ops@closing.example"


def cli(*args: str, db: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db], input=stdin)


@pytest.fixture
def db(sqlite_url: str) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    added = cli(
        "users", "add", EMAIL, "--role", "viewer", "--password-stdin",
        db=sqlite_url, stdin="a long enough password\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    return sqlite_url


def api_status(db: str, token: str) -> int:
    client = TestClient(create_app(Settings(database_url=db)))
    headers = {"Authorization": f"Bearer {token}"}
    return client.get("/api/v1/offerings", headers=headers).status_code


def listed(db: str) -> list[dict[str, object]]:
    result = cli("tokens", "list", "--json", db=db)
    assert result.exit_code == 0, result.output
    tokens: list[dict[str, object]] = json.loads(result.stdout)
    return tokens


def test_a_token_expires_after_90_days_by_default_or_the_days_asked_for(db: str) -> None:
    made = json.loads(cli("tokens", "create", "--user", EMAIL, "--json", db=db).stdout)
    expires = datetime.fromisoformat(made["expires_at"])
    assert abs(expires - datetime.now(UTC) - timedelta(days=90)) < timedelta(minutes=1)
    short = cli("tokens", "create", "--user", EMAIL, "--days", "7", "--json", db=db)
    expires = datetime.fromisoformat(json.loads(short.stdout)["expires_at"])
    assert abs(expires - datetime.now(UTC) - timedelta(days=7)) < timedelta(minutes=1)


def test_a_token_lifetime_out_of_range_is_refused(db: str) -> None:
    for days in ("0", "367"):
        result = cli("tokens", "create", "--user", EMAIL, "--days", days, db=db)
        assert result.exit_code == 1 and "from 1 to 366 days" in result.stderr
    assert listed(db) == []


def test_the_list_shows_when_a_token_was_last_used(db: str) -> None:
    made = json.loads(
        cli("tokens", "create", "--user", EMAIL, "--label", "ci", "--json", db=db).stdout
    )
    assert listed(db)[0]["last_used_at"] is None
    assert api_status(db, made["token"]) == 200
    (token,) = listed(db)
    assert (token["id"], token["user"], token["label"], token["state"]) == (
        made["id"], EMAIL, "ci", "active",
    )  # fmt: skip
    used = datetime.fromisoformat(str(token["last_used_at"]))
    assert datetime.now(UTC) - used < timedelta(minutes=1)
    assert "ci" in cli("tokens", "list", db=db).stdout


def test_a_revoked_token_gets_401_and_cannot_be_revoked_twice(db: str) -> None:
    made = json.loads(cli("tokens", "create", "--user", EMAIL, "--json", db=db).stdout)
    assert api_status(db, made["token"]) == 200
    assert cli("tokens", "revoke", str(made["id"]), db=db).exit_code == 0
    assert api_status(db, made["token"]) == 401
    assert listed(db)[0]["state"] == "revoked"
    again = cli("tokens", "revoke", str(made["id"]), db=db)
    assert again.exit_code == 1 and "already revoked" in again.stderr
    assert cli("tokens", "revoke", "999", db=db).exit_code == 1


def test_an_expired_token_gets_401(db: str) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=8)
    issued = issue_token(make_engine(db), EMAIL, label=None, actor="test", now=long_ago, days=7)
    assert api_status(db, issued.token) == 401
    assert listed(db)[0]["state"] == "expired"
    client = TestClient(create_app(Settings(database_url=db)))
    response = client.get("/api/v1/offerings", headers={"Authorization": f"Bearer {issued.token}"})
    assert response.json()["detail"] == "the bearer token is expired"
