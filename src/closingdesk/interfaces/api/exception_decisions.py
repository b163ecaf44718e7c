"""Decisions on funding exceptions over the API, beside the other decisions on a wire."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.interfaces.api.funding_schemas import ExceptionDecisionCreate
from closingdesk.interfaces.api.schemas import Id, Slug, errors
from closingdesk.interfaces.http.deps import ApiRequires, EngineDep, NowDep, actor_of
from closingdesk.services.funding.exception_decisions import (
    Decided,
    accept_late_wire,
    acknowledge_return,
)

router = APIRouter(tags=["funding"])

FundingWorker = Annotated[User, Depends(ApiRequires(Permission.WORK_FUNDING))]


class ExceptionDecidedPublic(BaseModel):
    transaction_id: int
    purchaser_id: int
    kind: str
    reason: str
    decided_by: str
    decided_at: str
    exception: str


def decided_public(done: Decided) -> ExceptionDecidedPublic:
    d = done.decision
    return ExceptionDecidedPublic(
        transaction_id=d.txn_id,
        purchaser_id=d.purchaser_id,
        kind=d.kind,
        reason=d.reason,
        decided_by=d.decided_by,
        decided_at=d.decided_at,
        exception=done.exception,
    )


@router.post(
    "/offerings/{slug}/transactions/{id}/accept-late",
    response_model=ExceptionDecidedPublic,
    responses=errors(404, 409, 422),
)
def accept_late_transaction(
    slug: Slug,
    id: Id,
    body: ExceptionDecisionCreate,
    user: FundingWorker,
    engine: EngineDep,
    now: NowDep,
) -> ExceptionDecidedPublic:
    """Accept a wire that came after the close of business (409 when it is not late)."""
    done = accept_late_wire(
        engine, id, reason=body.reason, offering=slug, actor=actor_of(user), now=now
    )
    return decided_public(done)


@router.post(
    "/offerings/{slug}/transactions/{id}/acknowledge-return",
    response_model=ExceptionDecidedPublic,
    responses=errors(404, 409, 422),
)
def acknowledge_return_transaction(
    slug: Slug,
    id: Id,
    body: ExceptionDecisionCreate,
    user: FundingWorker,
    engine: EngineDep,
    now: NowDep,
) -> ExceptionDecidedPublic:
    """Acknowledge the bank's return of a purchaser's wire (409 when it was not returned)."""
    done = acknowledge_return(
        engine, id, reason=body.reason, offering=slug, actor=actor_of(user), now=now
    )
    return decided_public(done)
