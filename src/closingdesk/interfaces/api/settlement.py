"""Settlement over the API: where it stands, settling (admins), dispatch and confirmations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.interfaces.api.schemas import Id, Slug, errors
from closingdesk.interfaces.api.settlement_schemas import (
    ConfirmationCreate,
    DispatchCreate,
    DispatchPublic,
    SettleCreate,
    SettlementPublic,
    SettlementRunPublic,
    settlement_public,
    settlement_run_public,
)
from closingdesk.interfaces.http.deps import (
    ApiRequires,
    EngineDep,
    NowDep,
    SettingsDep,
    actor_of,
)
from closingdesk.interfaces.mail_config import open_mailing
from closingdesk.services.settlement.mailed import settle_and_mail
from closingdesk.services.settlement.settlement_records import (
    Confirmation,
    confirm_shares,
    dispatch_original,
)
from closingdesk.services.settlement.settlement_view import settlement_overview

router = APIRouter(tags=["settlement"])

Reader = Annotated[User, Depends(ApiRequires(Permission.READ))]
Settler = Annotated[User, Depends(ApiRequires(Permission.SETTLE))]
WarrantNumber = Annotated[str, Path(pattern=r"^[Ww][- ]?0*[1-9][0-9]{0,8}$", max_length=12)]


@router.get("/offerings/{slug}/settlement", response_model=SettlementPublic, responses=errors(404))
def get_settlement(slug: Slug, user: Reader, engine: EngineDep, now: NowDep) -> SettlementPublic:
    """Who is ready, who is not (every reason), the warrants, the deadlines with time left."""
    return settlement_public(settlement_overview(engine, offering=slug, now=now))


@router.post(
    "/offerings/{slug}/settlement", response_model=SettlementRunPublic, responses=errors(404, 409)
)
def settle_offering(
    slug: Slug,
    user: Settler,
    engine: EngineDep,
    now: NowDep,
    settings: SettingsDep,
    body: SettleCreate | None = None,
) -> SettlementRunPublic:
    """Settle every ready purchaser (or one: 409 with every reason when they are not
    ready): DWAC instruction and warrant, in one transaction. Then, when the server was
    started with a mail server (CLOSINGDESK_SMTP_*), the instruction goes to the transfer
    agent and each purchaser gets their warrant's copy, as the CLI and the deal room do
    (``mail``, ``deliveries``)."""
    wanted = body or SettleCreate()
    with open_mailing(settings.mail, actor_of(user)) as mailing:
        done = settle_and_mail(
            engine,
            mailing,
            offering=slug,
            purchaser_id=wanted.purchaser_id,
            actor=actor_of(user),
            now=now,
        )
    return settlement_run_public(done.run, mailed=done.mailed, deliveries=done.deliveries)


@router.post(
    "/offerings/{slug}/warrants/{number}/dispatch",
    response_model=DispatchPublic,
    responses=errors(404, 409, 422),
)
def dispatch_warrant(
    slug: Slug,
    number: WarrantNumber,
    body: DispatchCreate,
    user: Settler,
    engine: EngineDep,
    now: NowDep,
) -> DispatchPublic:
    """Record the original warrant's dispatch (carrier, tracking)."""
    done = dispatch_original(
        engine,
        number,
        carrier=body.carrier,
        tracking=body.tracking,
        offering=slug,
        actor=actor_of(user),
        now=now,
    )
    return DispatchPublic(
        number=done.number,
        purchaser_id=done.purchaser_id,
        due=done.due,
        dispatched_at=done.dispatched_at,
        late=done.late,
    )


@router.post(
    "/offerings/{slug}/purchasers/{id}/confirmation",
    response_model=list[int],
    responses=errors(404, 409, 422),
)
def confirm_credit(
    slug: Slug, id: Id, body: ConfirmationCreate, user: Settler, engine: EngineDep, now: NowDep
) -> list[int]:
    """Record the transfer agent's confirmation of one purchaser's DWAC credit."""
    rows = [Confirmation(id, body.shares, body.reference)]
    return confirm_shares(engine, rows, offering=slug, actor=actor_of(user), now=now)
