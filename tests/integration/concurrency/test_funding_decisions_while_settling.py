"""Decisions on a purchaser's money while `settle` runs (issue 9, item 2 and its rule): a
settlement never rests on money taken away or added meanwhile, and the loser is refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.store.funding_repository import FundingRepository
from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.audit.event_log import audit_log, verify_chain
from closingdesk.services.funding.funding_decisions import mark_refunded, match_wire, unmatch_wire
from closingdesk.services.settlement.settling import settle
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.integration.concurrency.races import race
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import PRICES, ready

ALPHA_WIRE = 1  # ready() imports Alpha's wire first, then Beta's
# settle decides in one short transaction (rows locked), then renders outside it: it is held
# as it records its decision, after reading the facts it decides on
DECIDING = "INSERT INTO warrant_allocations"


def _settled_on_exact_money(engine: Engine) -> None:
    """Every purchaser whose shares were instructed is funded, by exactly their price."""
    with UnitOfWork(engine, read_only=True) as uow:
        instructed = SettlementRepository(uow.connection).instructed(1)
        wires = FundingRepository(uow.connection).wires(1)
        purchasers = {p.id: p for p in uow.purchasers.list(1)}
    for pid in instructed:
        counted = sum(
            (w.net for w in wires if w.purchaser_id == pid and w.direction == "credit"),
            Decimal("0"),
        )
        assert purchasers[pid].checklist["funded"], f"purchaser {pid} settled but not funded"
        assert counted == Decimal(PRICES[pid]), f"purchaser {pid} settled on {counted}"
    assert verify_chain(engine).intact


def test_unmatching_a_wire_while_settle_runs_never_leaves_shares_on_unfunded_money(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    settling, unmatching = race(
        engine,
        lambda: settle(engine, offering=None, actor=ACTOR, now=NOW),
        lambda: unmatch_wire(engine, ALPHA_WIRE, offering=None, actor=ACTOR, now=NOW),
        at=DECIDING,
    )
    assert settling.error is None and unmatching.error is None, (settling, unmatching)
    _settled_on_exact_money(engine)
    assert unmatching.refusal is not None and "settled" in str(unmatching.refusal)


def test_refunding_a_wire_while_settle_runs_never_leaves_shares_on_refunded_money(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    settling, refunding = race(
        engine,
        lambda: settle(engine, offering=None, actor=ACTOR, now=NOW),
        lambda: mark_refunded(
            engine, ALPHA_WIRE, reference="OUT-1", offering=None, actor=ACTOR, now=NOW
        ),
        at=DECIDING,
    )
    assert settling.error is None and refunding.error is None, (settling, refunding)
    _settled_on_exact_money(engine)
    assert refunding.refusal is not None and "settled" in str(refunding.refusal)


def test_a_match_made_while_settle_runs_is_seen_by_it_or_comes_after_it(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    import_rows(engine, tmp_path, f"{ACCOUNT},2002-03-12,11:00,500.00,USD,Someone,x,FW900\n")
    extra = 3
    settling, matching = race(
        engine,
        lambda: settle(engine, offering=None, actor=ACTOR, now=NOW),
        lambda: match_wire(engine, extra, 1, offering=None, actor=ACTOR, now=NOW),
        at=DECIDING,
    )
    assert settling.error is None and matching.error is None, (settling, matching)
    events = audit_log(engine)
    settled = [  # the decision: the run's event lists whom it settles
        e.seq
        for e in events
        if e.kind == "settlement.run"
        and any(d["purchaser_id"] == 1 for d in e.payload.get("purchasers", ()))
    ]
    matched = [
        e.seq for e in events if e.kind == "funding.matched" and e.payload["purchaser_id"] == 1
    ]
    if settled and matched:  # Alpha settled on exactly the price: the match came after
        assert matched[0] > settled[0], "settled on money that was no longer the price"
    assert verify_chain(engine).intact
