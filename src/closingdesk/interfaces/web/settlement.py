"""The settlement page: deadlines with the time left, who is ready and who is not (every
reason), settling (admins only), the originals' dispatch and the transfer agent's
confirmations, and the closing binder.

Settling, dispatch and confirmation need SETTLE (admins); everyone reads. Each form answers
with a redirect back and a one-time message; a refusal shows the page again with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.domain.problems import InvalidInput, Problem, Refusal
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import (
    EngineDep,
    NowDep,
    PageReader,
    PageRequires,
    SettingsDep,
    actor_of,
)
from closingdesk.interfaces.http.errors import status_of
from closingdesk.interfaces.mail_config import open_mailing
from closingdesk.interfaces.web import flash
from closingdesk.interfaces.web.filters import long_date
from closingdesk.interfaces.web.rendering import render
from closingdesk.interfaces.web.settlement_page import settlement_page
from closingdesk.services.settlement.deliveries import SENT, DeliveryOutcome
from closingdesk.services.settlement.mailed import settle_and_mail
from closingdesk.services.settlement.settlement_records import (
    Confirmation,
    confirm_shares,
    dispatch_original,
)
from closingdesk.services.settlement.settlement_view import settlement_overview
from closingdesk.services.settlement.settling import SettlementRun

router = APIRouter(include_in_schema=False)

Settler = Annotated[User, Depends(PageRequires(Permission.SETTLE))]
Text = Annotated[str, Form(max_length=200)]


@router.get("/offerings/{offering}/settlement")
def settlement(
    request: Request, offering: str, user: PageReader, engine: EngineDep, now: NowDep, page: int = 1
) -> Response:
    notice = flash.take(request, request.url.path)
    return _page(request, user, offering, engine, now, page=page, notice=notice)


@router.post("/offerings/{offering}/settlement")
def settle_ready(
    request: Request,
    offering: str,
    user: Settler,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    settings: SettingsDep,
    purchaser_id: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
) -> Response:
    try:
        with open_mailing(settings.mail, actor_of(user)) as mailing:
            done = settle_and_mail(
                engine,
                mailing,
                offering=offering,
                purchaser_id=purchaser_id,
                actor=actor_of(user),
                now=now,
            )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, now, refusal)
    said = _settled_text(done.run)
    if done.deliveries:
        said += " " + _mailed(done.deliveries)
    return _back(request, offering, said, "#settled")


def _mailed(sent: Sequence[DeliveryOutcome]) -> str:
    """What happened to the transfer agent's instruction and the warrant copies, in words."""
    failed = [d for d in sent if d.status != SENT]
    text = f"{len(sent) - len(failed)} of {len(sent)} messages sent"
    return text + (f"; not sent: {', '.join(d.addressee for d in failed)}." if failed else ".")


@router.post("/offerings/{offering}/settlement/warrants/{number}/dispatch")
def dispatch(
    request: Request,
    offering: str,
    number: str,
    user: Settler,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    carrier: Text = "",
    tracking: Text = "",
) -> Response:
    try:
        done = dispatch_original(
            engine,
            number,
            carrier=carrier,
            tracking=tracking,
            offering=offering,
            actor=actor_of(user),
            now=now,
        )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, now, refusal)
    late = " It went after its deadline: it is flagged late." if done.late else ""
    text = f"The original of {done.number} was recorded as dispatched ({carrier.strip()}).{late}"
    return _back(request, offering, text, "#settled")


@router.post("/offerings/{offering}/settlement/purchasers/{purchaser_id}/confirmation")
def confirm(
    request: Request,
    offering: str,
    purchaser_id: int,
    user: Settler,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    shares: Annotated[str, Form(max_length=20)] = "",
    reference: Text = "",
) -> Response:
    try:
        count = _shares(shares)
        rows = [Confirmation(purchaser_id, count, reference.strip() or None)]
        confirm_shares(engine, rows, offering=offering, actor=actor_of(user), now=now)
    except Refusal as refusal:
        return _refused(request, user, offering, engine, now, refusal)
    text = (
        f"The transfer agent's credit of {count:,} shares to purchaser {purchaser_id} is recorded."
    )
    return _back(request, offering, text, "#settled")


def _shares(text: str) -> int:
    cleaned = text.strip().replace(",", "")
    if not cleaned.isdigit():
        problem = Problem("shares", f"{text.strip()!r} is not a whole number of shares")
        raise InvalidInput("the confirmation was refused; nothing was recorded", [problem])
    return int(cleaned)


def _settled_text(run: SettlementRun) -> str:
    if not run.settled:
        return "Nobody is ready: nothing was settled."
    count = len(run.settled)
    numbers = ", ".join(s.warrant_number for s in run.settled[:10])
    more = f" and {count - 10:,} more" if count > 10 else ""
    due = long_date(run.settled[0].original_due)
    purchasers = "purchaser" if count == 1 else "purchasers"
    return f"Settled {count:,} {purchasers}: warrants {numbers}{more}. Originals due {due}."


def _back(request: Request, offering: str, text: str, anchor: str) -> Response:
    path = f"/offerings/{offering}/settlement"
    flash.leave(request, path, text)
    return RedirectResponse(path + anchor, status_code=303)


def _refused(
    request: Request, user: User, offering: str, engine: Engine, now: datetime, refusal: Refusal
) -> Response:
    status = status_of(refusal)
    return _page(request, user, offering, engine, now, refused=refusal, status_code=status)


def _page(
    request: Request,
    user: User,
    offering: str,
    engine: Engine,
    now: datetime,
    *,
    page: int = 1,
    notice: str | None = None,
    refused: Refusal | None = None,
    status_code: int = 200,
) -> Response:
    overview = settlement_overview(engine, offering=offering, now=now)
    context = {
        "offering": overview.offering,
        "terms": overview.offering.terms,
        "view": settlement_page(overview, page=page),
        "notice": notice,
        "refused": refused,
    }
    return render(request, "settlement.html", context, user=user, status_code=status_code)
