"""A document rendered so far, downloaded: its bytes, content type and file name."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response

from closingdesk.interfaces.api.schemas import Id, errors
from closingdesk.interfaces.http.deps import ApiReader, EngineDep
from closingdesk.services.documents.documents_view import stored_document

router = APIRouter(tags=["documents"])

MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOWNLOAD = {
    "description": "The document's bytes, exactly as stored (their SHA-256 is in its listing).",
    "content": {
        media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
        for media in MEDIA_TYPES.values()
    },
}


@router.get(
    "/documents/{id}", response_class=Response, responses={200: DOWNLOAD, **errors(404, 422)}
)
def download_document(id: Id, user: ApiReader, engine: EngineDep) -> Response:
    found = stored_document(engine, id)
    info = found.info
    fallback = info.file_name.encode("ascii", "replace").decode().replace('"', "_")
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(info.file_name)}"
    return Response(
        found.content,
        media_type=MEDIA_TYPES.get(info.format, "application/octet-stream"),
        headers={"Content-Disposition": disposition, "ETag": f'"{info.sha256}"'},
    )
