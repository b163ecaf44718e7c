"""A one-time message for the page a form sends the browser back to.

The funding and settlement forms answer with a redirect (so a reload does not post again);
what the form did is left in the session for that page, and shown once.
"""

from __future__ import annotations

from fastapi import Request

KEY = "flash"


def leave(request: Request, path: str, text: str) -> None:
    request.session[KEY] = {"path": path, "text": text}


def take(request: Request, path: str) -> str | None:
    """The message left for ``path``, removed so that it shows once; None when there is none."""
    note = request.session.get(KEY)
    if isinstance(note, dict) and note.get("path") == path:
        request.session.pop(KEY, None)
        return str(note.get("text", ""))
    return None
