"""Warrant PDFs for a settlement run, rendered in chunks, by parallel workers when many.

Rendering is the slow part of settling many purchasers (about 10 ms a warrant); chunks keep
memory flat (a chunk's PDFs are stored before the next is rendered) and a process pool
uses every core for large runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from closingdesk.adapters.documents.pdf_warrant import render_warrant_pdf
from closingdesk.domain.warrant import WarrantData

CHUNK = 500
PARALLEL_FROM = 200  # fewer warrants than this render faster without starting workers


def rendered_chunks(
    warrants: Sequence[WarrantData], *, workers: int
) -> Iterator[list[tuple[WarrantData, bytes]]]:
    """(warrant, PDF) pairs, CHUNK at a time, in the order given."""
    chunks = [warrants[i : i + CHUNK] for i in range(0, len(warrants), CHUNK)]
    if workers <= 1 or len(warrants) < PARALLEL_FROM:
        for chunk in chunks:
            yield [(w, render_warrant_pdf(w)) for w in chunk]
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # at most `workers + 1` chunks in flight: memory stays flat however many warrants
        pending = [pool.submit(_render_chunk, c) for c in chunks[: workers + 1]]
        following = workers + 1
        while pending:
            done = pending.pop(0).result()
            if following < len(chunks):
                pending.append(pool.submit(_render_chunk, chunks[following]))
                following += 1
            yield done


def _render_chunk(chunk: Sequence[WarrantData]) -> list[tuple[WarrantData, bytes]]:
    return [(w, render_warrant_pdf(w)) for w in chunk]
