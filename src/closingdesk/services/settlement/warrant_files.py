"""A settlement run's PDFs (warrants in chunks, and the DWAC letter), by parallel workers
when many.

Rendering is the slow part of settling many purchasers (about 10 ms a warrant); chunks keep
memory flat (a chunk's PDFs are stored before the next is rendered) and a process pool
uses every core for large runs.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from closingdesk.adapters.documents.pdf_dwac_letter import render_dwac_letter_pdf
from closingdesk.adapters.documents.pdf_warrant import render_warrant_pdf
from closingdesk.domain.documents.forms_catalog import FormInUse
from closingdesk.domain.offering.terms import OfferingTerms, Signatory
from closingdesk.domain.settlement.dwac_instruction import DwacInstructionRow
from closingdesk.domain.warrants.warrant import WarrantData

CHUNK = 500
PARALLEL_FROM = 200  # fewer warrants than this render faster without starting workers


class Renderer:
    """Renders a settlement run's PDFs: in worker processes when the run is large.

    ``with Renderer(count, workers=2) as renderer:`` then ``renderer.letter(...)`` (started
    at once, collected later) and ``renderer.warrants(...)`` (chunks in order).
    """

    def __init__(self, count: int, *, workers: int) -> None:
        parallel = workers > 1 and count >= PARALLEL_FROM
        # A worker starts as a copy of this process: frozen, the objects it inherits (the whole
        # book) are left out of its garbage collector's passes, which otherwise slow rendering.
        self._pool = (
            ProcessPoolExecutor(max_workers=workers, initializer=gc.freeze) if parallel else None
        )
        self._workers = workers

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def letter(
        self,
        rows: Sequence[DwacInstructionRow],
        terms: OfferingTerms,
        *,
        dated: date,
        signer: Signatory | None = None,
        cutoff: datetime | None = None,
        attachments: Sequence[tuple[str, str]] = (),
        form: FormInUse | None = None,
    ) -> Callable[[], bytes]:
        """The DWAC letter (``form``: the letter form in use), rendered beside the warrants:
        call the result to wait for it."""
        extra = LetterExtras(signer, cutoff, tuple(attachments), form)
        if self._pool is None:
            pdf = _letter(rows, terms, dated, extra)
            return lambda: pdf
        return partial(Future.result, self._pool.submit(_letter, rows, terms, dated, extra))

    def warrants(
        self, warrants: Sequence[WarrantData], forms: Sequence[FormInUse | None] = ()
    ) -> Iterator[list[tuple[WarrantData, bytes]]]:
        """(warrant, PDF) pairs, CHUNK at a time, in the order given; ``forms``: each
        warrant's form (closingdesk's own where not given)."""
        pairs = list(zip(warrants, [*forms, *[None] * (len(warrants) - len(forms))], strict=True))
        chunks = [pairs[i : i + CHUNK] for i in range(0, len(pairs), CHUNK)]
        if self._pool is None:
            for chunk in chunks:
                yield _render_chunk(chunk)
            return
        # at most `workers + 1` chunks in flight: memory stays flat however many warrants
        ahead = self._workers + 1
        pending = [self._pool.submit(_render_chunk, c) for c in chunks[:ahead]]
        for following in range(ahead, len(chunks) + ahead):
            done = pending.pop(0).result()
            if following < len(chunks):
                pending.append(self._pool.submit(_render_chunk, chunks[following]))
            yield done


@dataclass(frozen=True)
class LetterExtras:
    """Who signs the letter, the credit cut-off, and the attachments it lists."""

    signer: Signatory | None
    cutoff: datetime | None
    attachments: tuple[tuple[str, str], ...]
    form: FormInUse | None = None


def _letter(
    rows: Sequence[DwacInstructionRow], terms: OfferingTerms, dated: date, extra: LetterExtras
) -> bytes:
    return render_dwac_letter_pdf(
        rows,
        terms,
        dated=dated,
        signer=extra.signer,
        cutoff=extra.cutoff,
        attachments=extra.attachments,
        form=extra.form,
    )


def _render_chunk(
    chunk: Sequence[tuple[WarrantData, FormInUse | None]],
) -> list[tuple[WarrantData, bytes]]:
    return [(w, render_warrant_pdf(w, form)) for w, form in chunk]
