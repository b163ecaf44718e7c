"""Settling: instructions and warrants for those who are ready, every reason for the others."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from closingdesk.adapters.store.settlement_tables import dwac_instructions, warrants
from closingdesk.domain.problems import Conflict
from closingdesk.services.audit.event_log import audit_log, verify_chain
from closingdesk.services.settlement.settling import settle
from closingdesk.services.status import closing_status
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import TERMS, closing, paid, ready, signed


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_ready_purchasers_get_an_instruction_and_a_numbered_warrant(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [(s.name, s.warrant_number, s.warrant_shares) for s in run.settled] == [
        ("Alpha Fund", "W-0001", 250000),
        ("Beta Partners", "W-0002", 62500),
    ]
    alpha = run.settled[0].row
    assert (alpha.cusip, alpha.shares, alpha.dtc_participant, alpha.dtc_account) == (
        "99999Z107",
        1000000,
        "0226",
        "A-1",
    )
    assert "S-3" in alpha.registration and "333-53108" in alpha.registration
    # the original is due by the close of business of the next business day (Fed calendar)
    assert run.settled[0].original_due.isoformat() == "2002-03-13T17:00:00-08:00"
    checklist = {p.name: p.checklist for p in closing_status(engine, offering=None).purchasers}
    assert (
        checklist["Alpha Fund"]["shares_instructed"] and checklist["Alpha Fund"]["warrant_issued"]
    )
    assert not checklist["Gamma Trust"]["shares_instructed"]
    kinds = [e.kind for e in audit_log(engine, subject="purchaser:1")]
    assert "purchaser.settled" in kinds
    assert verify_chain(engine).intact


def test_a_purchaser_not_ready_is_told_every_reason(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    [gamma] = run.not_ready
    assert gamma.name == "Gamma Trust"
    text = " | ".join(gamma.reasons)
    for expected in (
        "has not signed",
        "not countersigned",
        "not funded exactly",
        "DTC participant",
        "DTC account",
    ):
        assert expected in text


def test_settling_again_instructs_nothing_twice(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    again = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert again.run_id is None and again.settled == ()
    assert again.already_settled == (1, 2)
    assert (_count(engine, warrants), _count(engine, dwac_instructions)) == (2, 2)


def test_a_later_run_numbers_on_from_the_last_warrant(engine: Engine, tmp_path: Path) -> None:
    closing(engine, tmp_path)
    signed(engine, 2)
    paid(engine, tmp_path, 2)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    signed(engine, 1)
    paid(engine, tmp_path, 1)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [(s.purchaser_id, s.warrant_number) for s in run.settled] == [(1, "W-0002")]


WAYS_NOT_READY = {
    "purchaser has not signed": dict(sign=False),
    "company has not countersigned": dict(countersign=False),
    "nothing paid": dict(pay=None),
    "paid short": dict(pay="1999999.99"),
    "paid over": dict(pay="2000000.01"),
    "no CUSIP in the terms": dict(terms=dataclasses.replace(TERMS, cusip=None)),
    "no transfer agent": dict(terms=dataclasses.replace(TERMS, transfer_agent=None)),
}


@pytest.mark.parametrize("way", WAYS_NOT_READY, ids=list(WAYS_NOT_READY))
def test_nothing_is_settled_for_a_purchaser_who_is_not_ready(
    engine: Engine, tmp_path: Path, way: str
) -> None:
    case: dict[str, object] = {
        "sign": True,
        "countersign": True,
        "pay": "2000000.00",
        "terms": TERMS,
        **WAYS_NOT_READY[way],
    }
    closing(engine, tmp_path, terms=case["terms"])  # type: ignore[arg-type]
    if case["sign"]:
        signed(engine, 1, company=bool(case["countersign"]))
    if case["pay"] is not None:
        paid(engine, tmp_path, 1, amounts={1: str(case["pay"])})
    with pytest.raises(Conflict, match="purchaser 1 is not ready to settle") as refused:
        settle(engine, offering=None, purchaser_id=1, actor=ACTOR, now=NOW)
    assert _count(engine, warrants) == 0 and _count(engine, dwac_instructions) == 0
    [alpha] = refused.value.problems
    assert alpha.where == "purchaser 1 (Alpha Fund)" and alpha.what


def test_a_gamma_without_dwac_details_is_not_settled_even_when_paid_and_signed(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    signed(engine, 3)
    paid(engine, tmp_path, 3)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert run.settled == ()
    [gamma] = [n for n in run.not_ready if n.purchaser_id == 3]
    assert all("DTC" in r for r in gamma.reasons)
