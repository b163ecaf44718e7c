"""Drafting agreements into a real store: versions, the checklist, events."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.agreements import FORMATS, draft_agreements
from closingdesk.services.status import closing_status
from tests.scenarios import ACTOR, NOW, THREE_PURCHASERS, book_file, example_offering


def drafted_closing(engine: Engine, tmp_path: Path):  # type: ignore[no-untyped-def]
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    return draft_agreements(engine, offering=None, actor=ACTOR, now=NOW)[1]


def test_drafting_sets_agreement_generated_only_for_complete_data(
    engine: Engine, tmp_path: Path
) -> None:
    drafted = drafted_closing(engine, tmp_path)
    assert [d.missing for d in drafted] == [(), (), ("dtc_participant", "dtc_account", "address")]
    report = closing_status(engine, offering=None)
    assert [p.checklist["agreement_generated"] for p in report.purchasers] == [True, True, False]
    assert report.totals.checklist["agreement_generated"] == 2


def test_the_drafted_text_carries_the_purchasers_values(engine: Engine, tmp_path: Path) -> None:
    alpha = drafted_closing(engine, tmp_path)[0].content.decode()
    assert "Alpha Fund" in alpha and "1,000,000" in alpha and "2,000,000.00" in alpha
    assert "250,000" in alpha and "0226" in alpha


def test_drafting_again_with_the_same_data_adds_no_version(engine: Engine, tmp_path: Path) -> None:
    first = drafted_closing(engine, tmp_path)
    events_before = len(audit_log(engine))
    _, second = draft_agreements(engine, offering=None, actor=ACTOR, now=NOW)
    assert [d.sha256 for d in second] == [d.sha256 for d in first]
    assert not any(d.changed for d in second) and [d.version for d in second] == [1, 1, 1]
    assert len(audit_log(engine)) == events_before


def test_a_changed_book_row_resets_the_agreement_and_drafts_version_two(
    engine: Engine, tmp_path: Path
) -> None:
    drafted_closing(engine, tmp_path)
    import_book(
        engine,
        book_file(tmp_path, "name,shares\nAlpha Fund,1200000\n", "more.csv"),
        offering=None,
        actor=ACTOR,
        now=NOW,
    )
    assert not closing_status(engine, offering=None).purchasers[0].checklist["agreement_generated"]
    _, again = draft_agreements(engine, offering=None, purchaser_id=1, actor=ACTOR, now=NOW)
    assert again[0].version == 2 and "1,200,000" in again[0].content.decode()


def test_word_and_pdf_agreements_are_stored_as_documents_of_their_own(
    engine: Engine, tmp_path: Path
) -> None:
    drafted_closing(engine, tmp_path)
    for fmt in ("pdf", "docx"):
        _, drafted = draft_agreements(engine, offering=None, fmt=fmt, actor=ACTOR, now=NOW)
        assert [(d.version, d.changed) for d in drafted] == [(1, True)] * 3
        assert drafted[0].file_name == f"agreement-00001-alpha-fund.{fmt}"
    with UnitOfWork(engine, read_only=True) as uow:
        stored = {fmt: uow.documents.latest(1, kind="agreement", fmt=fmt) for fmt in FORMATS}
    assert {fmt: sorted(latest) for fmt, latest in stored.items()} == {
        fmt: [1, 2, 3] for fmt in FORMATS
    }
    checklist = [
        p.checklist["agreement_generated"] for p in closing_status(engine, offering=None).purchasers
    ]
    assert checklist == [True, True, False]


def test_drafting_a_pdf_again_re_derives_its_sha256_and_adds_no_version(
    engine: Engine, tmp_path: Path
) -> None:
    drafted_closing(engine, tmp_path)
    _, first = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    events_before = len(audit_log(engine))
    _, again = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    assert [d.sha256 for d in again] == [hashlib.sha256(d.content).hexdigest() for d in first]
    assert not any(d.changed for d in again) and len(audit_log(engine)) == events_before


def test_a_changed_purchaser_gets_a_pdf_that_names_version_two(
    engine: Engine, tmp_path: Path
) -> None:
    drafted_closing(engine, tmp_path)
    draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    book = book_file(tmp_path, "name,shares\nAlpha Fund,1200000\n", "more.csv")
    import_book(engine, book, offering=None, actor=ACTOR, now=NOW)
    _, again = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    assert [(d.version, d.changed) for d in again] == [(2, True), (1, False), (1, False)]
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(again[0].content)).pages)
    assert "Alpha Fund — v2" in text and "1,200,000" in text


def test_a_signed_agreement_is_never_drafted_again(engine: Engine, tmp_path: Path) -> None:
    from sqlalchemy import text

    from closingdesk.adapters.store.unit_of_work import UnitOfWork

    drafted_closing(engine, tmp_path)
    with UnitOfWork(engine) as uow:
        uow.purchasers.set_checklist([1], "purchaser_signed", done=True)
        uow.commit()
    with engine.begin() as connection:  # as if an older renderer had made the signed text
        connection.execute(
            text("UPDATE documents SET sha256 = 'older' WHERE purchaser_id IN (1, 2)")
        )
    events_before = len(audit_log(engine))
    _, again = draft_agreements(engine, offering=None, actor=ACTOR, now=NOW)
    assert [d.purchaser_id for d in again] == [2, 3]  # the signed purchaser keeps version 1
    assert again[0].version == 2 and not again[1].changed
    assert len(audit_log(engine)) == events_before + 1
