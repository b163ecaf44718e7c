"""After settlement the Purchase Price that paid for the shares stays (issue 9, item 3): a
refund or unmatch that would take it back is refused; money over it may go back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from closingdesk.domain.problems import Conflict
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.funding.funding_decisions import mark_refunded, unmatch_wire
from closingdesk.services.funding.reconciliation import funding_report
from closingdesk.services.settlement.settling import settle
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready

ALPHA_WIRE = 1
ALPHA_EXTRA = f"{ACCOUNT},2002-03-12,11:00,500.00,USD,Payer 1,NEOTHERA-00001,FW901\n"


def _settled_alpha(engine: Engine, folder: Path) -> None:
    ready(engine, folder)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert [s.purchaser_id for s in run.settled] == [1, 2]


def _alpha(engine: Engine) -> tuple[Decimal, str]:
    [alpha] = [
        p for p in funding_report(engine, offering=None).result.purchasers if p.purchaser_id == 1
    ]
    return alpha.received, alpha.state


def test_refunding_a_settled_purchasers_whole_wire_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    _settled_alpha(engine, tmp_path)
    with pytest.raises(Conflict, match=r"only the excess over it, \$0\.00"):
        mark_refunded(engine, ALPHA_WIRE, reference="OUT-1", offering=None, actor=ACTOR, now=NOW)
    with pytest.raises(Conflict, match="is settled"):
        mark_refunded(
            engine,
            ALPHA_WIRE,
            reference="OUT-1",
            amount=Decimal("0.01"),
            offering=None,
            actor=ACTOR,
            now=NOW,
        )
    assert _alpha(engine) == (Decimal("2000000.00"), "funded")


def test_only_the_excess_over_the_price_of_a_settled_purchaser_may_be_refunded(
    engine: Engine, tmp_path: Path
) -> None:
    _settled_alpha(engine, tmp_path)
    import_rows(engine, tmp_path, ALPHA_EXTRA, name="late-extra.csv")
    assert _alpha(engine) == (Decimal("2000500.00"), "over")
    with pytest.raises(Conflict, match=r"only the excess over it, \$500\.00"):
        mark_refunded(
            engine,
            ALPHA_WIRE,
            reference="OUT-1",
            amount=Decimal("500.01"),
            offering=None,
            actor=ACTOR,
            now=NOW,
        )
    mark_refunded(
        engine,
        ALPHA_WIRE,
        reference="OUT-2",
        amount=Decimal("500.00"),
        offering=None,
        actor=ACTOR,
        now=NOW,
    )
    assert _alpha(engine) == (Decimal("2000000.00"), "funded")


def test_unmatching_a_settled_purchasers_wire_is_refused_but_an_extra_one_may_go(
    engine: Engine, tmp_path: Path
) -> None:
    _settled_alpha(engine, tmp_path)
    import_rows(engine, tmp_path, ALPHA_EXTRA, name="late-extra.csv")
    with pytest.raises(Conflict, match="is settled"):
        unmatch_wire(engine, ALPHA_WIRE, offering=None, actor=ACTOR, now=NOW)
    unmatch_wire(engine, 3, offering=None, actor=ACTOR, now=NOW, reason="not theirs")
    assert _alpha(engine) == (Decimal("2000000.00"), "funded")


def test_the_command_line_refuses_the_refund_with_exit_status_1(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    _settled_alpha(engine, tmp_path)
    args = ["funding", "mark-refunded", str(ALPHA_WIRE), "--reference", "OUT-1"]
    result = CliRunner().invoke(build_app(), [*args, "--db", database_url])
    assert result.exit_code == 1, result.output
    assert "is settled" in result.output and "Traceback" not in result.output
    assert _alpha(engine) == (Decimal("2000000.00"), "funded")
