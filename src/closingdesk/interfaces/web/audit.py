"""The event log, a page at a time, with the verdict of ``closingdesk audit verify``.

A page number past the end shows the last page (and one below 1 the first).
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closingdesk.interfaces.http.deps import EngineDep, PageReader
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.audit.audit_view import EventQuery, event_page
from closingdesk.services.audit.event_log import verify_chain
from closingdesk.services.book.offerings import list_offerings

router = APIRouter(include_in_schema=False)
MAX_PAGE = 1_000_000  # as the API's; past it, and past the end, the last page is shown


@router.get("/audit")
def audit_page(
    request: Request,
    user: PageReader,
    engine: EngineDep,
    kind: str = "",
    subject: str = "",
    page: int = 1,
    per_page: int = 50,
) -> Response:
    wanted = min(max(page, 1), MAX_PAGE)
    query = EventQuery(kind.strip() or None, subject.strip() or None, wanted, per_page)
    events = event_page(engine, query)
    if query.page > events.pages:
        query = replace(query, page=events.pages)
        events = event_page(engine, query)
    params = {"kind": query.kind, "subject": query.subject, "per_page": per_page}
    offerings = list_offerings(engine)
    context = {
        "offering": offerings[0] if len(offerings) == 1 else None,
        "verdict": verify_chain(engine),
        "events": events,
        "params": {k: v for k, v in params.items() if v and v != 50},
    }
    return render(request, "audit.html", context, user=user)
