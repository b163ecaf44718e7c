"""GET /offerings, one offering's terms, its status at a glance, and its purchasers table."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from closingdesk.adapters.store.purchaser_queries import SORTS, PageQuery
from closingdesk.domain.checklist import STATES
from closingdesk.interfaces.api.offering_schemas import (
    OfferingPublic,
    OfferingsPublic,
    OfferingStatusPublic,
    offering_list_item,
    offering_public,
    offering_status_public,
)
from closingdesk.interfaces.api.purchaser_schemas import PurchasersPublic, purchasers_public
from closingdesk.interfaces.api.schemas import NO_NUL, PageNumber, Slug, errors
from closingdesk.interfaces.http.deps import ApiReader, EngineDep, NowDep
from closingdesk.services.book.offerings import get_offering, list_offerings
from closingdesk.services.deal_room import MAX_PER_PAGE, purchaser_table
from closingdesk.services.summary_cache import SummaryCache

router = APIRouter(tags=["offerings"])


async def summary_cache(request: Request) -> SummaryCache:
    """The app's cache of offering summaries, made on first use (async: no thread needed)."""
    state = request.app.state
    if not isinstance(getattr(state, "summaries", None), SummaryCache):
        state.summaries = SummaryCache()
    cache: SummaryCache = state.summaries
    return cache


Summaries = Annotated[SummaryCache, Depends(summary_cache)]


@router.get("/offerings", response_model=OfferingsPublic, responses=errors())
def read_offerings(user: ApiReader, engine: EngineDep) -> OfferingsPublic:
    offerings = list_offerings(engine)
    return OfferingsPublic(data=[offering_list_item(o) for o in offerings], count=len(offerings))


@router.get("/offerings/{slug}", response_model=OfferingPublic, responses=errors(404, 422))
def read_offering(slug: Slug, user: ApiReader, engine: EngineDep) -> OfferingPublic:
    return offering_public(get_offering(engine, slug))


@router.get(
    "/offerings/{slug}/status", response_model=OfferingStatusPublic, responses=errors(404, 422)
)
async def read_offering_status(
    slug: Slug, user: ApiReader, engine: EngineDep, now: NowDep, summaries: Summaries
) -> OfferingStatusPublic:
    """Money committed, signed and funded; checklist counts; the close of business; what
    needs attention. Not every purchaser: page through ``/purchasers`` for them."""
    # async, with the store read in one worker thread: a sync route takes a second thread
    # hop to serialize its answer, and with the summary cached, hops are most of its cost
    summary = await run_in_threadpool(summaries.summary, engine, offering=slug, now=now)
    return offering_status_public(summary)


@router.get(
    "/offerings/{slug}/purchasers", response_model=PurchasersPublic, responses=errors(404, 422)
)
async def read_purchasers(
    slug: Slug,
    user: ApiReader,
    engine: EngineDep,
    search: Annotated[
        str | None,
        Query(max_length=200, pattern=NO_NUL, description="part of the name or e-mail, any case"),
    ] = None,
    state: Annotated[
        str | None,
        Query(description="the purchasers' current state", json_schema_extra={"enum": [*STATES]}),
    ] = None,
    sort: Annotated[str, Query(json_schema_extra={"enum": [*SORTS]})] = "id",
    order: Literal["asc", "desc"] = "asc",
    page: PageNumber = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
) -> PurchasersPublic:
    query = PageQuery(
        search=search or None,
        state=state or None,
        sort=sort,
        descending=order == "desc",
        page=page,
        per_page=per_page,
    )
    page_of = await run_in_threadpool(purchaser_table, engine, offering=slug, query=query)
    return purchasers_public(page_of)
