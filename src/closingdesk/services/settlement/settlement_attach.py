"""Phases 2 and 3 of a settlement run: its PDFs rendered and signed outside any transaction,
then attached in short ones (:mod:`closingdesk.services.settlement.settling` decides the run).

Each chunk of warrants is attached in its own transaction: documents (bytes to the file
store), warrant rows, ``warrant_issued`` and a ``purchaser.settled`` event each; then the
letter, CSV and XLSX, with the run marked complete and ``settlement.completed``. Attaching
holds the run's row and skips whoever is attached already, so a run resumed twice at once
never issues a warrant twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.signing.pades import SigningKey, sign_many
from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.adapters.transfer_agent.instruction_csv import instruction_csv
from closingdesk.adapters.transfer_agent.instruction_xlsx import instruction_xlsx
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.calendars import Late, closing_deadlines, dwac_cutoff
from closingdesk.domain.documents.forms_catalog import DWAC_LETTER
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms import Signatory
from closingdesk.domain.settlement.dwac_instruction import DwacInstructionRow
from closingdesk.domain.warrants.warrant import WarrantData
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.documents.agreements import file_slug
from closingdesk.services.documents.approvals import approvals_on_file
from closingdesk.services.documents.forms import current_form, warrant_forms
from closingdesk.services.settlement.lateness import late_json
from closingdesk.services.settlement.warrant_files import Renderer
from closingdesk.services.signing.signatories import company_signatory
from closingdesk.services.signing.signing_identity import ensure_signing_identity, signing_key


@dataclass(frozen=True)
class Settled:
    purchaser_id: int
    name: str
    warrant_number: str
    warrant_shares: int
    row: DwacInstructionRow
    original_due: datetime
    issue_date: date  # the agreement date: the warrant is dated "the date hereof"
    copy_due: datetime
    dwac_due: datetime
    late: tuple[Late, ...] = ()  # obligations already done late (the DWAC instruction)
    signed_by: str = ""  # "Name, Title" of the authorised signatory who signed the warrant


@dataclass(frozen=True)
class Signing:
    """Who signs a run's warrants and letter, and the offering's key their PDFs are signed with."""

    signer: Signatory
    key: SigningKey
    at: datetime

    def sign(self, pdfs: list[bytes]) -> list[bytes]:
        reason = f"Signed for the Company by {self.signer.name}, {self.signer.title}"
        return sign_many(pdfs, self.key, at=self.at, reason=reason)


def signing_for(
    engine: Engine, offering: str | None, choice: str | None, *, actor: str, now: datetime
) -> Signing:
    signer = company_signatory(engine, offering, choice, actor=actor, only_one=True)
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
    ensure_signing_identity(engine, offering=found, actor=actor, now=now)
    return Signing(signer, signing_key(engine, found), now)


@dataclass(frozen=True)
class Decided:
    """A run as phase 1 decided it: its purchasers in warrant-number order, and the moment
    (its documents and deadlines are dated by it, whenever they render)."""

    offering: Offering
    run_id: int
    now: datetime
    day: date
    pairs: tuple[tuple[Purchaser, DwacInstructionRow], ...]
    attached: frozenset[int] = frozenset()  # purchasers whose warrants are attached already


def render_and_attach(
    engine: Engine,
    run: Decided,
    signing: Signing,
    *,
    actor: str,
    at: str,
    workers: int,
    hook: Callable[[], None] | None,
) -> list[Settled]:
    """Phases 2 and 3: the purchasers whose warrants this call attached."""
    offering, terms = run.offering, run.offering.terms
    todo = [(p, r) for p, r in run.pairs if p.id not in run.attached]
    with UnitOfWork(engine, read_only=True) as uow:
        approvals = approvals_on_file(uow.connection, offering.id)
        letter_form = current_form(uow, offering.id, DWAC_LETTER)
        forms = warrant_forms(uow, offering.id, [p.id for p, _ in todo])
    if hook is not None:
        hook()
    rows = [r for _, r in run.pairs]
    by_number = {r.warrant_number: (p, r) for p, r in todo}
    settled: list[Settled] = []
    with Renderer(len(todo), workers=workers) as renderer:
        letter = renderer.letter(
            rows,
            terms,
            dated=run.day,
            signer=signing.signer,
            cutoff=dwac_cutoff(terms, run.now),
            attachments=[(a.description, a.file_name) for a in approvals],
            form=letter_form,
        )
        data = [_warrant_data(offering, r, signing.signer) for _, r in todo]
        for rendered in renderer.warrants(data, [forms.get(p.id) for p, _ in todo]):
            signed = signing.sign([pdf for _, pdf in rendered])
            chunk = [
                (by_number[w.number or ""], pdf)
                for (w, _), pdf in zip(rendered, signed, strict=True)
            ]
            settled += _attach_warrants(engine, run, chunk, signing, actor=actor, at=at)
        [signed_letter] = signing.sign([letter()])
    stem = f"dwac-instruction-{offering.slug}-{run.day.isoformat()}"
    files = [
        _document(offering.id, None, "dwac_letter", "pdf", f"{stem}.pdf", signed_letter, at),
        _document(offering.id, None, "dwac_csv", "csv", f"{stem}.csv", instruction_csv(rows), at),
        _document(
            offering.id,
            None,
            "dwac_xlsx",
            "xlsx",
            f"{stem}.xlsx",
            instruction_xlsx(rows, dated=run.day),
            at,
        ),
    ]
    _complete(engine, run, files, actor=actor, at=at)
    return settled


def _warrant_data(offering: Offering, row: DwacInstructionRow, signer: Signatory) -> WarrantData:
    terms = offering.terms
    return WarrantData(
        row.purchaser_name,
        row.warrant_number,
        row.warrant_shares,
        terms.exercise_price,
        terms.agreement_date,  # Exhibit A is dated the agreement date, not the settle day
        terms.warrant_years,
        terms.issuer_name,
        terms.governing_law,
        terms.warrant_ownership_limitation,
        signer,
    )


def _attach_warrants(
    engine: Engine,
    run: Decided,
    chunk: Sequence[tuple[tuple[Purchaser, DwacInstructionRow], bytes]],
    signing: Signing,
    *,
    actor: str,
    at: str,
) -> list[Settled]:
    """Phase 3, one short transaction per chunk: the warrants not attached meanwhile."""
    offering = run.offering
    with UnitOfWork(engine) as uow:
        store = SettlementRepository(uow.connection)
        store.lock_run(run.run_id)
        done = store.warranted(run.run_id)
        fresh = [(p, r, pdf) for (p, r), pdf in chunk if p.id not in done]
        if not fresh:
            return []
        documents = [
            _document(
                offering.id,
                p.id,
                "warrant",
                "pdf",
                f"warrant-{r.warrant_number}-{file_slug(p.name)}.pdf",
                pdf,
                at,
            )
            for p, r, pdf in fresh
        ]
        ids = store.add_documents(documents)
        warrant_rows = [
            _warrant_row(run, p, r, doc_id, signing.signer)
            for (p, r, _), doc_id in zip(fresh, ids, strict=True)
        ]
        store.add_warrants(warrant_rows)
        uow.purchasers.set_checklist([p.id for p, _, _ in fresh], "warrant_issued", done=True)
        settled = [_settled(run, p, r, signing.signer) for p, r, _ in fresh]
        hashes = [d["sha256"] for d in documents]
        uow.events.append(
            at=at,
            actor=actor,
            entries=[
                _settled_event(run.run_id, s, h) for s, h in zip(settled, hashes, strict=True)
            ],
        )
        uow.commit()
    return settled


def _complete(
    engine: Engine, run: Decided, files: Sequence[Mapping[str, Any]], *, actor: str, at: str
) -> None:
    """Phase 3's last transaction: the letter, CSV and XLSX attached, the run complete (once,
    and only when every warrant of it is attached)."""
    with UnitOfWork(engine) as uow:
        store = SettlementRepository(uow.connection)
        if store.lock_run(run.run_id)["completed_at"] is not None:
            return
        if store.warranted(run.run_id) != {p.id for p, _ in run.pairs}:
            return  # a chunk was not attached: the next settle resumes the run
        # CSV and XLSX first: their ids come before the letter's, as they always did
        [csv_id, xlsx_id, letter_id] = store.add_documents([files[1], files[2], files[0]])
        store.complete_run(
            run.run_id,
            letter_document_id=letter_id,
            csv_document_id=csv_id,
            xlsx_document_id=xlsx_id,
            completed_at=at,
        )
        payload = {
            "run_id": run.run_id,
            "warrants": len(run.pairs),
            "letter_sha256": files[0]["sha256"],
            "csv_sha256": files[1]["sha256"],
            "xlsx_sha256": files[2]["sha256"],
        }
        uow.events.append(
            at=at,
            actor=actor,
            entries=[("settlement.completed", f"offering:{run.offering.id}", payload)],
        )
        uow.commit()


def _settled(
    run: Decided, purchaser: Purchaser, row: DwacInstructionRow, signer: Signatory
) -> Settled:
    terms = run.offering.terms
    copy, dwac, original = closing_deadlines(terms)
    late = tuple(x for x in (dwac.lateness(run.now),) if x is not None)
    return Settled(
        purchaser.id,
        purchaser.name,
        row.warrant_number,
        row.warrant_shares,
        row,
        original.due,
        terms.agreement_date,
        copy.due,
        dwac.due,
        late,
        f"{signer.name}, {signer.title}",
    )


def _warrant_row(
    run: Decided,
    purchaser: Purchaser,
    row: DwacInstructionRow,
    document_id: int,
    signer: Signatory,
) -> dict[str, Any]:
    warrant = _warrant_data(run.offering, row, signer)
    _, _, original = closing_deadlines(run.offering.terms)
    return {
        "offering_id": run.offering.id,
        "purchaser_id": purchaser.id,
        "number": row.warrant_number,
        "shares": row.warrant_shares,
        "exercise_price": str(warrant.exercise_price),
        "issue_date": warrant.issue_date.isoformat(),
        "expires_at": warrant.expiry.isoformat(),
        "document_id": document_id,
        "settlement_run_id": run.run_id,
        "original_due": original.due.isoformat(),
        "signer_name": signer.name,
        "signer_title": signer.title,
    }


def _document(
    offering_id: int,
    purchaser_id: int | None,
    kind: str,
    fmt: str,
    name: str,
    content: bytes,
    at: str,
) -> dict[str, Any]:
    return {
        "offering_id": offering_id,
        "purchaser_id": purchaser_id,
        "kind": kind,
        "format": fmt,
        "version": 1,
        "file_name": name,
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": content,
        "created_at": at,
    }


def _settled_event(run_id: int, s: Settled, sha256: str) -> tuple[str, str, dict[str, Any]]:
    return (
        "purchaser.settled",
        f"purchaser:{s.purchaser_id}",
        {
            "run_id": run_id,
            "warrant_number": s.warrant_number,
            "warrant_shares": s.warrant_shares,
            "shares": s.row.shares,
            "dtc_participant": s.row.dtc_participant,
            "dtc_account": s.row.dtc_account,
            "dtc_reference": s.row.dtc_reference,
            "warrant_sha256": sha256,
            "signed_by": s.signed_by,
            "issue_date": s.issue_date.isoformat(),
            "copy_due": s.copy_due.isoformat(),
            "dwac_due": s.dwac_due.isoformat(),
            "original_due": s.original_due.isoformat(),
            "late": [late_json(x) for x in s.late],
        },
    )
