"""A stand-in prospectus supplement for the demo: the real one is the issuer's own PDF."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from closingdesk.domain.offering.terms import OfferingTerms


def demo_prospectus(terms: OfferingTerms) -> bytes:
    """One page naming the offering, marked as a demo; the same terms give the same bytes."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    canvas.setTitle(f"Prospectus Supplement (demo) - {terms.issuer_name}")
    lines = [
        f"Filed pursuant to Rule {terms.prospectus_rule}",
        f"Registration Statement No. {terms.registration_file_number}",
        "",
        "PROSPECTUS SUPPLEMENT (DEMO)",
        terms.issuer_name,
        f"Shares of {terms.security_name} at ${terms.price_per_share} per share and",
        f"{terms.warrant_years}-year warrants at an exercise price of ${terms.exercise_price}",
        "",
        "This page stands in for the issuer's prospectus supplement in closingdesk's demo.",
    ]
    text = canvas.beginText(72, 700)
    text.setFont("Helvetica", 12)
    for line in lines:
        text.textLine(line)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
