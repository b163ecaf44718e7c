"""files verify: the documents' file store (adapters/files) checked against the database."""

from __future__ import annotations

import typer

from closingdesk.domain.problems import Conflict, Problem
from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    command,
    open_store,
    out,
    print_json,
)
from closingdesk.services.documents.document_files import check_files

files_app = typer.Typer(
    help="The documents' files (kept outside the database, one per SHA-256).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    command(files_app, "verify")(verify)
    app.add_typer(files_app, name="files")


def verify(db: DbOption = None, json: JsonOption = False) -> None:
    """Read every stored document's file and check it against the SHA-256 the database
    records; exit 1 when one is missing or has changed on disk."""
    check = check_files(open_store(db))
    if json:
        print_json(
            {
                "folder": str(check.folder),
                "checked": check.checked,
                "ok": not check.problems,
                "problems": check.problems,
            }
        )
    if check.problems:
        problems = [Problem("", what) for what in check.problems]
        raise Conflict(f"{len(problems)} of {check.checked} document files do not verify", problems)
    if not json:
        out.print(f"{check.checked} document files intact in {check.folder}", markup=False)
