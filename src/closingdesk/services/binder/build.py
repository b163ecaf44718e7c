"""The closing binder: one bookmarked PDF of the closing, and a ZIP of the original files
with a manifest of their SHA-256 hashes (`closingdesk binder build` / `binder verify`).

Sections, in order: the closing memorandum (totals, the money case by case, every exception
and how it was resolved), the per-purchaser schedule, the prospectus supplement (Exhibit B),
the corporate approvals counsel uploaded, executed agreements, certificates of completion,
warrants, the transfer agent's instructions and confirmations, every delivery proof, the bank
evidence (the statement lines of each purchaser's wires), notices, the audit log. Digital
signatures do not survive being bound into one PDF, so the binder's copies carry no signature
fields (a reader shows no broken signature); the signed originals are in the ZIP. The ZIP
also keeps the instruction CSVs and the full event log as JSON lines (the PDF's log cuts long
payloads). Building is
recorded as an event with the hashes, so a ZIP whose files and manifest were both altered
is still caught by `binder verify --db`.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from closingdesk.adapters.binder import (
    BinderDocument,
    BinderFile,
    BinderSection,
    build_binder_pdf,
    build_binder_zip,
    render_audit_log_pdf,
    render_memo_pdf,
    verify_binder_zip,
)
from closingdesk.adapters.binder.confirmations_pdf import ConfirmationRow, render_confirmations_pdf
from closingdesk.adapters.binder.table_pdf import render_table_pdf
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.documents.closing_memo import ClosingMemo, money_of
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import NotFound, Problem
from closingdesk.services.audit.checkpoints import checkpoint_of
from closingdesk.services.audit.event_log import verify_chain
from closingdesk.services.binder import binder_schedules as tables
from closingdesk.services.binder.binder_exceptions import memo_exceptions
from closingdesk.services.binder.binder_log import binder_log_problems
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.documents import forms
from closingdesk.services.documents.document_files import binder_file_problems
from closingdesk.services.funding.reconciliation import funding_report
from closingdesk.views.binder import (
    BinderSource,
    bank_file_names,
    newest_documents,
    offering_documents,
)

SECTIONS = (
    ("Executed agreements", "executed_agreement"),
    ("Certificates of completion", "completion_certificate"),
    ("Warrants", "warrant"),
    ("Transfer agent instructions", "dwac_letter"),
)
NOTICES = ("Notices", "notice")
PROSPECTUS = "Prospectus supplement (Exhibit B)"
APPROVALS = "Corporate approvals"
ORIGINALS = (
    "executed_agreement",
    "completion_certificate",
    "warrant",
    "dwac_letter",
    "dwac_csv",
    "dwac_xlsx",
    "notice",
)


@dataclass(frozen=True)
class BuiltBinder:
    pdf: Path
    zip: Path
    pdf_sha256: str
    zip_sha256: str
    manifest_sha256: str
    sections: tuple[tuple[str, int], ...]


def build_binder(
    engine: Engine,
    out: Path,
    *,
    offering: str | None,
    actor: str,
    now: datetime,
    tsa_url: str | None = None,
) -> BuiltBinder:
    pdf_path, zip_path = _paths(out)
    report = funding_report(engine, offering=offering)
    verdict = verify_chain(engine)
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        sources = newest_documents(uow, found.id, ORIGINALS)
        own = offering_documents(uow, found.id, excluding=ORIGINALS)
        store = uow.settlements
        instructions, warrants = store.instructions(found.id), store.warrants(found.id)
        names = {p.id: p for p in uow.purchasers.iter(found.id)}
        events = list(uow.events.iter())
        runs = store.runs(found.id)
        closing = tables.Closing(
            list(names.values()),
            instructions,
            warrants,
            uow.signatures.signatures_of(names),
            store.deliveries(found.id),
            events,
            {int(r["id"]): str(r["instructed_on"]) for r in runs},
            bank_file_names(uow, found.id),
        )
        form_rows = forms.binder_rows(uow, found.id, {p.id: p.name for p in names.values()})
    by_kind = {kind: [s for s in sources if s.kind == kind] for kind in ORIGINALS}
    issuer = found.terms.issuer_name
    sections = [
        _table_section(
            "Purchaser schedule",
            "Each purchaser: shares and Purchase Price, warrant, the wires received (bank"
            " transaction, amount, value date), the DWAC instruction and its confirmation,"
            " and the dates of each step.",
            tables.SCHEDULE,
            tables.schedule_rows(closing, report),
            tables.SCHEDULE_WIDTHS,
            issuer,
        ),
        _table_section(
            "Forms",
            "Every version of counsel's forms (the agreement, the warrant that is its Exhibit"
            " A, the DWAC letter, the notice) with its SHA-256, and the agreements made from"
            " each: the wording each purchaser was offered and signed.",
            forms.BINDER_COLUMNS,
            form_rows,
            forms.BINDER_WIDTHS,
            issuer,
        ),
        BinderSection(PROSPECTUS, _pdfs(s for s in own if s.kind == "prospectus")),
        BinderSection(APPROVALS, _pdfs(s for s in own if s.kind != "prospectus")),
        *(
            BinderSection(title, [_document(s, names) for s in by_kind[kind]])
            for title, kind in SECTIONS
        ),
    ]
    confirmations = render_confirmations_pdf(
        [
            ConfirmationRow(
                names[i.purchaser_id].name,
                i.shares,
                f"{i.dtc_participant} / {i.dtc_account}",
                i.confirmed_at,
                i.confirmation_reference,
            )
            for i in instructions
        ],
        issuer=found.terms.issuer_name,
    )
    sections.append(
        BinderSection(
            "Transfer agent confirmations", [BinderDocument("DWAC confirmations", confirmations)]
        )
    )
    sections.append(
        _table_section(
            "Delivery proofs",
            "Every copy sent (with the mail server's reply or the error), every original"
            " dispatched (carrier, tracking, when it was due) and every receipt recorded, in"
            " time order.",
            tables.DELIVERIES,
            tables.delivery_rows(closing),
            tables.DELIVERY_WIDTHS,
            issuer,
        )
    )
    sections.append(
        _table_section(
            "Bank evidence",
            "Every credit to the offering's account as the bank's statement gives it (file"
            " and line), with the purchaser it was matched to and by whom; credits matched to"
            " no purchaser last.",
            tables.BANK,
            tables.bank_rows(report, closing.bank_files),
            tables.BANK_WIDTHS,
            issuer,
        )
    )
    sections.append(BinderSection(NOTICES[0], [_document(s, names) for s in by_kind[NOTICES[1]]]))
    said = "intact" if verdict.intact else f"BROKEN: {verdict.broken}"
    audit = render_audit_log_pdf(events, verdict=f"hash chain {said}, {verdict.events} events")
    sections.append(BinderSection("Audit log", [BinderDocument("Audit log", audit)]))
    zone = ZoneInfo(found.terms.timezone)
    closing_day = (
        date.fromisoformat(runs[-1]["instructed_on"]) if runs else now.astimezone(zone).date()
    )
    r = report.result
    memo = ClosingMemo(
        issuer=found.terms.issuer_name,
        offering=found.slug,
        closing_date=closing_day,
        shares_sold=sum(i.shares for i in instructions),
        money=money_of(
            [(p.expected, p.received) for p in r.purchasers], [w.net for w in r.unmatched]
        ),
        purchasers_settled=len(instructions),
        purchasers_not_settled=len(names) - len(instructions),
        warrants_issued=len(warrants),
        warrant_shares=sum(w.shares for w in warrants),
        exceptions=memo_exceptions(report, events),
        documents=tuple((s.title, len(s.documents)) for s in sections),
    )
    sections.insert(
        0,
        BinderSection(
            "Closing memorandum", [BinderDocument("Closing memorandum", render_memo_pdf(memo))]
        ),
    )
    title = f"Closing binder — {found.terms.issuer_name} ({found.slug})"
    pdf = build_binder_pdf(sections, title=title)
    files = [BinderFile(_folder(s.kind) + s.file_name, s.content) for s in [*sources, *own]]
    files.append(BinderFile("audit-log.jsonl", _events_jsonl(events)))
    files.append(_checkpoint_file(engine, found, events, tsa_url=tsa_url, now=now))
    archive = build_binder_zip(files, binder_pdf=pdf)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.write_bytes(pdf)
    zip_path.write_bytes(archive)
    built = BuiltBinder(
        pdf_path,
        zip_path,
        _sha(pdf),
        _sha(archive),
        _manifest_sha(archive),
        tuple((s.title, len(s.documents)) for s in sections),
    )
    _record(engine, found.id, built, actor=actor, now=now)
    return built


def verify_binder(content: bytes, *, source: str, engine: Engine | None = None) -> list[Problem]:
    """Every problem with a binder ZIP; with a database, also whether it built this manifest
    and whether its copies of the binder's files (the file store) are unchanged."""
    problems = verify_binder_zip(content, source=source)
    problems.extend(binder_log_problems(content, source=source, engine=engine))
    if engine is None or problems:
        return problems
    manifest = _manifest_sha(content)
    with UnitOfWork(engine, read_only=True) as uow:
        recorded = any(
            e.kind == "binder.built" and e.payload.get("manifest_sha256") == manifest
            for e in uow.events.iter()
        )
    if not recorded:
        what = (
            "its manifest is not one this database recorded building: the files and the "
            "manifest may both have been changed"
        )
        problems.append(Problem(f"{source} MANIFEST.json", what))
    return problems + binder_file_problems(engine, content, source=source)


def _record(
    engine: Engine, offering_id: int, built: BuiltBinder, *, actor: str, now: datetime
) -> None:
    payload = {
        "pdf_sha256": built.pdf_sha256,
        "zip_sha256": built.zip_sha256,
        "manifest_sha256": built.manifest_sha256,
        "sections": [list(s) for s in built.sections],
    }
    with UnitOfWork(engine) as uow:
        uow.events.append(
            at=stamp(now),
            actor=actor,
            entries=[("binder.built", f"offering:{offering_id}", payload)],
        )
        uow.commit()


def _checkpoint_file(
    engine: Engine,
    offering: Offering,
    events: list[ChainedEvent],
    *,
    tsa_url: str | None,
    now: datetime,
) -> BinderFile:
    """The log's head signed with the offering's key (services.checkpoints), or why not."""
    try:
        made = checkpoint_of(engine, offering, events, tsa_url=tsa_url, now=now)
    except NotFound:
        note = "No signed checkpoint: the offering has no signing key yet.\n"
        return BinderFile("audit-checkpoint.txt", note.encode())
    return BinderFile("audit-checkpoint.json", made.content)


def _paths(out: Path) -> tuple[Path, Path]:
    if out.suffix.lower() == ".zip":
        return out.with_suffix(".pdf"), out
    return out if out.suffix.lower() == ".pdf" else out.with_suffix(".pdf"), out.with_suffix(".zip")


def _table_section(
    title: str,
    intro: str,
    columns: tuple[str, ...],
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    issuer: str,
) -> BinderSection:
    pdf = render_table_pdf(title, intro, columns, rows, widths=widths, issuer=issuer)
    return BinderSection(title, [BinderDocument(title, pdf)])


def _pdfs(sources: Iterable[BinderSource]) -> list[BinderDocument]:
    """The offering's own PDFs by file name (its other files are in the ZIP only)."""
    return [BinderDocument(s.file_name, s.content) for s in sources if s.format == "pdf"]


def _document(source: BinderSource, names: dict[int, Purchaser]) -> BinderDocument:
    holder = names.get(source.purchaser_id) if source.purchaser_id else None
    return BinderDocument(holder.name if holder else source.file_name, source.content)


FOLDERS = {
    "executed_agreement": "executed-agreements/",
    "completion_certificate": "certificates/",
    "warrant": "warrants/",
    "dwac_letter": "transfer-agent/",
    "dwac_csv": "transfer-agent/",
    "dwac_xlsx": "transfer-agent/",
    "notice": "notices/",
    "prospectus": "offering/",
}


def _folder(kind: str) -> str:
    return FOLDERS.get(kind, "offering/")


def _events_jsonl(events: list[ChainedEvent]) -> bytes:
    lines = []
    for e in events:
        row = {
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "kind": e.kind,
            "subject": e.subject,
            "payload": json.loads(e.payload_json),
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }
        lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _manifest_sha(archive: bytes) -> str:
    with zipfile.ZipFile(BytesIO(archive)) as z:
        try:
            return _sha(z.read("MANIFEST.json"))
        except KeyError:
            return ""


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
