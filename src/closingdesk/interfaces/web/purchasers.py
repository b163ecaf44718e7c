"""The purchasers table (search, filter, sort, pages, all in the URL) and a purchaser's page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from closingdesk.adapters.store.purchaser_queries import PageQuery
from closingdesk.domain.checklist import CHECKLIST, STATES
from closingdesk.interfaces.http.deps import EngineDep, NowDep, PageReader
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.audit.audit_view import EventQuery, event_page
from closingdesk.services.clock import stamp
from closingdesk.services.deal_room import purchaser_detail, purchaser_table
from closingdesk.services.documents.documents_view import documents_of
from closingdesk.services.signing.links import links_of

router = APIRouter(include_in_schema=False)

DEFAULT_PER_PAGE = 50
RECENT_EVENTS = 50  # the purchaser's newest events; the audit log has them all


@router.get("/offerings/{offering}/purchasers")
def purchasers_page(
    request: Request,
    offering: str,
    user: PageReader,
    engine: EngineDep,
    q: str = "",
    state: str = "",
    attention: str = "",
    sort: str = "id",
    dir: str = "asc",
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
) -> Response:
    query = PageQuery(
        q.strip() or None, state or None, sort, dir == "desc", page, per_page, attention or None
    )
    table = purchaser_table(engine, offering=offering, query=query)
    params = {
        "q": q.strip(),
        "state": state,
        "attention": attention,
        "sort": "" if sort == "id" else sort,
        "dir": "desc" if query.descending else "",
        "per_page": "" if per_page == DEFAULT_PER_PAGE else per_page,
    }
    context = {
        "offering": table.offering,
        "terms": table.offering.terms,
        "table": table,
        "states": STATES,
        "params": {k: v for k, v in params.items() if v},
        "sort": sort,
        "descending": query.descending,
    }
    return render(request, "purchasers.html", context, user=user)


@router.get("/purchasers/{purchaser_id}")
def purchaser_page(
    request: Request, purchaser_id: int, user: PageReader, engine: EngineDep, now: NowDep
) -> Response:
    return render(
        request, "purchaser.html", purchaser_context(engine, purchaser_id, now), user=user
    )


def purchaser_context(
    engine: Engine, purchaser_id: int, now: datetime, *, issued: str | None = None
) -> dict[str, Any]:
    """What the purchaser's page shows; ``issued`` is a link just created, shown once."""
    offering, purchaser = purchaser_detail(engine, purchaser_id)
    events = event_page(
        engine, EventQuery(subject=f"purchaser:{purchaser_id}", per_page=RECENT_EVENTS)
    )
    return {
        "offering": offering,
        "terms": offering.terms,
        "purchaser": purchaser,
        "checklist": CHECKLIST,
        "documents": documents_of(engine, purchaser_id),
        "events": events,
        "links": links_of(engine, purchaser_id),
        "now_stamp": stamp(now),
        "issued": issued,
    }
