"""People decide what the matcher could not: match, unmatch, refund, each recorded and checked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.funding.funding_decisions import mark_refunded, match_wire, unmatch_wire
from closingdesk.services.funding.reconciliation import funding_report
from tests.funding_scenarios import ACCOUNT, import_rows, three_purchasers
from tests.scenarios import ACTOR, NOW

UNPLACED = f"""\
    {ACCOUNT},2002-03-12,10:15,10000.00,USD,Omega Holdings,wire,FW010
    {ACCOUNT},2002-03-12,10:20,-25.00,USD,,bank fee,FW011
    """


def test_a_person_matches_a_wire_and_the_purchaser_is_funded(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(engine, tmp_path, UNPLACED)
    decision = match_wire(engine, 1, 3, offering=None, actor=ACTOR, now=NOW, reason="called them")
    assert decision.funded == (3,)
    [event] = [e for e in audit_log(engine, subject="purchaser:3") if e.kind == "funding.matched"]
    assert (event.actor, event.payload["reason"]) == (ACTOR, "called them")


def test_matching_a_debit_or_the_same_money_twice_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(engine, tmp_path, UNPLACED)
    with pytest.raises(Conflict, match="debit"):
        match_wire(engine, 2, 3, offering=None, actor=ACTOR, now=NOW)
    match_wire(engine, 1, 3, offering=None, actor=ACTOR, now=NOW)
    with pytest.raises(Conflict, match="already matched to purchaser 3"):
        match_wire(engine, 1, 2, offering=None, actor=ACTOR, now=NOW)
    with pytest.raises(NotFound):
        match_wire(engine, 99, 2, offering=None, actor=ACTOR, now=NOW)
    with pytest.raises(NotFound):
        match_wire(engine, 1, 99, offering=None, actor=ACTOR, now=NOW)


def test_unmatching_takes_the_money_back_out(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(engine, tmp_path, UNPLACED)
    match_wire(engine, 1, 3, offering=None, actor=ACTOR, now=NOW)
    decision = unmatch_wire(engine, 1, offering=None, actor=ACTOR, now=NOW, reason="wrong trust")
    assert decision.no_longer_funded == (3,)
    with pytest.raises(Conflict, match="not matched"):
        unmatch_wire(engine, 1, offering=None, actor=ACTOR, now=NOW)


def test_a_refunded_unknown_wire_leaves_the_exceptions(engine: Engine, tmp_path: Path) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(engine, tmp_path, UNPLACED)
    assert [e.kind for e in funding_report(engine, offering=None).result.exceptions] == ["unknown"]
    mark_refunded(engine, 1, reference="OUT-77", offering=None, actor=ACTOR, now=NOW)
    report = funding_report(engine, offering=None)
    assert report.result.exceptions == ()
    assert report.result.unmatched == ()
    with pytest.raises(Conflict, match="already refunded"):
        mark_refunded(engine, 1, reference="OUT-78", offering=None, actor=ACTOR, now=NOW)


def test_a_refund_needs_a_reference_and_at_most_what_came_in(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(engine, tmp_path, UNPLACED)
    with pytest.raises(InvalidInput, match="reference"):
        mark_refunded(engine, 1, reference=" ", offering=None, actor=ACTOR, now=NOW)
    with pytest.raises(InvalidInput, match="at most"):
        mark_refunded(
            engine,
            1,
            reference="OUT-1",
            amount=Decimal("10000.01"),
            offering=None,
            actor=ACTOR,
            now=NOW,
        )
    with pytest.raises(Conflict, match="debit"):
        mark_refunded(engine, 2, reference="OUT-1", offering=None, actor=ACTOR, now=NOW)


def test_refunding_the_excess_of_an_overpayment_funds_the_purchaser(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(
        engine,
        tmp_path,
        f"""\
        {ACCOUNT},2002-03-12,10:15,10500.00,USD,Gamma Trust,NEOTHERA-00003,FW020
        """,
    )
    assert [e.kind for e in funding_report(engine, offering=None).result.exceptions] == ["over"]
    decision = mark_refunded(
        engine,
        1,
        reference="OUT-5",
        amount=Decimal("500.00"),
        offering=None,
        actor=ACTOR,
        now=NOW,
    )
    assert decision.funded == (3,)


def test_a_refund_of_a_fraction_of_a_cent_is_refused_and_changes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(engine, tmp_path, UNPLACED)
    with pytest.raises(InvalidInput, match="whole number of cents"):
        mark_refunded(
            engine,
            1,
            reference="OUT-1",
            amount=Decimal("10.005"),
            offering=None,
            actor=ACTOR,
            now=NOW,
        )
    assert [e.kind for e in funding_report(engine, offering=None).result.exceptions] == ["unknown"]
