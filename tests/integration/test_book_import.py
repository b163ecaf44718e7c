"""Importing purchaser books into a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from closingdesk.adapters.store import tables
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.book.purchasers import import_book, list_purchasers
from tests.scenarios import ACTOR, NOW, THREE_PURCHASERS, book_file, example_offering


def counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as c:
        purchasers = c.execute(select(func.count()).select_from(tables.purchasers)).scalar_one()
        events = c.execute(select(func.count()).select_from(tables.events)).scalar_one()
    return purchasers, events


def test_a_good_book_adds_every_purchaser_with_events(engine: Engine, tmp_path: Path) -> None:
    example_offering(engine)
    result = import_book(
        engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW
    )
    assert (result.created, result.updated) == (3, 0)
    _, purchasers = list_purchasers(engine, offering=None)
    alpha = purchasers[0]
    assert alpha.name == "Alpha Fund" and alpha.shares == 1_000_000
    assert alpha.dtc_participant == "0226"
    assert alpha.address == ("1 Main St", "Boston MA")
    assert alpha.warrant_shares(alpha_terms()) == 250_000
    # the offering's event, then one event for the import naming every purchaser added
    assert counts(engine) == (3, 2)
    import_event = audit_log(engine)[-1]
    assert import_event.kind == "book.imported"
    assert [a["name"] for a in import_event.payload["added"]] == [
        "Alpha Fund",
        "Beta Partners",
        "Gamma Trust",
    ]


def alpha_terms():  # type: ignore[no-untyped-def]
    from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002

    return NEOTHERAPEUTICS_2002


def test_a_refused_book_writes_nothing_and_names_every_problem(
    engine: Engine, tmp_path: Path
) -> None:
    example_offering(engine)
    bad = """\
    name,shares,email,dtc_participant,colour
    Alpha Fund,1000000,not-an-email,12345,blue
    ,10,,,
    Alpha Fund,1.5,,,
    """
    with pytest.raises(InvalidInput) as refused:
        import_book(engine, book_file(tmp_path, bad), offering=None, actor=ACTOR, now=NOW)
    text = str(refused.value)
    assert "nothing was imported" in text
    for expected in (
        "column colour",
        "row 2, column email",
        "row 2, column dtc_participant",
        "row 3, column name",
        "row 4, column shares",
        "row 4, column name",
    ):
        assert expected in text, expected
    assert counts(engine) == (0, 1)


def test_reimporting_updates_a_purchaser_who_has_not_signed(engine: Engine, tmp_path: Path) -> None:
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    changed = "name,shares\nGamma Trust,7000\nDelta LLC,100\n"
    result = import_book(
        engine, book_file(tmp_path, changed, "second.csv"), offering=None, actor=ACTOR, now=NOW
    )
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    _, purchasers = list_purchasers(engine, offering=None)
    gamma = next(p for p in purchasers if p.name == "Gamma Trust")
    assert gamma.shares == 7000
    alpha = next(p for p in purchasers if p.name == "Alpha Fund")
    assert alpha.email == "ops@alpha.example"  # columns absent from the file are kept


def test_reimporting_a_signed_purchaser_is_refused(engine: Engine, tmp_path: Path) -> None:
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    with UnitOfWork(engine) as uow:
        uow.purchasers.set_checklist([1], "purchaser_signed", done=True)
        uow.commit()
    before = counts(engine)
    with pytest.raises(InvalidInput, match="has signed"):
        import_book(
            engine,
            book_file(tmp_path, "name,shares\nAlpha Fund,1\n", "late.csv"),
            offering=None,
            actor=ACTOR,
            now=NOW,
        )
    assert counts(engine) == before


def test_a_name_spelled_differently_from_an_existing_purchaser_is_a_duplicate(
    engine: Engine, tmp_path: Path
) -> None:
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    with pytest.raises(InvalidInput, match="duplicates the existing purchaser 'Alpha Fund'"):
        import_book(
            engine,
            book_file(tmp_path, "name,shares\nALPHA  FUND,1\n", "dup.csv"),
            offering=None,
            actor=ACTOR,
            now=NOW,
        )


def test_the_same_book_twice_changes_nothing_the_second_time(
    engine: Engine, tmp_path: Path
) -> None:
    example_offering(engine)
    path = book_file(tmp_path, THREE_PURCHASERS)
    import_book(engine, path, offering=None, actor=ACTOR, now=NOW)
    again = import_book(engine, path, offering=None, actor=ACTOR, now=NOW)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
