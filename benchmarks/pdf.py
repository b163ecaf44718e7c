"""pdf: N purchasers' agreements rendered to PDF (typeset, with the form of warrant as Exhibit A).

Timed: ``render_agreement_pdf(terms, data, version=1)`` for N purchasers of varied data, the
call the agreements service makes for ``--format pdf``. :func:`render_only` is the render
half of issue 4's benchmark: signing the same PDFs is measured against it, as its floor.
"""

from __future__ import annotations

import time

from benchmarks.render import TERMS, data
from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf


def render_only(n: int) -> dict[str, object]:
    """Render N agreement PDFs; the fonts are loaded once before the clock starts."""
    agreements = data(n)
    render_agreement_pdf(TERMS, agreements[0], version=1)
    start = time.perf_counter()
    for agreement in agreements:
        render_agreement_pdf(TERMS, agreement, version=1)
    seconds = time.perf_counter() - start
    return {
        "name": "pdf",
        "n": n,
        "seconds": round(seconds, 3),
        "per_second": round(n / seconds, 1),
    }


run = render_only
