"""Funding over the API: the reconciliation, bank file upload, and people's decisions."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, UploadFile

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.interfaces.api.funding_schemas import (
    BankImportPublic,
    MatchCreate,
    ReconciliationPublic,
    RefundCreate,
    UnmatchCreate,
    VoidCreate,
    VoidedLinePublic,
    WireDecisionPublic,
    bank_import_public,
    reconciliation_public,
    voided_line_public,
    wire_decision_public,
)
from closingdesk.interfaces.api.schemas import Id, Slug, errors
from closingdesk.interfaces.http.deps import ApiRequires, EngineDep, NowDep, actor_of
from closingdesk.interfaces.http.uploads import saved_upload, upload_name
from closingdesk.services.funding.bank_import import import_bank_file
from closingdesk.services.funding.bank_voids import void_bank_line
from closingdesk.services.funding.funding_decisions import mark_refunded, match_wire, unmatch_wire
from closingdesk.services.funding.reconciliation import funding_report

router = APIRouter(tags=["funding"])

Reader = Annotated[User, Depends(ApiRequires(Permission.READ))]
FundingWorker = Annotated[User, Depends(ApiRequires(Permission.WORK_FUNDING))]
LineVoider = Annotated[User, Depends(ApiRequires(Permission.VOID_BANK_LINES))]


@router.get("/offerings/{slug}/funding", response_model=ReconciliationPublic, responses=errors(404))
def get_funding(slug: Slug, user: Reader, engine: EngineDep) -> ReconciliationPublic:
    """Per purchaser expected, received and state; money not placed; the exceptions."""
    return reconciliation_public(funding_report(engine, offering=slug))


@router.post(
    "/offerings/{slug}/bank-files", response_model=BankImportPublic, responses=errors(404, 422)
)
def upload_bank_file(
    slug: Slug,
    file: UploadFile,
    user: FundingWorker,
    engine: EngineDep,
    now: NowDep,
    accept_bad_totals: bool = False,
    decimal_separator: Literal[".", ","] | None = None,
) -> BankImportPublic:
    """Import a bank file (BAI2, camt.053/054, MT940 or CSV, recognised from its content),
    as ``closingdesk bank import`` does: a malformed file, or one whose entries do not make
    its own control figures, answers 422 with every problem (line or XML path) and changes
    nothing; ``accept_bad_totals=true`` imports the latter with the disagreement recorded;
    ``decimal_separator`` is a CSV file's (default: what its amounts show)."""
    with saved_upload(file, upload_name(file.filename) or "bank-file") as path:
        result = import_bank_file(
            engine,
            path,
            offering=slug,
            actor=actor_of(user),
            now=now,
            source=path.name,
            accept_bad_totals=accept_bad_totals,
            decimal=decimal_separator,
        )
    return bank_import_public(result)


@router.post(
    "/offerings/{slug}/transactions/{id}/match",
    response_model=WireDecisionPublic,
    responses=errors(404, 409, 422),
)
def match_transaction(
    slug: Slug, id: Id, body: MatchCreate, user: FundingWorker, engine: EngineDep, now: NowDep
) -> WireDecisionPublic:
    """Match a credit to a purchaser (409 for a debit or money already matched)."""
    decision = match_wire(
        engine,
        id,
        body.purchaser_id,
        offering=slug,
        actor=actor_of(user),
        now=now,
        reason=body.reason,
    )
    return wire_decision_public(decision)


@router.post(
    "/offerings/{slug}/transactions/{id}/unmatch",
    response_model=WireDecisionPublic,
    responses=errors(404, 409, 422),
)
def unmatch_transaction(
    slug: Slug,
    id: Id,
    user: FundingWorker,
    engine: EngineDep,
    now: NowDep,
    body: UnmatchCreate | None = None,
) -> WireDecisionPublic:
    """Undo a credit's match."""
    reason = body.reason if body else None
    decision = unmatch_wire(engine, id, offering=slug, actor=actor_of(user), now=now, reason=reason)
    return wire_decision_public(decision)


@router.post(
    "/offerings/{slug}/transactions/{id}/refund",
    response_model=WireDecisionPublic,
    responses=errors(404, 409, 422),
)
def refund_transaction(
    slug: Slug, id: Id, body: RefundCreate, user: FundingWorker, engine: EngineDep, now: NowDep
) -> WireDecisionPublic:
    """Record that a credit (or part of it) was sent back, with the outgoing reference."""
    decision = mark_refunded(
        engine,
        id,
        reference=body.reference,
        amount=body.amount,
        offering=slug,
        actor=actor_of(user),
        now=now,
        reason=body.reason,
    )
    return wire_decision_public(decision)


@router.post(
    "/offerings/{slug}/transactions/{id}/void",
    response_model=VoidedLinePublic,
    responses=errors(404, 409, 422),
)
def void_transaction(
    slug: Slug, id: Id, body: VoidCreate, user: LineVoider, engine: EngineDep, now: NowDep
) -> VoidedLinePublic:
    """Take a bad stored bank line out of funding, with a reason (admins; 409 when it is
    matched to a purchaser or linked to a return)."""
    line = void_bank_line(
        engine, id, offering=slug, actor=actor_of(user), now=now, reason=body.reason
    )
    return voided_line_public(line)
