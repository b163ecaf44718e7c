"""The event log proves nothing was edited, removed or reordered behind the program's back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from closingdesk.services.audit.event_log import audit_log, verify_chain
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.agreements import draft_agreements
from tests.scenarios import ACTOR, NOW, THREE_PURCHASERS, book_file, example_offering


def closing_with_events(engine: Engine, tmp_path: Path) -> None:
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    draft_agreements(engine, offering=None, actor=ACTOR, now=NOW)  # events 3, 4 and 5


def tamper(engine: Engine, sql: str) -> None:
    with engine.begin() as connection:
        connection.execute(text(sql))


def test_an_untouched_log_is_intact(engine: Engine, tmp_path: Path) -> None:
    closing_with_events(engine, tmp_path)
    verdict = verify_chain(engine)
    assert verdict.intact and verdict.events == 5
    assert [e.seq for e in audit_log(engine)] == [1, 2, 3, 4, 5]


def test_an_edited_payload_is_caught_at_its_event(engine: Engine, tmp_path: Path) -> None:
    closing_with_events(engine, tmp_path)
    tamper(
        engine,
        """UPDATE events SET payload = replace(payload, 'agreement-', 'forgery-')
                      WHERE seq = 3""",
    )
    verdict = verify_chain(engine)
    assert verdict.broken is not None and verdict.broken.seq == 3
    assert "edited" in verdict.broken.reason


def test_an_edited_actor_is_caught(engine: Engine, tmp_path: Path) -> None:
    closing_with_events(engine, tmp_path)
    tamper(engine, "UPDATE events SET actor = 'someone else' WHERE seq = 5")
    assert verify_chain(engine).broken.seq == 5  # type: ignore[union-attr]


def test_a_removed_event_is_caught_at_the_gap(engine: Engine, tmp_path: Path) -> None:
    closing_with_events(engine, tmp_path)
    tamper(engine, "DELETE FROM events WHERE seq = 4")
    assert verify_chain(engine).broken.seq == 5  # type: ignore[union-attr]


def test_removing_the_last_event_is_caught_by_the_chain_head(
    engine: Engine, tmp_path: Path
) -> None:
    closing_with_events(engine, tmp_path)
    tamper(engine, "DELETE FROM events WHERE seq = 5")
    verdict = verify_chain(engine)
    assert verdict.broken is not None and verdict.broken.seq == 5


def test_reordered_events_are_caught(engine: Engine, tmp_path: Path) -> None:
    closing_with_events(engine, tmp_path)
    tamper(engine, "UPDATE events SET seq = 100 WHERE seq = 2")
    tamper(engine, "UPDATE events SET seq = 2 WHERE seq = 3")
    tamper(engine, "UPDATE events SET seq = 3 WHERE seq = 100")
    assert verify_chain(engine).broken.seq == 2  # type: ignore[union-attr]
