"""What every command shares: the --db/--offering/--json options, output, refusals -> exit 1."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text
from sqlalchemy import Engine

from closingdesk.adapters.store.engine import DEFAULT_URL, make_engine, upgrade
from closingdesk.domain.money import to_cents_string
from closingdesk.domain.problem_list import listed, more_text
from closingdesk.domain.problems import Refusal

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL. Default: $CLOSINGDESK_DB, else sqlite:///closingdesk.db here.",
        show_default=False,
    ),
]
OfferingOption = Annotated[
    str | None,
    typer.Option("--offering", help="Offering slug or id; may be left out when there is only one."),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout, nothing else.")
]

EXIT_REFUSED = 1

# Piped output (scripts, CI logs) gets a fixed width wide enough for the status table.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 132)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def database_url(db: str | None) -> str:
    return db or os.environ.get("CLOSINGDESK_DB") or DEFAULT_URL


def open_store(db: str | None) -> Engine:
    """The engine for --db, with the schema created or upgraded by the migrations."""
    engine = make_engine(database_url(db))
    upgrade(engine)
    return engine


def actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def refuse(refusal: Refusal) -> NoReturn:
    shown, more = listed(refusal.problems)
    lines = [refusal.message, *(f"  - {p}" for p in shown)]
    lines += [f"  {more_text(more)}"] if more else []
    err.print(Text.assemble(("refused: ", "bold red"), "\n".join(lines)))
    raise typer.Exit(EXIT_REFUSED)


@contextmanager
def refusals_exit() -> Iterator[None]:
    """Turn a service's refusal into its message on stderr and exit status 1."""
    try:
        yield
    except Refusal as refusal:
        refuse(refusal)


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return to_cents_string(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False, default=json_default))
    sys.stdout.write("\n")


def command(app: typer.Typer, name: str | None = None, **kwargs: Any) -> Callable[..., Any]:
    """app.command with refusals turned into exit status 1."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        import functools

        @functools.wraps(function)
        def wrapper(*args: Any, **kw: Any) -> Any:
            with refusals_exit():
                return function(*args, **kw)

        app.command(name, **kwargs)(wrapper)
        return function

    return decorate
