"""The funding page: money received against expected, the exceptions queue with the
suggested matches, people's decisions on wires, and the bank file upload.

Every form here needs WORK_FUNDING (admins and the placement agent), voiding a line
VOID_BANK_LINES (admins); everyone reads. Each line offers the actions the rule of wire
actions allows (:mod:`closingdesk.domain.funding.wire_actions`), as the CLI and the API do. A
decision answers with a redirect back to the page and a one-time message; a refusal shows
the page again with what was refused and why.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from closingdesk.domain.funding.bank import FORMATS
from closingdesk.domain.money import parse_decimal
from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.domain.problems import InvalidInput, Problem, Refusal
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import EngineDep, NowDep, PageReader, PageRequires, actor_of
from closingdesk.interfaces.http.errors import status_of
from closingdesk.interfaces.http.uploads import saved_upload, upload_name
from closingdesk.interfaces.web import flash
from closingdesk.interfaces.web.funding_view import funding_page
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.funding.bank_import import BankImport, import_bank_file
from closingdesk.services.funding.bank_voids import void_bank_line
from closingdesk.services.funding.exception_decisions import (
    Decided,
    accept_late_wire,
    acknowledge_return,
)
from closingdesk.services.funding.funding_decisions import (
    WireDecision,
    mark_refunded,
    match_wire,
    unmatch_wire,
)
from closingdesk.services.funding.reconciliation import funding_report

router = APIRouter(include_in_schema=False)

FundingWorker = Annotated[User, Depends(PageRequires(Permission.WORK_FUNDING))]
LineVoider = Annotated[User, Depends(PageRequires(Permission.VOID_BANK_LINES))]
Reason = Annotated[str, Form(max_length=500)]


@router.get("/offerings/{offering}/funding")
def funding(
    request: Request, offering: str, user: PageReader, engine: EngineDep, page: int = 1
) -> Response:
    notice = flash.take(request, request.url.path)
    return _page(request, user, offering, engine, page=page, notice=notice)


@router.post("/offerings/{offering}/funding/bank-files")
def upload_bank_file(
    request: Request,
    offering: str,
    user: FundingWorker,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    bank_file: Annotated[UploadFile | None, File()] = None,
    format: Annotated[str, Form(max_length=20)] = "auto",
    accept_bad_totals: Annotated[bool, Form()] = False,
) -> Response:
    name = upload_name(bank_file.filename) if bank_file else None
    if bank_file is None or name is None:
        refused = InvalidInput("choose a bank file to upload; nothing was imported")
        return _page(request, user, offering, engine, refused=refused, status_code=422)
    with saved_upload(bank_file, name) as path:
        try:
            imported = import_bank_file(
                engine,
                path,
                offering=offering,
                actor=actor_of(user),
                now=now,
                format=format,
                accept_bad_totals=accept_bad_totals,
                source=name,
            )
        except InvalidInput as refusal:
            return _page(request, user, offering, engine, refused=refusal, status_code=422)
    return _page(request, user, offering, engine, imported=imported)


@router.post("/offerings/{offering}/funding/transactions/{txn_id}/match")
def match(
    request: Request,
    offering: str,
    txn_id: int,
    user: FundingWorker,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    purchaser_id: Annotated[int, Form()],
    reason: Reason = "",
) -> Response:
    try:
        decision = match_wire(
            engine,
            txn_id,
            purchaser_id,
            offering=offering,
            actor=actor_of(user),
            now=now,
            reason=reason.strip() or "confirmed on the funding page",
        )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, refusal)
    return _back(
        request,
        offering,
        f"Transaction {txn_id} was matched to purchaser {purchaser_id}.",
        decision,
    )


@router.post("/offerings/{offering}/funding/transactions/{txn_id}/unmatch")
def unmatch(
    request: Request,
    offering: str,
    txn_id: int,
    user: FundingWorker,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    reason: Reason = "",
) -> Response:
    try:
        decision = unmatch_wire(
            engine, txn_id, offering=offering, actor=actor_of(user), now=now, reason=reason or None
        )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, refusal)
    return _back(request, offering, f"Transaction {txn_id} is no longer matched.", decision)


@router.post("/offerings/{offering}/funding/transactions/{txn_id}/refund")
def refund(
    request: Request,
    offering: str,
    txn_id: int,
    user: FundingWorker,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    reference: Annotated[str, Form(max_length=200)] = "",
    amount: Annotated[str, Form(max_length=40)] = "",
    reason: Reason = "",
) -> Response:
    try:
        decision = mark_refunded(
            engine,
            txn_id,
            reference=reference.strip(),
            amount=_amount(amount),
            offering=offering,
            actor=actor_of(user),
            now=now,
            reason=reason.strip() or None,
        )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, refusal)
    text = f"The refund of transaction {txn_id} was recorded ({reference.strip()})."
    return _back(request, offering, text, decision)


@router.post("/offerings/{offering}/funding/transactions/{txn_id}/accept-late")
def accept_late(
    request: Request,
    offering: str,
    txn_id: int,
    user: FundingWorker,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    reason: Reason = "",
) -> Response:
    try:
        done = accept_late_wire(
            engine, txn_id, reason=reason, offering=offering, actor=actor_of(user), now=now
        )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, refusal)
    return _decided(request, offering, f"The late wire {txn_id} was accepted.", done)


@router.post("/offerings/{offering}/funding/transactions/{txn_id}/acknowledge-return")
def return_acknowledged(
    request: Request,
    offering: str,
    txn_id: int,
    user: FundingWorker,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    reason: Reason = "",
) -> Response:
    try:
        done = acknowledge_return(
            engine, txn_id, reason=reason, offering=offering, actor=actor_of(user), now=now
        )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, refusal)
    return _decided(request, offering, f"The return of wire {txn_id} was acknowledged.", done)


@router.post("/offerings/{offering}/funding/transactions/{txn_id}/void")
def void(
    request: Request,
    offering: str,
    txn_id: int,
    user: LineVoider,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    reason: Reason = "",
) -> Response:
    try:
        line = void_bank_line(
            engine, txn_id, offering=offering, actor=actor_of(user), now=now, reason=reason
        )
    except Refusal as refusal:
        return _refused(request, user, offering, engine, refusal)
    text = f"Transaction {txn_id} ({line.amount} {line.currency}) was voided: {line.reason}"
    path = f"/offerings/{offering}/funding"
    flash.leave(request, path, text)
    return RedirectResponse(f"{path}#queue", status_code=303)


def _decided(request: Request, offering: str, text: str, done: Decided) -> Response:
    path = f"/offerings/{offering}/funding"
    flash.leave(request, path, f"{text} {done.exception}")
    return RedirectResponse(f"{path}#queue", status_code=303)


def _amount(text: str) -> Decimal | None:
    """The refund's amount as typed ("1,250.00" or "$1250"); blank: all that is left."""
    if not text.strip():
        return None
    value = parse_decimal(text)
    if value is None:
        problem = Problem("amount", f"{text.strip()!r} is not an amount like 1250.00")
        raise InvalidInput("the refund was refused; nothing was recorded", [problem])
    return value


def _back(request: Request, offering: str, text: str, decision: WireDecision) -> Response:
    if decision.funded:
        text += f" Now funded: purchaser {', '.join(map(str, decision.funded))}."
    if decision.no_longer_funded:
        text += f" No longer funded: purchaser {', '.join(map(str, decision.no_longer_funded))}."
    path = f"/offerings/{offering}/funding"
    flash.leave(request, path, text)
    return RedirectResponse(f"{path}#queue", status_code=303)


def _refused(
    request: Request, user: User, offering: str, engine: Engine, refusal: Refusal
) -> Response:
    return _page(request, user, offering, engine, refused=refusal, status_code=status_of(refusal))


def _page(
    request: Request,
    user: User,
    offering: str,
    engine: Engine,
    *,
    page: int = 1,
    notice: str | None = None,
    imported: BankImport | None = None,
    refused: Refusal | None = None,
    status_code: int = 200,
) -> Response:
    report = funding_report(engine, offering=offering)
    context = {
        "offering": report.offering,
        "terms": report.offering.terms,
        "view": funding_page(report, page=page),
        "formats": FORMATS,
        "notice": notice,
        "imported": imported,
        "refused": refused,
    }
    return render(request, "funding.html", context, user=user, status_code=status_code)
