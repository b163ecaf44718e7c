"""The transfer agent's DWAC confirmations as one table for the binder: what was instructed,
and when and under what reference the transfer agent confirmed the credit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Paragraph, Spacer

from closingdesk.adapters.binder.binder_pages import UNDATED, grid
from closingdesk.adapters.documents.pdf_document import render_story
from closingdesk.adapters.documents.pdf_pages import PdfMeta
from closingdesk.adapters.documents.pdf_styles import styles

COLUMNS = ("Purchaser", "Shares", "DTC participant / account", "Confirmed", "Reference")
WIDTHS = (0.32, 0.12, 0.2, 0.18, 0.18)


@dataclass(frozen=True)
class ConfirmationRow:
    purchaser: str
    shares: int
    dtc: str
    confirmed_at: str | None
    reference: str | None


def render_confirmations_pdf(rows: Sequence[ConfirmationRow], *, issuer: str) -> bytes:
    cells = [
        (
            r.purchaser,
            f"{r.shares:,}",
            r.dtc,
            r.confirmed_at or "not yet confirmed",
            r.reference or "—",
        )
        for r in rows
    ]
    confirmed = sum(1 for r in rows if r.confirmed_at)
    story = [
        Paragraph("Transfer agent confirmations", styles()["title"]),
        Paragraph(f"{confirmed} of {len(rows)} DWAC credits confirmed.", styles()["flush"]),
        Spacer(1, 8),
        grid(COLUMNS, cells, widths=WIDTHS),
    ]
    meta = PdfMeta(
        "Transfer agent confirmations",
        f"DWAC confirmations of {issuer}",
        author=issuer,
        dated=UNDATED,
        identity=f"confirmations|{issuer}|{len(rows)}",
    )
    return render_story(story, meta)
