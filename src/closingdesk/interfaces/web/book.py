"""Uploading the purchaser book (CSV or XLSX): all of it imported, or every problem shown."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import Response

from closingdesk.domain.book.purchaser_book import BOOK_COLUMNS, REQUIRED_COLUMNS
from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import EngineDep, NowDep, PageReader, PageRequires, actor_of
from closingdesk.interfaces.http.uploads import saved_upload, upload_name
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.book.offerings import get_offering
from closingdesk.services.book.purchasers import BookImport, import_book

router = APIRouter(include_in_schema=False)

BookImporter = Annotated[User, Depends(PageRequires(Permission.IMPORT_BOOK))]


@router.get("/offerings/{offering}/book")
def book_page(request: Request, offering: str, user: PageReader, engine: EngineDep) -> Response:
    return _page(request, user, get_offering(engine, offering).slug, engine)


@router.post("/offerings/{offering}/book")
def upload_book(
    request: Request,
    offering: str,
    user: BookImporter,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    book: Annotated[UploadFile | None, File()] = None,
) -> Response:
    name = upload_name(book.filename) if book else None
    if book is None or name is None:
        refused = InvalidInput("choose a .csv or .xlsx file to upload; nothing was imported")
        return _page(request, user, offering, engine, refused=refused, status_code=422)
    with saved_upload(book, name) as path:
        try:
            imported = import_book(
                engine, path, offering=offering, actor=actor_of(user), now=now, source=name
            )
        except InvalidInput as refusal:
            return _page(request, user, offering, engine, refused=refusal, status_code=422)
    return _page(request, user, offering, engine, imported=imported)


def _page(
    request: Request,
    user: User,
    offering: str,
    engine: EngineDep,
    *,
    imported: BookImport | None = None,
    refused: InvalidInput | None = None,
    status_code: int = 200,
) -> Response:
    found = get_offering(engine, offering)
    context = {
        "offering": found,
        "terms": found.terms,
        "columns": BOOK_COLUMNS,
        "required": REQUIRED_COLUMNS,
        "imported": imported,
        "refused": refused,
    }
    return render(request, "book.html", context, user=user, status_code=status_code)
