"""documents add-prospectus: store the offering's prospectus supplement (Exhibit B)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    OfferingOption,
    actor,
    open_store,
    out,
    print_json,
)
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.prospectus import AddedProspectus, add_prospectus

ProspectusArgument = Annotated[
    Path,
    typer.Argument(
        help="The prospectus supplement, a PDF.", exists=True, dir_okay=False, readable=True
    ),
]


def add_prospectus_command(
    file: ProspectusArgument,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Store the offering's prospectus supplement (Exhibit B): a PDF, a new version only
    when its bytes differ from the current one. Purchasers see it on their page."""
    try:
        content = file.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {file}: {error.strerror or error}") from None
    added = add_prospectus(
        open_store(db), content, source=file.name, offering=offering, actor=actor(), now=utc_now()
    )
    if json:
        print_json(_json(added))
    else:
        _print(added)


def _json(added: AddedProspectus) -> dict[str, object]:
    p = added.prospectus
    return {
        "offering": added.offering.slug,
        "document_id": p.id,
        "version": p.version,
        "new_version": added.changed,
        "file_name": p.file_name,
        "sha256": p.sha256,
        "size": p.size,
        "pages": added.pages,
        "created_at": p.created_at,
    }


def _print(added: AddedProspectus) -> None:
    p, slug = added.prospectus, escape(added.offering.slug)
    if added.changed:
        out.print(f"Stored the prospectus supplement of {slug} as version {p.version}")
    else:
        out.print(f"Unchanged: version {p.version} of {slug}'s prospectus supplement is this file")
    pages = f"{added.pages} page{'' if added.pages == 1 else 's'}"
    out.print(f"  {pages}, {p.size:,} bytes, SHA-256 {p.sha256}")
