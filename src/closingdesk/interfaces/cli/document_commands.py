"""documents verify (is this PDF signed by us, and unchanged since?), add-prospectus, list
and export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from closingdesk.interfaces.cli import document_list_commands
from closingdesk.interfaces.cli.approval_commands import add_approval_command
from closingdesk.interfaces.cli.common import (
    EXIT_REFUSED,
    DbOption,
    JsonOption,
    command,
    err,
    open_store,
    out,
    print_json,
)
from closingdesk.interfaces.cli.prospectus_commands import add_prospectus_command
from closingdesk.services.documents.document_signatures import DocumentCheck, verify_document

documents_app = typer.Typer(help="Stored documents and signed PDFs.", no_args_is_help=True)

PdfArgument = Annotated[
    Path,
    typer.Argument(help="The PDF to check.", exists=True, dir_okay=False, readable=True),
]


def register(app: typer.Typer) -> None:
    command(documents_app, "verify")(verify)
    command(documents_app, "add-prospectus")(add_prospectus_command)
    command(documents_app, "add-approval")(add_approval_command)
    command(documents_app, "list")(document_list_commands.list_command)
    command(documents_app, "export")(document_list_commands.export_command)
    app.add_typer(documents_app, name="documents")


def verify(file: PdfArgument, db: DbOption = None, json: JsonOption = False) -> None:
    """Check a PDF's digital signature: exit 0 when it is ours and unchanged, else 1."""
    for name in ("pyhanko", "pyhanko_certvalidator"):  # their tracebacks are our problems list
        logging.getLogger(name).addHandler(logging.NullHandler())
    check = verify_document(open_store(db), file.read_bytes())
    if json:
        print_json({"file": str(file), **check_json(check)})
    else:
        _print(file, check)
    if not check.verdict.valid:
        raise typer.Exit(EXIT_REFUSED)


def check_json(check: DocumentCheck) -> dict[str, Any]:
    v = check.verdict
    return {
        "state": v.state,
        "valid": v.valid,
        "message": v.message,
        "intact": v.intact,
        "trusted": v.trusted,
        "covers_whole_document": v.covers_whole_document,
        "signed_by": v.signed_by,
        "signer_fingerprint": v.signer_fingerprint,
        "offering": check.offering,
        "signed_at": None if v.signed_at is None else v.signed_at.isoformat(),
        "timestamped": v.timestamped,
        "signatures": v.signatures,
        "problems": list(v.problems),
    }


def _print(file: Path, check: DocumentCheck) -> None:
    v = check.verdict
    console = out if v.valid else err
    colour = "green" if v.valid else "bold red"
    lines = [f"[{colour}]{escape(v.message)}[/]", f"  file: {escape(str(file))}"]
    if v.signed_at is not None:
        how = "timestamped by the authority" if v.timestamped else "as stated by the signer"
        lines.append(f"  signed at {v.signed_at.isoformat()} ({how})")
    if v.signer_fingerprint is not None:
        whose = f"offering {check.offering}" if check.offering else "no offering in this database"
        lines.append(f"  certificate SHA-256 {v.signer_fingerprint}: {escape(whose)}")
    lines += [f"  - {escape(problem)}" for problem in v.problems]
    for line in lines:
        console.print(line, soft_wrap=True)
