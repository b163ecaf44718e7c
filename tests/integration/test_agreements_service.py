"""Drafting agreements into a real store: versions, the checklist, events."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from closingdesk.services.agreements import draft_agreements
from closingdesk.services.audit import audit_log
from closingdesk.services.purchasers import import_book
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
