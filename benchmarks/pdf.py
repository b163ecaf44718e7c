"""pdf: N purchasers' agreements rendered to PDF and digitally signed (issue 4's benchmark).

Timed: ``render_agreement_pdf(terms, data, version=1)`` for N purchasers of varied data, then
each PDF signed with an offering's certificate (PAdES B-B, ``sign_many`` in batches of 100,
as countersigning does). Floor: the same N PDFs rendered without signing, as
:func:`render_only` does: the rendering part of the same run. Target: at least 20 signed
agreements a second. The keys are made and unlocked, and the fonts loaded, before the clock
starts.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from benchmarks.render import TERMS, data
from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.adapters.signing.identity import create_authority, issue_identity
from closingdesk.adapters.signing.pades import SigningKey, sign_many, unlock

SIGNED_AT = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
BATCH = 100
TARGET_PER_SECOND = 20


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


def run(n: int) -> dict[str, object]:
    """Each batch rendered (the floor's time), then signed: the signed agreements' time is
    both. Rendering the same PDFs twice instead, once for each, let the second run ride on
    the first one's warm caches and made signing look free."""
    agreements, key = data(n), _key()
    sign_many([render_agreement_pdf(TERMS, agreements[0], version=1)], key, at=SIGNED_AT)
    floor_seconds = signing_seconds = 0.0
    size = 0
    for first in range(0, n, BATCH):
        start = time.perf_counter()
        pdfs = [
            render_agreement_pdf(TERMS, a, version=1) for a in agreements[first : first + BATCH]
        ]
        rendered = time.perf_counter()
        size += sum(len(pdf) for pdf in sign_many(pdfs, key, at=SIGNED_AT))
        floor_seconds += rendered - start
        signing_seconds += time.perf_counter() - rendered
    seconds = floor_seconds + signing_seconds
    per_second = n / seconds
    return {
        "name": "pdf",
        "n": n,
        "seconds": round(seconds, 3),
        "per_second": round(per_second, 1),
        "floor_seconds": round(floor_seconds, 3),
        "floor_per_second": round(n / floor_seconds, 1),
        "ratio": round(seconds / floor_seconds, 2),
        "signing_ms_each": round(signing_seconds * 1000 / n, 2),
        "mean_signed_bytes": size // n,
        "target_per_second": TARGET_PER_SECOND,
        "meets_target": per_second >= TARGET_PER_SECOND,
    }


def _key() -> SigningKey:
    secret = b"benchmark"
    authority = create_authority(secret=secret, now=SIGNED_AT)
    identity = issue_identity(
        authority,
        authority_secret=secret,
        issuer_name=TERMS.issuer_name,
        valid_from=datetime(2002, 3, 12, tzinfo=UTC),
        now=SIGNED_AT,
        secret=secret,
    )
    return unlock(identity, secret)
