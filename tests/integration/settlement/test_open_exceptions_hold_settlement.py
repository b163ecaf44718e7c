"""An open exception on a purchaser's wires holds their settlement until decided (issue 9,
item 5): a late wire until the company accepts it, a bank's return until acknowledged, a
wire in the wrong currency until it is sent back; each decision has a reason and an event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from closingdesk.adapters.store.funding_repository import FundingRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import Conflict, InvalidInput
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.funding.exception_decisions import accept_late_wire, acknowledge_return
from closingdesk.services.funding.funding_decisions import mark_refunded
from closingdesk.services.funding.reconciliation import funding_report, report_document
from closingdesk.services.settlement.settling import settle
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import closing, paid, signed

# The close of business is 17:00 in Los Angeles; Alpha's exact wire comes at 18:30.
ALPHA_LATE = f"{ACCOUNT},2002-03-12,18:30,2000000.00,USD,Payer 1,NEOTHERA-00001,FW801\n"


def _alpha_late(engine: Engine, folder: Path) -> None:
    closing(engine, folder)
    signed(engine, 1)
    import_rows(engine, folder, ALPHA_LATE, name="late.csv")


def _not_ready(engine: Engine) -> dict[int, tuple[str, ...]]:
    run = settle(engine, offering=None, purchaser_id=None, actor=ACTOR, now=NOW)
    assert run.run_id is None, "nobody should have settled"
    return {n.purchaser_id: n.reasons for n in run.not_ready}


def test_a_late_wire_holds_settlement_until_the_company_accepts_it(
    engine: Engine, tmp_path: Path
) -> None:
    _alpha_late(engine, tmp_path)
    [reason] = _not_ready(engine)[1]
    assert reason.startswith("open funding exception (late): wire 1 ")
    assert "closingdesk funding accept-late 1 --reason" in reason

    accept_late_wire(engine, 1, reason="the CFO accepts it", offering=None, actor="cfo", now=NOW)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [s.purchaser_id for s in run.settled] == [1]
    [event] = [
        e for e in audit_log(engine, subject="purchaser:1") if e.kind == "funding.late_accepted"
    ]
    assert (event.actor, event.payload["reason"], event.payload["transaction_id"]) == (
        "cfo",
        "the CFO accepts it",
        1,
    )


def test_reconcile_shows_which_exceptions_hold_settlement_and_the_decisions(
    engine: Engine, tmp_path: Path
) -> None:
    _alpha_late(engine, tmp_path)
    [late] = report_document(funding_report(engine, offering=None))["exceptions"]
    assert (late["kind"], late["holds_settlement"], late["decision"]) == ("late", True, None)
    accept_late_wire(engine, 1, reason="agreed", offering=None, actor="cfo", now=NOW)
    [late] = report_document(funding_report(engine, offering=None))["exceptions"]
    assert late["holds_settlement"] is False
    assert {k: late["decision"][k] for k in ("kind", "reason", "decided_by")} == {
        "kind": "accept_late",
        "reason": "agreed",
        "decided_by": "cfo",
    }


def test_a_decision_needs_a_reason_and_an_open_exception_it_closes(
    engine: Engine, tmp_path: Path
) -> None:
    _alpha_late(engine, tmp_path)
    with pytest.raises(InvalidInput, match="reason"):
        accept_late_wire(engine, 1, reason="  ", offering=None, actor="cfo", now=NOW)
    with pytest.raises(Conflict, match="no open returned exception"):
        acknowledge_return(engine, 1, reason="x", offering=None, actor="cfo", now=NOW)
    accept_late_wire(engine, 1, reason="agreed", offering=None, actor="cfo", now=NOW)
    with pytest.raises(Conflict, match="no open late exception"):
        accept_late_wire(engine, 1, reason="again", offering=None, actor="cfo", now=NOW)


def test_a_late_wire_sent_back_no_longer_holds_anything(engine: Engine, tmp_path: Path) -> None:
    _alpha_late(engine, tmp_path)
    mark_refunded(engine, 1, reference="OUT-9", offering=None, actor=ACTOR, now=NOW)
    paid(engine, tmp_path, 1)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [s.purchaser_id for s in run.settled] == [1]


def test_a_returned_wire_holds_settlement_until_the_return_is_acknowledged(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    signed(engine, 1)
    paid(engine, tmp_path, 1)  # wire 1
    returned = f"{ACCOUNT},2002-03-12,12:00,-2000000.00,USD,Payer 1,return,FW802\n"
    import_rows(engine, tmp_path, returned, name="return.csv")  # debit 2
    with UnitOfWork(engine) as uow:  # the bank's return names wire 1
        FundingRepository(uow.connection).set_reverses([(2, 1)])
        uow.commit()
    paid(engine, tmp_path, 1, amounts={1: "2000000.00"})  # wire 3: paid again
    [reason] = _not_ready(engine)[1]
    assert reason.startswith("open funding exception (returned): wire 1 ")
    acknowledge_return(
        engine, 1, reason="bank confirmed; wired again", offering=None, actor="agent", now=NOW
    )
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [s.purchaser_id for s in run.settled] == [1]


def test_a_wire_in_the_wrong_currency_holds_settlement_until_it_is_sent_back(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    signed(engine, 1)
    paid(engine, tmp_path, 1)  # wire 1
    euros = f"{ACCOUNT},2002-03-12,11:00,900.00,EUR,Payer 1,NEOTHERA-00001,FW803\n"
    import_rows(engine, tmp_path, euros, name="euros.csv")  # wire 2
    [reason] = _not_ready(engine)[1]
    assert reason.startswith("open funding exception (wrong_currency): wire 2 ")
    mark_refunded(engine, 2, reference="OUT-EUR", offering=None, actor=ACTOR, now=NOW)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [s.purchaser_id for s in run.settled] == [1]


def test_funding_accept_late_on_the_command_line(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    _alpha_late(engine, tmp_path)
    app, db = build_app(), ["--db", database_url]
    missing = CliRunner().invoke(app, ["funding", "accept-late", "1", *db])
    assert missing.exit_code == 2  # --reason is required
    done = CliRunner().invoke(
        app, ["funding", "accept-late", "1", "--reason", "agreed", "--json", *db]
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["kind"] == "accept_late"
    again = CliRunner().invoke(app, ["funding", "accept-late", "1", "--reason", "again", *db])
    assert again.exit_code == 1 and "no open late exception" in again.output
    reconciled = json.loads(CliRunner().invoke(app, ["reconcile", "--json", *db]).stdout)
    assert reconciled["exceptions"][0]["decision"]["reason"] == "agreed"
