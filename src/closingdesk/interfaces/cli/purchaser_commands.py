"""purchasers import, purchasers list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.offering.offering_record import Offering
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
from closingdesk.services.book.purchasers import import_book, list_purchasers
from closingdesk.services.clock import utc_now

purchasers_app = typer.Typer(help="The purchaser book.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    command(purchasers_app, "import")(import_command)
    command(purchasers_app, "list")(list_command)
    app.add_typer(purchasers_app, name="purchasers")


def import_command(
    file: Annotated[Path, typer.Argument(help="The book: a .csv or .xlsx file.")],
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Import a purchaser book; every problem is listed, and a refused file writes nothing.

    Columns (any order, any case): name, shares (required); warrant_shares, email,
    attention, address (lines split by newlines or " | "), fax, dtc_participant,
    dtc_account, dtc_reference, signer_name, signer_title. dtc_participant: 1 to 4
    digits (zero-padded to four); dtc_account, dtc_reference: 1 to 35 letters, digits,
    and space - / . , after the first. Bidirectional and control characters are refused.
    """
    result = import_book(open_store(db), file, offering=offering, actor=actor(), now=utc_now())
    summary = {
        "offering": result.offering.slug,
        "source": result.source,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    if json:
        print_json(summary)
    else:
        out.print(
            f"{result.source}: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged ({result.offering.slug})",
            markup=False,
        )


def list_command(
    db: DbOption = None, offering: OfferingOption = None, json: JsonOption = False
) -> None:
    """List the offering's purchasers with their allocation."""
    found, purchasers = list_purchasers(open_store(db), offering=offering)
    if json:
        print_json(
            {"offering": found.slug, "purchasers": [purchaser_json(found, p) for p in purchasers]}
        )
        return
    table = Table(title=f"Purchasers — {found.slug}")
    for column in ("id", "name", "shares", "purchase price", "warrant shares", "DTC", "e-mail"):
        table.add_column(column, justify="right" if column in {"id", "shares"} else "left")
    for p in purchasers:
        table.add_row(
            str(p.id),
            escape(p.name),
            f"{p.shares:,}",
            f"{p.purchase_price(found.terms):,.2f}",
            f"{p.warrant_shares(found.terms):,}",
            p.dtc_participant or "—",
            escape(p.email or "—"),
        )
    out.print(table)


def purchaser_json(offering: Offering, p: Purchaser) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "shares": p.shares,
        "purchase_price": p.purchase_price(offering.terms),
        "warrant_shares": p.warrant_shares(offering.terms),
        "state": p.state,
        "checklist": dict(p.checklist),
        "email": p.email,
        "attention": p.attention,
        "address": list(p.address),
        "fax": p.fax,
        "dtc_participant": p.dtc_participant,
        "dtc_account": p.dtc_account,
        "dtc_reference": p.dtc_reference,
        "signer_name": p.signer_name,
        "signer_title": p.signer_title,
    }
