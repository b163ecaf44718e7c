"""users add|list|disable, tokens create|list|revoke, purchasers link."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from closingdesk.domain.people.credentials import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from closingdesk.domain.people.roles import ROLES
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    OfferingOption,
    actor,
    command,
    open_store,
    out,
    print_json,
)
from closingdesk.interfaces.cli.purchaser_commands import purchasers_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.services.clock import stamp, utc_now
from closingdesk.services.people.team import (
    add_user,
    disable_user,
    installation_secrets,
    issue_token,
    list_tokens,
    list_users,
    revoke_token,
)
from closingdesk.services.signing.links import MAX_LINK_DAYS, create_link

users_app = typer.Typer(help="The team's users and their roles.", no_args_is_help=True)
tokens_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    command(users_app, "add")(add)
    command(users_app, "list")(list_command)
    command(users_app, "disable")(disable)
    command(tokens_app, "create")(create_token_command)
    command(tokens_app, "list")(list_tokens_command)
    command(tokens_app, "revoke")(revoke_token_command)
    command(purchasers_app, "link")(link)
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password", hide_input=True)
    second = typer.prompt("Repeat the password", hide_input=True)
    if first != second:
        raise InvalidInput("the two passwords differ; nothing was changed")
    return str(first)


def add(
    email: Annotated[str, typer.Argument(help="The user's e-mail address (their sign-in).")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Add a user; the password is asked for without echo (or read with --password-stdin)."""
    password = _read_password(password_stdin)
    user = add_user(
        open_store(db), email, role=role, password=password, actor=actor(), now=utc_now()
    )
    if json:
        print_json({"id": user.id, "email": user.email, "role": user.role})
    else:
        out.print(f"Added {escape(user.email)} as {user.role} (id {user.id})")


def list_command(db: DbOption = None, json: JsonOption = False) -> None:
    """List the users with their role and whether they are disabled."""
    users = list_users(open_store(db))
    if json:
        print_json(
            [{"id": u.id, "email": u.email, "role": u.role, "disabled": u.disabled} for u in users]
        )
        return
    table = Table(title="Users")
    for column in ("id", "e-mail", "role", "status"):
        table.add_column(column)
    for u in users:
        table.add_row(str(u.id), escape(u.email), u.role, "disabled" if u.disabled else "active")
    out.print(table)


def disable(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Disable a user: they can no longer sign in, and their tokens stop working."""
    user = disable_user(open_store(db), email, actor=actor(), now=utc_now())
    if json:
        print_json({"id": user.id, "email": user.email, "disabled": True})
    else:
        out.print(f"Disabled {escape(user.email)}")


def create_token_command(
    user: Annotated[str, typer.Option("--user", help="The e-mail of the token's user.")],
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
    days: Annotated[
        int, typer.Option(help=f"Days until the token expires (1 to {MAX_TOKEN_DAYS}).")
    ] = DEFAULT_TOKEN_DAYS,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Create an API bearer token for a user; it is shown once, only its hash is kept."""
    issued = issue_token(open_store(db), user, label=label, actor=actor(), now=utc_now(), days=days)
    expires = stamp(issued.expires_at)
    if json:
        print_json(
            {
                "id": issued.token_id,
                "user": issued.user.email,
                "role": issued.user.role,
                "token": issued.token,
                "expires_at": expires,
            }
        )
    else:
        out.print(
            f"Token {issued.token_id} for {escape(issued.user.email)} ({issued.user.role}), "
            f"expires {expires}; it is shown only now:"
        )
        out.print(issued.token, markup=False)


def _when(moment: datetime | None) -> str | None:
    return stamp(moment) if moment else None


def list_tokens_command(db: DbOption = None, json: JsonOption = False) -> None:
    """List the API tokens: whose, what for, when made, when they expire, when last used."""
    now = utc_now()
    tokens = list_tokens(open_store(db))
    if json:
        print_json(
            [
                {
                    "id": t.id,
                    "user": t.user_email,
                    "label": t.label,
                    "state": t.state(now),
                    "created_at": stamp(t.created_at),
                    "expires_at": stamp(t.expires_at),
                    "last_used_at": _when(t.last_used_at),
                    "revoked_at": _when(t.revoked_at),
                }
                for t in tokens
            ]
        )
        return
    table = Table(title="API tokens")
    for column in ("id", "user", "label", "state", "created", "expires", "last used"):
        table.add_column(column)
    for t in tokens:
        table.add_row(
            str(t.id),
            escape(t.user_email),
            escape(t.label or ""),
            t.state(now),
            stamp(t.created_at)[:16],
            stamp(t.expires_at)[:16],
            stamp(t.last_used_at)[:16] if t.last_used_at else "never",
        )
    out.print(table)


def revoke_token_command(
    token_id: Annotated[int, typer.Argument(metavar="ID", help="The token's id (tokens list).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Revoke an API token: every request with it is refused (401) from now on."""
    token = revoke_token(open_store(db), token_id, actor=actor(), now=utc_now())
    if json:
        print_json(
            {"id": token.id, "user": token.user_email, "revoked_at": _when(token.revoked_at)}
        )
    else:
        out.print(f"Revoked token {token.id} of {escape(token.user_email)}")


def link(
    purchaser: Annotated[int, typer.Argument(help="The purchaser's id.")],
    days: Annotated[
        int, typer.Option(help=f"Days until the link expires (1 to {MAX_LINK_DAYS}).")
    ] = 14,
    sent_to: Annotated[str | None, typer.Option(help="Where the link is being sent.")] = None,
    public_url: Annotated[
        str, typer.Option(help="Where the deal room is served (or $CLOSINGDESK_PUBLIC_URL).")
    ] = "http://127.0.0.1:8000",
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Print a signed, expiring, revocable link that opens this purchaser's own page."""
    if not 1 <= days <= MAX_LINK_DAYS:
        raise InvalidInput(f"--days must be from 1 to {MAX_LINK_DAYS}; no link was made")
    engine = open_store(db)
    settings = Settings.from_environment("", public_url=public_url, with_mail=False)
    issued = create_link(
        engine,
        purchaser,
        offering=offering,
        link_key=installation_secrets(engine).link_key,
        lifetime=timedelta(days=days),
        sent_to=sent_to,
        actor=actor(),
        now=utc_now(),
    )
    url = f"{settings.public_url}/p/{issued.token}"
    if json:
        print_json(
            {
                "purchaser_id": purchaser,
                "link_id": issued.link.id,
                "url": url,
                "expires_at": issued.link.expires_at,
            }
        )
    else:
        out.print(url, markup=False)
        out.print(f"expires {issued.link.expires_at}", markup=False)
