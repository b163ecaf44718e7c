"""forms export, forms import, forms list: counsel's forms, edited as text, versioned."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from closingdesk.adapters.files import write_file
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
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.forms import export_form, import_form, list_forms

forms_app = typer.Typer(
    help="Counsel's forms (agreement, warrant, dwac_letter, notice): one text source each,"
    " from which both the PDF and the Word file are made. Export, edit, import: a new version"
    " for documents drafted from then on; signed agreements keep theirs.",
    no_args_is_help=True,
)


class Kind(StrEnum):
    agreement = "agreement"
    warrant = "warrant"
    dwac_letter = "dwac_letter"
    notice = "notice"


KindArgument = Annotated[
    Kind,
    typer.Argument(
        help="agreement (its Exhibit A is the warrant form), warrant, dwac_letter or notice."
    ),
]


def register(app: typer.Typer) -> None:
    command(forms_app, "export")(export)
    command(forms_app, "import")(import_)
    command(forms_app, "list")(list_)
    app.add_typer(forms_app, name="forms")


def export(
    kind: KindArgument,
    out_file: Annotated[Path, typer.Option("--out", help="The file to write the form to.")],
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Write the form in use (its newest version; closingdesk's own is version 1) as text."""
    version, source = export_form(open_store(db), offering=offering, kind=kind.value)
    path = write_file(out_file.parent, out_file.name, source.encode("utf-8"))
    if json:
        print_json({"kind": kind.value, "version": version, "file": str(path)})
    else:
        out.print(f"Wrote the {kind.value} form, version {version}, to {path}", markup=False)


def import_(
    kind: KindArgument,
    file: Annotated[Path, typer.Argument(help="The edited form (UTF-8 text).")],
    reason: Annotated[str, typer.Option(help="Why the form changes (kept with the version).")],
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Check the form (unknown or missing placeholders, malformed markup: refused with the
    file and line, nothing changed) and store it as the next version of its kind."""
    stored = import_form(
        open_store(db),
        offering=offering,
        kind=kind.value,
        path=file,
        reason=reason,
        actor=actor(),
        now=utc_now(),
    )
    if json:
        print_json(
            {
                "kind": stored.kind,
                "version": stored.version,
                "sha256": stored.sha256,
                "imported_at": stored.imported_at,
                "imported_by": stored.imported_by,
                "reason": stored.reason,
            }
        )
    else:
        out.print(
            f"Stored the {stored.kind} form version {stored.version} (SHA-256 {stored.sha256});"
            " agreements drafted from now on use it, signed ones keep theirs.",
            markup=False,
        )


def list_(db: DbOption = None, offering: OfferingOption = None, json: JsonOption = False) -> None:
    """Every version of every form: number, SHA-256, when and by whom imported, and why."""
    versions = list_forms(open_store(db), offering=offering)
    if json:
        print_json(
            {
                "forms": [
                    {
                        "kind": v.kind,
                        "version": v.version,
                        "sha256": v.sha256,
                        "imported_at": v.imported_at,
                        "imported_by": v.imported_by,
                        "reason": v.reason,
                        "current": v.current,
                    }
                    for v in versions
                ]
            }
        )
        return
    for v in versions:
        when = v.imported_at or "(built in)"
        mark = "*" if v.current else " "
        line = f"{mark} {v.kind:<12} v{v.version:<3} {v.sha256[:16]}  {when}"
        out.print(f"{line}  {v.imported_by}: {v.reason}", markup=False)
