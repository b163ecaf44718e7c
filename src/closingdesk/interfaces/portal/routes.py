"""The purchaser's pages under /p/{token}."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the purchaser's routes."""
