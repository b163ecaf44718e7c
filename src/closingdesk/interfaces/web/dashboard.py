"""The offerings list and an offering's dashboard: money, checklist, deadline, exceptions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closingdesk.domain.checklist import CHECKLIST, STATES
from closingdesk.interfaces.http.deps import EngineDep, NowDep, PageReader
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.book.offerings import list_offerings
from closingdesk.services.deal_room import offering_summary

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, user: PageReader, engine: EngineDep) -> Response:
    offerings = list_offerings(engine)
    if len(offerings) == 1:
        return RedirectResponse(f"/offerings/{offerings[0].slug}", status_code=303)
    return render(request, "offerings.html", {"offerings": offerings}, user=user)


@router.get("/offerings/{offering}")
def dashboard(
    request: Request, offering: str, user: PageReader, engine: EngineDep, now: NowDep
) -> Response:
    summary = offering_summary(engine, offering=offering, now=now)
    context = {
        "offering": summary.offering,
        "terms": summary.offering.terms,
        "summary": summary,
        "checklist": CHECKLIST,
        "states": STATES,
    }
    return render(request, "dashboard.html", context, user=user)
