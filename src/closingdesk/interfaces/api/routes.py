"""All API routers, gathered under /api/v1.

Every route but ``/health`` takes a bearer token (``closingdesk tokens create``); the
``HTTPBearer`` dependency only documents that in the OpenAPI document: who may do what is
decided by each route's ``ApiRequires(Permission.X)``.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.security import HTTPBearer

from closingdesk.interfaces.api import (
    audit,
    book,
    documents,
    exception_decisions,
    funding,
    links,
    offerings,
    purchasers,
    settlement,
)
from closingdesk.interfaces.api.schemas import HealthPublic

bearer = HTTPBearer(auto_error=False, description="closingdesk tokens create --user EMAIL")

router = APIRouter()


@router.get("/health", response_model=HealthPublic, tags=["health"])
async def health() -> HealthPublic:
    """Answers without a token, the database or a worker thread (so it answers even when
    every worker is busy): for load balancers, and the floor of ``benchmarks api``."""
    return HealthPublic(status="ok")


for module in (
    offerings,
    book,
    purchasers,
    documents,
    links,
    funding,
    exception_decisions,
    settlement,
    audit,
):
    router.include_router(module.router, dependencies=[Depends(bearer)])
