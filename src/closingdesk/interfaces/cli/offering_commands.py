"""init, terms-template, offering show."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from closingdesk.adapters.terms_toml import load_terms_file, terms_template
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms import EXAMPLES
from closingdesk.domain.offering.terms_mapping import terms_to_mapping
from closingdesk.domain.problems import InvalidInput
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
from closingdesk.services.book.offerings import create_offering, get_offering
from closingdesk.services.clock import utc_now
from closingdesk.services.installation.installation_keys import key_file
from closingdesk.services.signing.signing_identity import ensure_signing_identity

offering_app = typer.Typer(help="The offering's terms.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    command(app, "init")(init)
    command(app, "terms-template")(terms_template_command)
    command(offering_app, "show")(show)
    app.add_typer(offering_app, name="offering")


def init(
    example: Annotated[
        str | None,
        typer.Option(help=f"Create a built-in example offering: {', '.join(EXAMPLES)}."),
    ] = None,
    terms: Annotated[
        Path | None, typer.Option(help="Create the offering from a terms TOML file.")
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Create the database (by its migrations) and an offering in it."""
    if (example is None) == (terms is None):
        raise InvalidInput("give exactly one of --example NAME or --terms FILE.toml")
    if example is not None and example not in EXAMPLES:
        raise InvalidInput(f"no example {example!r}; there is {', '.join(EXAMPLES)}")
    offering_terms = EXAMPLES[example] if example else load_terms_file(terms)  # type: ignore[arg-type]
    engine = open_store(db)
    offering = create_offering(engine, offering_terms, actor=actor(), now=utc_now())
    # the key pair and certificate its executed agreements will be signed with
    ensure_signing_identity(engine, offering=offering, actor=actor(), now=utc_now())
    if json:
        print_json(offering_json(offering))
    else:
        out.print(
            f"Created offering [bold]{offering.slug}[/] (id {offering.id}): "
            f"{escape(offering.terms.issuer_name)}"
        )
        out.print(
            f"Secrets: {key_file(engine)} (keep it apart from copies of the database; "
            "see closingdesk backup)",
            markup=False,
        )


def terms_template_command() -> None:
    """Print the example's terms as commented TOML, to start another offering from."""
    out.file.write(terms_template())


def show(db: DbOption = None, offering: OfferingOption = None, json: JsonOption = False) -> None:
    """Show the offering's terms (warrant coverage included)."""
    found = get_offering(open_store(db), offering)
    if json:
        print_json(offering_json(found))
        return
    table = Table(title=escape(f"{found.terms.issuer_name} — {found.slug}"), show_header=False)
    table.add_column("term", style="bold")
    table.add_column("value")
    for key, value in _flatten(terms_to_mapping(found.terms)):
        table.add_row(key, escape(value))
    out.print(table)


def offering_json(offering: Offering) -> dict[str, Any]:
    return {"id": offering.id, "slug": offering.slug, "terms": terms_to_mapping(offering.terms)}


def _flatten(mapping: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(_flatten(value, prefix=f"{name}."))
        elif isinstance(value, list):
            rows.append((name, "\n".join(str(v) for v in value)))
        else:
            rows.append((name, str(value)))
    return rows
