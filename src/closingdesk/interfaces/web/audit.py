"""The event log, a page at a time, with the verdict of ``closingdesk audit verify``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closingdesk.interfaces.http.deps import EngineDep, PageReader
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.audit import verify_chain
from closingdesk.services.audit_view import EventQuery, event_page
from closingdesk.services.offerings import list_offerings

router = APIRouter(include_in_schema=False)


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
    query = EventQuery(kind.strip() or None, subject.strip() or None, page, per_page)
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
