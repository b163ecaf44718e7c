"""The CLI with the `invitations` group, whether or not app.py registers it yet."""

from __future__ import annotations

from collections.abc import Mapping

import typer
from click.testing import Result
from typer.testing import CliRunner

from closingdesk.interfaces.cli import invitation_commands
from closingdesk.interfaces.cli.app import build_app

runner = CliRunner()


def cli_app() -> typer.Typer:
    app = build_app()
    if not any(group.name == "invitations" for group in app.registered_groups):
        invitation_commands.register(app)
    return app


def cli(*args: str, db: str, env: Mapping[str, str] | None = None) -> Result:
    return runner.invoke(cli_app(), [*args, "--db", db], env=dict(env or {}))
