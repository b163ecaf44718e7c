"""The closing binder from the deal room: built on request and downloaded as its ZIP (the
bookmarked binder.pdf inside, beside the original files and their SHA-256 manifest)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import EngineDep, NowDep, PageRequires, actor_of
from closingdesk.services.binder.build import build_binder
from closingdesk.services.book.offerings import get_offering

router = APIRouter(include_in_schema=False)

BinderBuilder = Annotated[User, Depends(PageRequires(Permission.RENDER_DOCUMENTS))]


@router.post("/offerings/{offering}/binder")
def download_binder(
    offering: str, user: BinderBuilder, _: CsrfChecked, engine: EngineDep, now: NowDep
) -> Response:
    slug = get_offering(engine, offering).slug
    with tempfile.TemporaryDirectory(prefix="closingdesk-binder-") as folder:
        built = build_binder(
            engine,
            Path(folder) / f"closing-binder-{slug}.zip",
            offering=slug,
            actor=actor_of(user),
            now=now,
        )
        content = built.zip.read_bytes()
    headers = {"Content-Disposition": f'attachment; filename="closing-binder-{slug}.zip"'}
    return Response(content, media_type="application/zip", headers=headers)
