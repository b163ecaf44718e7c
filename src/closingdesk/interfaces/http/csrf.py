"""CSRF protection for the forms of the web pages (the API takes bearer tokens, no cookies).

Each session holds a random token; every form that changes state sends it back in a hidden
``csrf_token`` field, and the handler refuses the request when it is missing or different.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Form, Request

from closingdesk.interfaces.http.errors import Forbidden

FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """The session's token, made on first use (templates put it in every form)."""
    token = request.session.get(FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[FIELD] = token
    return token


def check_csrf(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    expected = request.session.get(FIELD)
    if not (isinstance(expected, str) and hmac.compare_digest(expected, csrf_token)):
        raise Forbidden(
            "the form was refused: its security token is missing or out of date; "
            "reload the page and try again"
        )


CsrfChecked = Annotated[None, Depends(check_csrf)]
