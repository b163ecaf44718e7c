"""The countersign form as it arrives, and what its result page shows.

The result names each purchaser countersigned with links to their executed PDF and its
certificate of completion, and groups the purchasers skipped by reason ("the purchaser has
not signed": 240 purchasers), so countersigning all of a large closing reads in one screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Form
from sqlalchemy import Engine

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.services.book.offerings import get_offering
from closingdesk.services.deal_room import purchaser_detail
from closingdesk.services.documents.documents_view import DocumentInfo
from closingdesk.services.signing.signatures import CountersignResult, executed_documents

SHOWN = 200  # purchasers named per list on the result page; the rest are counted


@dataclass(frozen=True)
class CountersignSent:
    purchaser_ids: list[int]
    everyone: bool  # "countersign all": every purchaser who signed and awaits it
    signer_name: str
    signer_title: str


def countersign_sent(
    purchaser: Annotated[list[int] | None, Form()] = None,
    scope: Annotated[str, Form()] = "selected",
    signer_name: Annotated[str, Form()] = "",
    signer_title: Annotated[str, Form()] = "",
) -> CountersignSent:
    return CountersignSent(purchaser or [], scope == "all", signer_name, signer_title)


@dataclass(frozen=True)
class Countersigned:
    purchaser: Purchaser
    documents: list[DocumentInfo]  # the executed PDF and its certificate


@dataclass(frozen=True)
class Skipped:
    reason: str
    purchasers: list[Purchaser]  # the first SHOWN of them
    count: int


def outcome(engine: Engine, offering: str, result: CountersignResult) -> dict[str, Any]:
    """The result page's context: countersigned, skipped by reason, not executed."""
    found = get_offering(engine, offering)
    countersigned = [
        Countersigned(_purchaser(engine, pid), executed_documents(engine, purchaser_id=pid))
        for pid in result.countersigned[:SHOWN]
    ]
    by_reason: dict[str, list[int]] = {}
    for pid, reasons in result.skipped:
        by_reason.setdefault("; ".join(reasons) or "not possible now", []).append(pid)
    skipped = [
        Skipped(reason, [_purchaser(engine, pid) for pid in ids[:SHOWN]], len(ids))
        for reason, ids in by_reason.items()
    ]
    failed = [(_purchaser(engine, pid), why) for pid, why in result.failed[:SHOWN]]
    return {
        "offering": found,
        "terms": found.terms,
        "result": result,
        "countersigned": countersigned,
        "skipped": skipped,
        "failed": failed,
        "shown": SHOWN,
    }


def _purchaser(engine: Engine, purchaser_id: int) -> Purchaser:
    return purchaser_detail(engine, purchaser_id)[1]
