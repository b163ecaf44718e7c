"""serve: the deal room and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from closingdesk.interfaces.cli.common import DbOption, command, database_url


def register(app: typer.Typer) -> None:
    command(app, "serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Run the web deal room and the JSON API (/api/v1, OpenAPI at /api/v1/openapi.json)."""
    run_server(database_url(db), host=host, port=port)


def run_server(url: str, *, host: str, port: int) -> None:
    import uvicorn

    from closingdesk.interfaces.http.app import create_app
    from closingdesk.interfaces.http.settings import Settings

    settings = Settings.from_environment(url, public_url=f"http://{host}:{port}")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
