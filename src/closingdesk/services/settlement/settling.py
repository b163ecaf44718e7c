"""Settling: for every purchaser who is ready, the DWAC instruction and the warrant, at once.

A purchaser is ready when both sides signed, exactly the Purchase Price came in, no
funding exception on their wires is open, and the transfer agent can act
(:mod:`closingdesk.domain.settlement.readiness`). Everything for one run is written in one
transaction, under a lock on the offering and on the purchasers' rows, and readiness is
decided inside it: two settle commands at the same time never instruct the same shares
twice or issue a second warrant (the second finds them settled; unique columns are the
last guard), and a match, unmatch, refund or signature concerning those purchasers waits
for the run, then sees it.
Mail goes out afterwards (:mod:`closingdesk.services.settlement.deliveries`): a mail server is not
a transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from closingdesk.adapters.signing.pades import SigningKey, sign_many
from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.adapters.transfer_agent.instruction_csv import instruction_csv
from closingdesk.adapters.transfer_agent.instruction_xlsx import instruction_xlsx
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.calendars import Late, closing_deadlines, dwac_cutoff
from closingdesk.domain.documents.forms_catalog import DWAC_LETTER, FormInUse
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms import OfferingTerms, Signatory
from closingdesk.domain.problems import InvalidInput
from closingdesk.domain.settlement.dwac_instruction import DwacInstructionRow, instruction_row
from closingdesk.domain.warrants.warrant import WarrantData
from closingdesk.domain.warrants.warrant_number import next_numbers
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.documents.agreements import file_slug
from closingdesk.services.documents.approvals import Approval, approvals_on_file
from closingdesk.services.documents.forms import current_form, warrant_forms
from closingdesk.services.settlement.lateness import late_json
from closingdesk.services.settlement.settlement_readiness import (
    NotReady,
    readiness,
    refuse_one_not_ready,
)
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
class _Signing:
    """Who signs a run's warrants and letter, and the offering's key their PDFs are signed with."""

    signer: Signatory
    key: SigningKey
    at: datetime

    def sign(self, pdfs: list[bytes]) -> list[bytes]:
        reason = f"Signed for the Company by {self.signer.name}, {self.signer.title}"
        return sign_many(pdfs, self.key, at=self.at, reason=reason)


def _signing(
    engine: Engine, offering: str | None, choice: str | None, *, actor: str, now: datetime
) -> _Signing:
    signer = company_signatory(engine, offering, choice, actor=actor, only_one=True)
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
    ensure_signing_identity(engine, offering=found, actor=actor, now=now)
    return _Signing(signer, signing_key(engine, found), now)


@dataclass(frozen=True)
class SettlementRun:
    offering: Offering
    run_id: int | None  # None: nobody was ready, nothing was written
    settled: tuple[Settled, ...]
    not_ready: tuple[NotReady, ...]
    already_settled: tuple[int, ...]


def settle(
    engine: Engine,
    *,
    offering: str | None,
    purchaser_id: int | None = None,
    actor: str,
    now: datetime,
    workers: int = 1,
    signatory: str | None = None,
) -> SettlementRun:
    """Settle who is ready; the warrants and the letter are signed by ``signatory`` (an
    authorised signatory, by name or number; None: the actor's own, or the only one listed),
    in their signature blocks and with the offering's key (PAdES)."""
    signing = _signing(engine, offering, signatory, actor=actor, now=now)
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = SettlementRepository(uow.connection)
        store.lock_offering(found.id)
        ready, not_ready, already = readiness(uow, found, purchaser_id=purchaser_id, lock=True)
        refuse_one_not_ready(purchaser_id, not_ready)
        if not ready:
            return SettlementRun(found, None, (), tuple(not_ready), tuple(already))
        terms = found.terms
        approvals = approvals_on_file(uow.connection, found.id)
        _legal_opinion(terms, approvals)
        day = now.astimezone(ZoneInfo(terms.timezone)).date()
        numbers = next_numbers(store.warrant_numbers(found.id), len(ready))
        rows = [
            instruction_row(p, terms, warrant_number=n, instructed_on=day)
            for p, n in zip(ready, numbers, strict=True)
        ]
        at = stamp(now)
        copy, dwac, original = closing_deadlines(terms)
        due = original.due
        late = tuple(x for x in (dwac.lateness(now),) if x is not None)
        forms = warrant_forms(uow, found.id, [p.id for p in ready])
        with Renderer(len(ready), workers=workers) as renderer:
            letter = renderer.letter(
                rows,
                terms,
                dated=day,
                signer=signing.signer,
                cutoff=dwac_cutoff(terms, now),
                attachments=[(a.description, a.file_name) for a in approvals],
                form=current_form(uow, found.id, DWAC_LETTER),
            )
            run_id = _record_run(store, found, rows, day=day, at=at, actor=actor)
            hashes = _issue_warrants(
                store,
                found,
                ready,
                rows,
                due=due,
                at=at,
                run_id=run_id,
                renderer=renderer,
                signing=signing,
                forms=forms,
            )
            _attach_letter(store, found, run_id, signing.sign([letter()]), day=day, at=at)
        ids = [p.id for p in ready]
        uow.purchasers.set_checklist(ids, "shares_instructed", done=True)
        uow.purchasers.set_checklist(ids, "warrant_issued", done=True)
        settled = [
            Settled(
                p.id,
                p.name,
                r.warrant_number,
                r.warrant_shares,
                r,
                due,
                terms.agreement_date,
                copy.due,
                dwac.due,
                late,
                f"{signing.signer.name}, {signing.signer.title}",
            )
            for p, r in zip(ready, rows, strict=True)
        ]
        uow.events.append(
            at=at, actor=actor, entries=_events(found, run_id, settled, hashes, len(not_ready))
        )
        uow.commit()
    return SettlementRun(found, run_id, tuple(settled), tuple(not_ready), tuple(already))


def _legal_opinion(terms: OfferingTerms, approvals: Sequence[Approval]) -> None:
    """The terms may require counsel's opinion in the transfer agent's package: no settling
    without it."""
    if terms.legal_opinion_required and all(a.kind != "legal-opinion" for a in approvals):
        raise InvalidInput(
            "the terms require a legal opinion for the transfer agent and none was uploaded; "
            "nothing was settled (closingdesk documents add-approval FILE --kind legal-opinion)"
        )


def _record_run(
    store: SettlementRepository,
    offering: Offering,
    rows: Sequence[DwacInstructionRow],
    *,
    day: date,
    at: str,
    actor: str,
) -> int:
    stem = _stem(offering, day)
    table, workbook = instruction_csv(rows), instruction_xlsx(rows, dated=day)
    [csv_id, xlsx_id] = store.add_documents(
        [
            _document(offering.id, None, "dwac_csv", "csv", f"{stem}.csv", table, at),
            _document(offering.id, None, "dwac_xlsx", "xlsx", f"{stem}.xlsx", workbook, at),
        ]
    )
    return store.add_run(
        offering_id=offering.id,
        run_at=at,
        run_by=actor,
        instructed_on=day.isoformat(),
        letter_document_id=None,  # attached when rendered, before the commit
        csv_document_id=csv_id,
        xlsx_document_id=xlsx_id,
    )


def _attach_letter(
    store: SettlementRepository,
    offering: Offering,
    run_id: int,
    signed: list[bytes],
    *,
    day: date,
    at: str,
) -> None:
    [letter] = signed
    name = f"{_stem(offering, day)}.pdf"
    [letter_id] = store.add_documents(
        [_document(offering.id, None, "dwac_letter", "pdf", name, letter, at)]
    )
    store.set_run_letter(run_id, letter_id)


def _stem(offering: Offering, day: date) -> str:
    return f"dwac-instruction-{offering.slug}-{day.isoformat()}"


def _issue_warrants(
    store: SettlementRepository,
    offering: Offering,
    ready: Sequence[Purchaser],
    rows: Sequence[DwacInstructionRow],
    *,
    due: datetime,
    at: str,
    run_id: int,
    renderer: Renderer,
    signing: _Signing,
    forms: Mapping[int, FormInUse],
) -> dict[int, str]:
    """Render, store and number each purchaser's warrant; their SHA-256 by purchaser id."""
    terms = offering.terms
    by_number = {r.warrant_number: (p, r) for p, r in zip(ready, rows, strict=True)}
    data = [
        WarrantData(
            p.name,
            r.warrant_number,
            r.warrant_shares,
            terms.exercise_price,
            terms.agreement_date,  # Exhibit A is dated the agreement date, not the settle day
            terms.warrant_years,
            terms.issuer_name,
            terms.governing_law,
            terms.warrant_ownership_limitation,
            signing.signer,
        )
        for p, r in zip(ready, rows, strict=True)
    ]
    hashes: dict[int, str] = {}
    for rendered in renderer.warrants(data, [forms.get(p.id) for p in ready]):
        signed = signing.sign([pdf for _, pdf in rendered])
        chunk = [(w, pdf) for (w, _), pdf in zip(rendered, signed, strict=True)]
        documents = []
        for warrant, pdf in chunk:
            p, _ = by_number[warrant.number or ""]
            name = f"warrant-{warrant.number}-{file_slug(p.name)}.pdf"
            documents.append(_document(offering.id, p.id, "warrant", "pdf", name, pdf, at))
            hashes[p.id] = documents[-1]["sha256"]
        ids = store.add_documents(documents)
        store.add_warrants(
            [
                _warrant_row(offering, by_number[w.number or ""], w, doc_id, run_id=run_id, due=due)
                for (w, _), doc_id in zip(chunk, ids, strict=True)
            ]
        )
        store.add_instructions(
            [_instruction_row(offering, by_number[w.number or ""][1], run_id) for w, _ in chunk]
        )
    return hashes


def _warrant_row(
    offering: Offering,
    pair: tuple[Purchaser, DwacInstructionRow],
    warrant: WarrantData,
    document_id: int,
    *,
    run_id: int,
    due: datetime,
) -> dict[str, Any]:
    purchaser, row = pair
    return {
        "offering_id": offering.id,
        "purchaser_id": purchaser.id,
        "number": row.warrant_number,
        "shares": row.warrant_shares,
        "exercise_price": str(warrant.exercise_price),
        "issue_date": warrant.issue_date.isoformat(),
        "expires_at": warrant.expiry.isoformat(),
        "document_id": document_id,
        "settlement_run_id": run_id,
        "original_due": due.isoformat(),
        "signer_name": warrant.signer.name if warrant.signer else None,
        "signer_title": warrant.signer.title if warrant.signer else None,
    }


def _instruction_row(offering: Offering, row: DwacInstructionRow, run_id: int) -> dict[str, Any]:
    return {
        "offering_id": offering.id,
        "settlement_run_id": run_id,
        "purchaser_id": row.purchaser_id,
        "shares": row.shares,
        "dtc_participant": row.dtc_participant,
        "dtc_account": row.dtc_account,
        "dtc_reference": row.dtc_reference,
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


def _events(
    offering: Offering,
    run_id: int,
    settled: Sequence[Settled],
    hashes: dict[int, str],
    not_ready: int,
) -> list[tuple[str, str, dict[str, Any]]]:
    entries: list[tuple[str, str, dict[str, Any]]] = [
        (
            "settlement.run",
            f"offering:{offering.id}",
            {"run_id": run_id, "settled": len(settled), "not_ready": not_ready},
        )
    ]
    for s in settled:
        entries.append(
            (
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
                    "warrant_sha256": hashes[s.purchaser_id],
                    "signed_by": s.signed_by,
                    "issue_date": s.issue_date.isoformat(),
                    "copy_due": s.copy_due.isoformat(),
                    "dwac_due": s.dwac_due.isoformat(),
                    "original_due": s.original_due.isoformat(),
                    "late": [late_json(x) for x in s.late],
                },
            )
        )
    return entries
