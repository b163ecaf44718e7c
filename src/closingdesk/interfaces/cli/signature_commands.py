"""signatures add-page|accept|reject|pages|execute, and countersign (in countersign_commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from closingdesk.domain.signing.signatures import SignaturePageRecord
from closingdesk.interfaces.cli import countersign_commands
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
from closingdesk.services.signing.signature_pages import add_signature_page, review_signature_page
from closingdesk.services.signing.signature_pages_view import agreement_document_id, signature_pages

signatures_app = typer.Typer(
    help="Signature pages sent back, and executed PDFs.", no_args_is_help=True
)

PurchaserArgument = Annotated[int, typer.Argument(help="The purchaser's id.", show_default=False)]


def register(app: typer.Typer) -> None:
    command(signatures_app, "add-page")(add_page)
    command(signatures_app, "accept")(accept)
    command(signatures_app, "reject")(reject)
    command(signatures_app, "pages")(pages)
    command(signatures_app, "execute")(countersign_commands.execute)
    app.add_typer(signatures_app, name="signatures")
    command(app, "countersign")(countersign_commands.countersign_command)


def add_page(
    purchaser: PurchaserArgument,
    file: Annotated[
        Path,
        typer.Argument(help="The signed page: PDF, PNG or JPEG.", exists=True, dir_okay=False),
    ],
    version: Annotated[
        int | None,
        typer.Option(help="The agreement version the page belongs to. Default: the current one."),
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Add a signed signature page sent back by a purchaser; counsel then accepts or rejects it."""
    engine = open_store(db)
    document = agreement_document_id(engine, purchaser_id=purchaser, version=version)
    page = add_signature_page(
        engine,
        purchaser_id=purchaser,
        document_id=document,
        file_name=file.name,
        content=file.read_bytes(),
        actor=actor(),
        now=utc_now(),
    )
    _report_page(page, json, f"Added {file.name} for purchaser {purchaser}: waiting for review.")


def accept(
    purchaser: PurchaserArgument,
    signer_name: Annotated[
        str | None, typer.Option(help="Who signed the page (for an entity: the individual).")
    ] = None,
    signer_title: Annotated[
        str | None, typer.Option(help="Their title (required for an entity purchaser).")
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Accept the purchaser's pending signature page: the purchaser has signed. For a fund,
    partnership, company or trust, name the individual who signed and their title."""
    page = review_signature_page(
        open_store(db),
        purchaser_id=purchaser,
        accept=True,
        reason=None,
        actor=actor(),
        now=utc_now(),
        signer_name=signer_name,
        signer_title=signer_title,
    )
    _report_page(page, json, f"Accepted the signature page of purchaser {purchaser}: signed.")


def reject(
    purchaser: PurchaserArgument,
    reason: Annotated[str, typer.Option(help="Why the page cannot be accepted.")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Reject the purchaser's pending signature page, saying why."""
    page = review_signature_page(
        open_store(db),
        purchaser_id=purchaser,
        accept=False,
        reason=reason,
        actor=actor(),
        now=utc_now(),
    )
    _report_page(page, json, f"Rejected the signature page of purchaser {purchaser}: {reason}")


def pages(
    purchaser: Annotated[int | None, typer.Option(help="Only this purchaser's.")] = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """List the signature pages sent back, with their review."""
    found = signature_pages(open_store(db), offering=offering, purchaser_id=purchaser)
    if json:
        print_json({"signature_pages": [page_json(p) for p in found]})
        return
    for p in found:
        why = f" ({p.reason})" if p.reason else ""
        out.print(
            f"{p.id}  purchaser {p.purchaser_id}  {escape(p.file_name)}  {p.status}{escape(why)}"
        )


def page_json(p: SignaturePageRecord) -> dict[str, Any]:
    return dict(p.__dict__)


def _report_page(page: SignaturePageRecord, json: bool, message: str) -> None:
    if json:
        print_json(page_json(page))
    else:
        out.print(message, markup=False)
