"""The prospectus supplement (Exhibit B) on the purchaser's page, and its PDF.

The page shows the prospectus first: signing needs it delivered. Opening
``/p/{token}/prospectus`` serves the purchaser's own offering's prospectus, inline, and
records its delivery ("opened", the link as the actor). The page's template asks for its
section with ``prospectus_section()``, whichever route renders the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import Response
from jinja2 import pass_context
from jinja2.runtime import Context

from closingdesk.interfaces.http.deps import EngineDep, NowDep
from closingdesk.interfaces.portal.rendering import private
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.prospectus import (
    Prospectus,
    current_prospectus,
    record_prospectus_delivered,
)
from closingdesk.services.signing.links import OpenedLink, open_link


def opened_link(request: Request, token: str, engine: EngineDep, now: NowDep) -> OpenedLink:
    return open_link(engine, token, link_key=request.app.state.link_key, now=now)


Opened = Annotated[OpenedLink, Depends(opened_link)]
router = APIRouter(prefix="/p", include_in_schema=False)


@router.get("/{token}/prospectus")
def prospectus_pdf(request: Request, opened: Opened, engine: EngineDep, now: NowDep) -> Response:
    """The prospectus of the purchaser's own offering, recorded as delivered ("opened")."""
    detail = {
        "link_id": opened.link.id,
        "ip": request.client.host if request.client else None,
        "user_agent": request.headers.get("user-agent"),
    }
    actor = f"purchaser-link:{opened.link.id}"
    document = record_prospectus_delivered(
        engine, opened.purchaser.id, how="opened", at=now, detail=detail, actor=actor
    )
    headers = {
        "Content-Disposition": f'inline; filename="{document.file_name}"',
        "ETag": f'"{document.sha256}"',
    }
    return private(Response(document.content, media_type="application/pdf", headers=headers))


@dataclass(frozen=True)
class ProspectusSection:
    token: str
    document: Prospectus | None  # None until counsel stores one
    delivered: bool  # the checklist's prospectus_delivered

    @property
    def size(self) -> str:
        """'312 KB', '2.4 MB'."""
        size = self.document.size if self.document else 0
        return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{-(-size // 1000)} KB"


@pass_context
def prospectus_section(context: Context) -> ProspectusSection:
    """The section for the page being rendered (its ``request`` and ``page.token``)."""
    request, token = context["request"], context["page"].token
    engine = request.app.state.engine
    opened = open_link(engine, token, link_key=request.app.state.link_key, now=utc_now())
    delivered = opened.purchaser.checklist["prospectus_delivered"]
    return ProspectusSection(token, current_prospectus(engine, opened.offering.id), delivered)


def install(app: FastAPI) -> None:
    """The prospectus route, and the section's data for the page's template."""
    globals_: dict[str, Any] = app.state.portal_templates.env.globals
    globals_["prospectus_section"] = prospectus_section
    app.include_router(router)
