"""A book import and the purchaser signing on their page, at the same time (issue 9, item 1):
the purchaser who signed is never rewritten; whichever loses is refused, never a traceback."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.book.purchasers import import_book
from tests.integration.concurrency.races import race
from tests.scenarios import ACTOR, NOW, book_file
from tests.signature_scenarios import BOOK, link_id, purchaser, ready_closing, sign

ALPHA_SIGNED_FOR = "Alpha Fund,1000000,ops@alpha.example,1 Main St | Boston MA,226,A-1"
ALPHA_REWRITTEN = "Alpha Fund,5000000,ops@alpha.example,1 Main St | Boston MA,226,Z-9"


def test_a_book_imported_while_the_purchaser_signs_never_rewrites_the_signed_purchaser(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path)
    link = link_id(engine, ids.alpha)
    changed = book_file(tmp_path, BOOK.replace(ALPHA_SIGNED_FOR, ALPHA_REWRITTEN), "new.csv")

    importing, signing = race(
        engine,
        lambda: import_book(engine, changed, offering=None, actor=ACTOR, now=NOW),
        lambda: sign(engine, ids.alpha, link_id=link),
        at="UPDATE purchasers",
    )

    assert importing.error is None and signing.error is None, (importing, signing)
    alpha = purchaser(engine, ids.alpha)
    if alpha.checklist["purchaser_signed"]:
        assert (alpha.shares, alpha.dtc_account) == (1_000_000, "A-1")
        assert importing.refusal is not None and "signed" in str(importing.refusal)
    else:
        assert (alpha.shares, alpha.dtc_account) == (5_000_000, "Z-9")
        assert signing.refusal is not None
    assert (importing.refusal is None) != (signing.refusal is None)


def test_two_imports_adding_the_same_purchaser_at_once_add_them_once(
    engine: Engine, tmp_path: Path
) -> None:
    ready_closing(engine, tmp_path)
    newcomer = BOOK + "Delta Holdings,7000,,,,,,,\n"
    first_book = book_file(tmp_path, newcomer, "first.csv")
    second_book = book_file(tmp_path, newcomer, "second.csv")

    first, second = race(
        engine,
        lambda: import_book(engine, first_book, offering=None, actor=ACTOR, now=NOW),
        lambda: import_book(engine, second_book, offering=None, actor=ACTOR, now=NOW),
        at="INSERT INTO purchasers",
    )

    assert first.error is None and second.error is None, (first, second)
    assert first.refusal is None or "another import" in str(first.refusal)
    with UnitOfWork(engine, read_only=True) as uow:
        names = [p.name for p in uow.purchasers.list(1)]
    assert names.count("Delta Holdings") == 1
