"""Settling in phases (issue 12): a run stopped after it was decided (here: the rendering
seam raises, as a crash would stop it) leaves its purchasers settling, never ready again and
their money kept; the next settle resumes it with the numbers decided, and the log replays
at every step. Real SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from closingdesk.adapters.store.settlement_tables import (
    settlement_runs,
    warrant_allocations,
    warrants,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import Refusal
from closingdesk.services.audit.event_log import verify_chain, verify_tables
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.funding.funding_decisions import unmatch_wire
from closingdesk.services.settlement.settlement_readiness import readiness
from closingdesk.services.settlement.settling import settle
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready

SIGNED = ("purchaser_signed", "company_signed")  # ticked by the scenario without events


class Stopped(Exception):
    pass


def _stop() -> None:
    raise Stopped("stopped between deciding and rendering")


def _log_agrees(engine: Engine) -> None:
    assert verify_chain(engine).intact
    differences = [str(d) for d in verify_tables(engine).differences if d.column not in SIGNED]
    assert differences == []


def _numbers(engine: Engine) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    with engine.connect() as c:
        a, w = warrant_allocations.c, warrants.c
        allocated = c.execute(select(a.purchaser_id, a.number).order_by(a.id)).all()
        issued = c.execute(select(w.purchaser_id, w.number).order_by(w.id)).all()
    return [(r[0], r[1]) for r in allocated], [(r[0], r[1]) for r in issued]


def test_a_settle_stopped_after_deciding_is_resumed_by_the_next_with_the_same_numbers(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    with pytest.raises(Stopped):
        settle(engine, offering=None, actor=ACTOR, now=NOW, on_rendering=_stop)
    allocated, issued = _numbers(engine)
    assert allocated == [(1, "W-0001"), (2, "W-0002")] and issued == []
    _log_agrees(engine)  # decided, no warrant yet: the log says so too

    resumed = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [(s.purchaser_id, s.warrant_number) for s in resumed.settled] == allocated
    assert _numbers(engine) == (allocated, allocated)
    with engine.connect() as c:
        runs = c.execute(select(settlement_runs)).all()
    assert len(runs) == 1 and runs[0].id == resumed.run_id
    assert None not in (runs[0].completed_at, runs[0].letter_document_id, runs[0].xlsx_document_id)
    _log_agrees(engine)

    again = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert (again.run_id, again.settled, again.already_settled) == (None, (), (1, 2))


def test_purchasers_of_an_unfinished_run_are_settling_not_ready_and_their_money_stays(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    with pytest.raises(Stopped):
        settle(engine, offering=None, actor=ACTOR, now=NOW, on_rendering=_stop)
    with UnitOfWork(engine, read_only=True) as uow:
        offering = resolve_offering(uow, None)
        now_ready, _, already = readiness(uow, offering)
    assert [p.id for p in now_ready] == [] and already == [1, 2]
    with pytest.raises(Refusal, match="settled"):
        unmatch_wire(engine, 1, offering=None, actor=ACTOR, now=NOW)
