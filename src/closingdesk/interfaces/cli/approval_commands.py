"""documents add-approval: counsel's corporate approvals for the transfer agent's package."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

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
from closingdesk.services.documents.approvals import add_approval


class ApprovalKind(StrEnum):
    board_resolution = "board-resolution"
    officers_certificate = "officers-certificate"
    legal_opinion = "legal-opinion"


def add_approval_command(
    file: Annotated[
        Path, typer.Argument(help="The approval, a PDF.", dir_okay=False, readable=True)
    ],
    kind: Annotated[ApprovalKind, typer.Option(help="Which approval it is.")],
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Store a corporate approval (board resolution, officer's certificate, legal opinion)
    as a document of the offering; the DWAC instruction letter lists it among its
    attachments, and the transfer agent receives it with the letter."""
    try:
        content = file.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {file}: {error.strerror or error}") from None
    added = add_approval(
        open_store(db),
        content,
        kind=kind.value,
        source=file.name,
        offering=offering,
        actor=actor(),
        now=utc_now(),
    )
    if json:
        print_json(
            {
                "kind": added.kind,
                "document_id": added.document_id,
                "version": added.version,
                "file_name": added.file_name,
                "sha256": added.sha256,
            }
        )
    else:
        out.print(
            f"stored {added.kind} as {added.file_name} (version {added.version})", markup=False
        )
