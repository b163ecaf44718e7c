"""Downloading a stored document (an agreement as drafted, a signed page later)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response

from closingdesk.interfaces.http.deps import EngineDep, PageReader
from closingdesk.services.documents.documents_view import stored_document

router = APIRouter(include_in_schema=False)

MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/documents/{document_id}")
def download(document_id: int, user: PageReader, engine: EngineDep) -> Response:
    document = stored_document(engine, document_id)
    info = document.info
    headers = {
        "Content-Disposition": (
            f'attachment; filename="{_ascii(info.file_name)}"; '
            f"filename*=UTF-8''{quote(info.file_name)}"
        ),
        "X-Content-Type-Options": "nosniff",
        "ETag": f'"{info.sha256}"',
    }
    media_type = MEDIA_TYPES.get(info.format, "application/octet-stream")
    return Response(document.content, media_type=media_type, headers=headers)


def _ascii(name: str) -> str:
    """The file name for clients that ignore ``filename*``: plain ASCII, no quotes."""
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
