"""An offering's terms, every one of them, as a reader would want them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.interfaces.http.deps import EngineDep, PageReader
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.book.offerings import get_offering

router = APIRouter(include_in_schema=False)


def assumed(terms: OfferingTerms, field: str) -> str | None:
    """The assumption the terms record about ``field``, if any (they name it first).

    >>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
    >>> assumed(terms, "warrant_coverage")[:26], assumed(terms, "price_per_share")
    ('warrant_coverage 0.25 is a', None)
    """
    names = (field, field.replace("_", " "))
    return next((a for a in terms.assumptions if a.startswith(names)), None)


@router.get("/offerings/{offering}/terms")
def terms_page(request: Request, offering: str, user: PageReader, engine: EngineDep) -> Response:
    found = get_offering(engine, offering)
    context = {"offering": found, "terms": found.terms, "assumed": assumed}
    return render(request, "terms.html", context, user=user)
