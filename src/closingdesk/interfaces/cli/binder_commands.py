"""binder build, binder verify."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.audit_commands import TsaOption
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
from closingdesk.services.binder.binder_log import binder_log_summary
from closingdesk.services.binder.build import build_binder, verify_binder
from closingdesk.services.clock import utc_now

binder_app = typer.Typer(help="The closing binder.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    command(binder_app, "build")(build_command)
    command(binder_app, "verify")(verify_command)
    app.add_typer(binder_app, name="binder")


def build_command(
    out_file: Annotated[
        Path, typer.Option("--out", help="The binder PDF (the ZIP goes beside it).")
    ],
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
    tsa_url: TsaOption = None,
) -> None:
    """Build the closing binder: one bookmarked PDF (memorandum, executed agreements,
    certificates, warrants, transfer agent papers, notices, audit log) and a ZIP of the
    original files with a SHA-256 manifest, the event log and its signed checkpoint."""
    built = build_binder(
        open_store(db), out_file, offering=offering, actor=actor(), now=utc_now(), tsa_url=tsa_url
    )
    if json:
        print_json(
            {
                "pdf": str(built.pdf),
                "zip": str(built.zip),
                "pdf_sha256": built.pdf_sha256,
                "zip_sha256": built.zip_sha256,
                "manifest_sha256": built.manifest_sha256,
                "sections": [{"title": t, "documents": n} for t, n in built.sections],
            }
        )
        return
    out.print(f"wrote {built.pdf} and {built.zip}", markup=False)
    for title, count in built.sections:
        out.print(f"  {title}: {count}", markup=False)


def verify_command(
    file: Annotated[Path, typer.Argument(help="The binder ZIP.")],
    db: Annotated[
        str | None,
        typer.Option("--db", help="Also check it against this database's record of binders built."),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Check every file of a binder ZIP against its manifest and its event log's chain;
    with --db also against the database (exit 1 on any problem)."""
    try:
        content = file.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{file}: cannot read it ({error.strerror})") from None
    problems = verify_binder(content, source=str(file), engine=open_store(db) if db else None)
    if json:
        print_json(
            {
                "file": str(file),
                "ok": not problems,
                "problems": [{"where": p.where, "what": p.what} for p in problems],
                "database_compared": db is not None,
            }
        )
    if problems:
        raise InvalidInput(f"{file} does not verify", problems)
    if json:
        return
    events, signed = binder_log_summary(content)
    checkpoint = (
        "its signed checkpoint checked against the offering's certificate"
        if signed
        else "it holds no signed checkpoint"
    )
    out.print(f"{file}: every file matches its manifest", markup=False)
    if db:
        out.print(
            f"compared with the database: the manifest is one it recorded building; its "
            f"{events} events are in the database's log unchanged; {checkpoint}",
            markup=False,
        )
    else:
        out.print(
            f"the database was NOT compared: its {events} events chain, but only --db URL "
            "shows whether the database's log still holds them and built this binder",
            markup=False,
        )
