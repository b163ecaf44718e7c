"""Changes to an offering: upload the purchaser book, draft the agreements."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, UploadFile

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.interfaces.api.book_schemas import (
    AgreementsCreate,
    AgreementsDraftedPublic,
    BookImportPublic,
    agreements_drafted_public,
    book_import_public,
)
from closingdesk.interfaces.api.schemas import Slug, errors
from closingdesk.interfaces.http.deps import ApiRequires, EngineDep, NowDep, actor_of
from closingdesk.interfaces.http.uploads import saved_upload, upload_name
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.agreements import draft_agreements

router = APIRouter(tags=["offerings"])

BookImporter = Annotated[User, Depends(ApiRequires(Permission.IMPORT_BOOK))]
DocumentRenderer = Annotated[User, Depends(ApiRequires(Permission.RENDER_DOCUMENTS))]


@router.post(
    "/offerings/{slug}/book", response_model=BookImportPublic, responses=errors(404, 409, 422)
)
def upload_book(
    slug: Slug, file: UploadFile, user: BookImporter, engine: EngineDep, now: NowDep
) -> BookImportPublic:
    """Import a purchaser book (.csv or .xlsx, as ``closingdesk purchasers import`` does).

    All or nothing: a refused book answers 422 with every problem (row, column, what) and
    changes nothing."""
    with saved_upload(file, upload_name(file.filename) or "book") as path:
        result = import_book(
            engine, path, offering=slug, actor=actor_of(user), now=now, source=path.name
        )
    return book_import_public(result, source=path.name)


@router.post(
    "/offerings/{slug}/agreements",
    response_model=AgreementsDraftedPublic,
    responses=errors(404, 422),
)
def draft_offering_agreements(
    slug: Slug,
    user: DocumentRenderer,
    engine: EngineDep,
    now: NowDep,
    body: AgreementsCreate | None = None,
) -> AgreementsDraftedPublic:
    """Draft every purchaser's agreement (or one's) from the form; a new version is stored
    only when the text changed."""
    wanted = body or AgreementsCreate()
    offering, drafted = draft_agreements(
        engine,
        offering=slug,
        purchaser_id=wanted.purchaser_id,
        fmt=wanted.format,
        actor=actor_of(user),
        now=now,
    )
    return agreements_drafted_public(offering, drafted)
