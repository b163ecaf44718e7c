"""A decision on one wire costs the same in a closing of one purchaser as in one of 500:
it reads and writes its own purchaser (before and after), never the whole book; and it
leaves `funded` exactly where a recompute of everyone from the stored lines puts it."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.adapters.store.funding_repository import FundingRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import Refusal
from closingdesk.services.book.offerings import get_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.funding.bank_voids import void_bank_line
from closingdesk.services.funding.exception_decisions import accept_late_wire
from closingdesk.services.funding.funding_decisions import mark_refunded, match_wire, unmatch_wire
from closingdesk.services.funding.funding_state import refresh_funded
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.scenarios import ACTOR, NOW, book_file, example_offering

PRICE = Decimal("2.00")  # a share, in the seed's terms
SHARES = 1000  # each purchaser's: a price of $2,000.00


def book(count: int) -> str:
    rows = "".join(f"Purchaser {i:05d} Fund,{SHARES}\n" for i in range(1, count + 1))
    return "name,shares\n" + rows


def closing_of(engine: Engine, folder: Path, count: int) -> tuple[int, int]:
    """``count`` purchasers; everyone but purchaser 1 paid by reference; a late wire of
    purchaser 1's price from a stranger, and 25.00 from ACME: their ids."""
    example_offering(engine)
    import_book(engine, book_file(folder, book(count)), offering=None, actor=ACTOR, now=NOW)
    paid = "".join(
        f"{ACCOUNT},2002-03-12,10:00,2000.00,USD,PURCHASER {i} FUND,NEOTHERA-{i:05d},FW{i}\n"
        for i in range(2, count + 1)
    )
    strangers = (
        f"{ACCOUNT},2002-03-12,18:30,2000.00,USD,J SMITH,SUBSCRIPTION,FWX\n"
        f"{ACCOUNT},2002-03-12,11:00,25.00,USD,ACME CORP,SUBSCRIPTION,FWY\n"
    )
    import_rows(engine, folder, paid + strangers, name=f"bank-{count}.csv")
    return count, count + 1  # the stranger's wire, ACME's


@dataclass
class Cost:
    statements: int = 0
    purchasers_written: int = 0
    steps: int = 0  # SQLite virtual machine instructions: the rows read, and how

    def step(self) -> int:
        self.steps += 1
        return 0  # go on


@contextmanager
def counted(engine: Engine) -> Iterator[Cost]:
    """What the database did meanwhile, counted on the real engine's connections."""
    cost = Cost()

    def on_checkout(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.set_progress_handler(cost.step, 1)

    def on_checkin(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.set_progress_handler(None, 1)

    def after(_c: Any, cursor: Any, statement: str, *_: Any) -> None:
        cost.statements += 1
        if statement.lstrip().upper().startswith("UPDATE PURCHASERS"):
            cost.purchasers_written += max(cursor.rowcount, 0)

    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "checkin", on_checkin)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield cost
    finally:
        event.remove(engine, "after_cursor_execute", after)
        event.remove(engine, "checkin", on_checkin)
        event.remove(engine, "checkout", on_checkout)


def decisions(stranger: int, acme: int) -> list[tuple[str, Callable[[Engine], object]]]:
    say = {"offering": None, "actor": ACTOR, "now": NOW}
    return [
        ("match", lambda e: match_wire(e, stranger, 1, **say)),
        ("accept late", lambda e: accept_late_wire(e, stranger, reason="agreed", **say)),
        ("refund", lambda e: mark_refunded(e, stranger, reference="OUT-1", amount=PRICE, **say)),
        ("unmatch", lambda e: unmatch_wire(e, stranger, **say)),
        ("void", lambda e: void_bank_line(e, acme, reason="a test line", **say)),
    ]


def costs(folder: Path, count: int) -> dict[str, Cost]:
    engine = make_engine(f"sqlite:///{folder / f'closing-{count}.db'}")
    upgrade(engine)
    stranger, acme = closing_of(engine, folder, count)
    found = {}
    for name, decide in decisions(stranger, acme):
        with counted(engine) as cost:
            decide(engine)
        found[name] = cost
    engine.dispose()
    return found


def test_a_decision_on_one_wire_costs_the_same_for_1_and_500_purchasers(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    one, many = costs(tmp_path / "one", 1), costs(tmp_path / "many", 500)
    for name in one:
        small, large = one[name], many[name]
        assert large.statements == small.statements, name
        assert large.purchasers_written == small.purchasers_written <= 1, name
        # an index lookup is a little deeper in a larger table; reading the book is not
        assert large.steps <= small.steps * 1.5, (name, small.steps, large.steps)


def funded_by_the_books(engine: Engine) -> dict[int, bool]:
    """Every purchaser's `funded`, recomputed from the stored lines without closingdesk's
    funding code: the credits matched to them, in dollars, not voided, not returned,
    net of refunds, add up to exactly their shares at $2.00."""
    with engine.connect() as c:
        shares = {int(i): int(n) for i, n in c.execute(text("SELECT id, shares FROM purchasers"))}
        lines = c.execute(
            text(
                "SELECT id, direction, amount, currency, purchaser_id, refunded_amount,"
                " reverses_id FROM bank_transactions WHERE voided_at IS NULL"
            )
        ).all()
    returned = {line.reverses_id for line in lines if line.reverses_id is not None}
    received: defaultdict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        counts = line.direction == "credit" and line.currency == "USD"
        if counts and line.id not in returned and line.purchaser_id is not None:
            refunded = Decimal(line.refunded_amount or "0")
            received[int(line.purchaser_id)] += Decimal(line.amount) - refunded
    return {i: received[i] == n * PRICE for i, n in shares.items()}


def funded_as_stored(engine: Engine) -> dict[int, bool]:
    with engine.connect() as c:
        return {int(i): bool(f) for i, f in c.execute(text("SELECT id, funded FROM purchasers"))}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_small_action_leaves_funded_where_a_full_recompute_puts_it(
    engine: Engine, tmp_path: Path, seed: int
) -> None:
    closing_of(engine, tmp_path, 6)  # wires 1-5 paid 2-6; 6 the stranger's, 7 ACME's
    extra = (
        f"{ACCOUNT},2002-03-12,12:00,1000.00,USD,PURCHASER 3 FUND,NEOTHERA-00003,FW31\n"
        f"{ACCOUNT},2002-03-12,12:30,-2000.00,USD,PURCHASER 4 FUND,RETURN,FW41\n"
    )
    import_rows(engine, tmp_path, extra, name="more.csv")  # 8: Purchaser 3 over; 9: a return
    with UnitOfWork(engine) as uow:  # the bank's debit 9 returns wire 3 (Purchaser 4's)
        FundingRepository(uow.connection).set_reverses([(9, 3)])
        refresh_funded(uow, get_offering(engine, None))
        uow.commit()
    assert funded_as_stored(engine) == funded_by_the_books(engine)
    say = {"offering": None, "actor": ACTOR, "now": NOW}
    actions: list[Callable[[random.Random], object]] = [
        lambda r: match_wire(engine, r.randint(1, 9), r.randint(1, 6), **say),
        lambda r: unmatch_wire(engine, r.randint(1, 9), **say),
        lambda r: mark_refunded(
            engine,
            r.randint(1, 9),
            reference="OUT",
            amount=Decimal(r.choice("15")) * 25,
            **say,
        ),
        lambda r: void_bank_line(engine, r.randint(1, 9), reason="test", **say),
    ]
    chance = random.Random(seed)
    for _ in range(40):
        with suppress(Refusal):
            chance.choice(actions)(chance)
        assert funded_as_stored(engine) == funded_by_the_books(engine)
