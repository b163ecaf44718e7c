"""The team's pages, installed on the app."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Mount the static files, the templates and every page router."""
