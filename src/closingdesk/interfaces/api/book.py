"""Changes to an offering: upload the purchaser book, draft the agreements."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PureWindowsPath
from typing import Annotated

from fastapi import APIRouter, Depends, UploadFile

from closingdesk.domain.people import User
from closingdesk.domain.roles import Permission
from closingdesk.interfaces.api.book_schemas import (
    AgreementsCreate,
    AgreementsDraftedPublic,
    BookImportPublic,
    agreements_drafted_public,
    book_import_public,
)
from closingdesk.interfaces.api.schemas import Slug, errors
from closingdesk.interfaces.http.deps import ApiRequires, EngineDep, NowDep, actor_of
from closingdesk.services.agreements import draft_agreements
from closingdesk.services.purchasers import import_book

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
    with tempfile.TemporaryDirectory(prefix="closingdesk-upload-") as folder:
        path = Path(folder) / _upload_name(file.filename)
        with path.open("wb") as handle:
            shutil.copyfileobj(file.file, handle)
        result = import_book(
            engine, path, offering=slug, actor=actor_of(user), now=now, source=path.name
        )
    return book_import_public(result, source=path.name)


def _upload_name(filename: str | None) -> str:
    """The uploaded file's own name, safe to create in a folder (its suffix kept)."""
    # PureWindowsPath also drops a Windows browser's "C:\\Users\\...\\" folders
    name = PureWindowsPath((filename or "").replace("\x00", "")).name
    if name in ("", ".", ".."):
        return "book"
    stem, suffix = Path(name).stem, Path(name).suffix[:10]
    return stem[:50] + suffix  # at most 240 bytes of UTF-8: file systems allow 255


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
