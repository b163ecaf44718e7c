"""documents list (every stored document) and documents export (one written out)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    OfferingOption,
    open_store,
    out,
    print_json,
)
from closingdesk.services.documents.document_catalog import list_documents
from closingdesk.services.documents.documents_view import stored_document


def list_command(
    purchaser: Annotated[int | None, typer.Option(help="Only this purchaser's documents.")] = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """List every stored document: kind, purchaser, version, SHA-256, when it was made."""
    found, documents = list_documents(open_store(db), offering=offering, purchaser_id=purchaser)
    if json:
        print_json({"offering": found.slug, "documents": [asdict(d) for d in documents]})
        return
    table = Table(title=f"Documents — {found.slug}")
    for column in ("id", "kind", "format", "purchaser", "version", "SHA-256", "created", "file"):
        table.add_column(column, overflow="fold")
    for d in documents:
        table.add_row(
            str(d.id),
            d.kind,
            d.format,
            "—" if d.purchaser_id is None else str(d.purchaser_id),
            str(d.version),
            d.sha256,
            d.created_at,
            escape(d.file_name),
        )
    out.print(table)


def export_command(
    document: Annotated[int, typer.Argument(help="The document's id (see documents list).")],
    out_file: Annotated[Path, typer.Option("--out", help="The file to write.", dir_okay=False)],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Write one stored document out, byte for byte."""
    found = stored_document(open_store(db), document)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_bytes(found.content)
    if json:
        print_json({**asdict(found.info), "file": str(out_file)})
    else:
        out.print(
            f"Wrote {found.info.kind} {found.info.id} ({found.info.size:,} bytes, SHA-256 "
            f"{found.info.sha256}) to {out_file}",
            markup=False,
        )
