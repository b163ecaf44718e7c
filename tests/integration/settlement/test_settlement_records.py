"""After settling: the transfer agent's confirmations and the originals' dispatch."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.services.settlement.settlement_records import (
    Confirmation,
    confirm_shares,
    dispatch_original,
    read_confirmations,
)
from closingdesk.services.settlement.settlement_view import settlement_overview
from closingdesk.services.settlement.settling import settle
from closingdesk.services.status import closing_status
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready


def _checklist(engine: Engine, key: str) -> dict[int, bool]:
    return {p.id: p.checklist[key] for p in closing_status(engine, offering=None).purchasers}


def test_the_transfer_agents_file_confirms_the_credits(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    file = tmp_path / "confirmations.csv"
    file.write_text("purchaser_id,shares,reference\n1,1000000,TA-1\n2,250000,TA-2\n")
    confirm_shares(
        engine, read_confirmations(file), offering=None, actor=ACTOR, now=NOW, source=str(file)
    )
    assert _checklist(engine, "shares_confirmed") == {1: True, 2: True, 3: False}


def test_one_wrong_row_refuses_the_whole_confirmation_file(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    rows = [
        Confirmation(1, 1000000, "TA-1"),
        Confirmation(2, 250001, "TA-2"),
        Confirmation(3, 5000, "TA-3"),
    ]
    with pytest.raises(Conflict) as refused:
        confirm_shares(engine, rows, offering=None, actor=ACTOR, now=NOW, source="ta.csv")
    assert [p.where for p in refused.value.problems] == ["ta.csv row 3", "ta.csv row 4"]
    assert _checklist(engine, "shares_confirmed") == {1: False, 2: False, 3: False}


def test_a_malformed_confirmation_file_names_row_and_column(tmp_path: Path) -> None:
    file = tmp_path / "ta.csv"
    file.write_text("purchaser_id,shares\n1,one million\n")
    with pytest.raises(InvalidInput) as refused:
        read_confirmations(file, source="ta.csv")
    assert [str(p) for p in refused.value.problems] == [
        "ta.csv row 2, column shares: must be a whole number"
    ]


def test_dispatching_the_original_in_time_and_late(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    on_time = dispatch_original(
        engine,
        "w-1",
        carrier="FedEx",
        tracking="7712",
        offering=None,
        actor=ACTOR,
        now=NOW + timedelta(hours=2),
    )
    assert (on_time.number, on_time.late) == ("W-0001", False)
    late = dispatch_original(
        engine,
        "W-0002",
        carrier="UPS",
        tracking="1Z9",
        offering=None,
        actor=ACTOR,
        now=NOW + timedelta(days=3),
    )
    assert late.late
    with pytest.raises(Conflict, match="was dispatched at"):
        dispatch_original(
            engine, "W-0001", carrier="FedEx", tracking="7712", offering=None, actor=ACTOR, now=NOW
        )
    with pytest.raises(NotFound):
        dispatch_original(
            engine, "W-0099", carrier="FedEx", tracking="1", offering=None, actor=ACTOR, now=NOW
        )
    # dispatched is not delivered: the carrier's evidence is (services.original_deliveries)
    assert _checklist(engine, "warrant_original_delivered") == {1: False, 2: False, 3: False}


def test_an_original_not_dispatched_by_its_deadline_is_flagged(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    before = settlement_overview(engine, offering=None, now=NOW + timedelta(hours=1))
    after = settlement_overview(engine, offering=None, now=NOW + timedelta(days=2))
    originals = [d for d in before.deadlines if d.name == "original warrant"]
    assert [d.missed for d in originals] == [False, False]
    assert all(d.seconds_left > 0 for d in originals)
    assert [d.missed for d in after.deadlines if d.name == "original warrant"] == [True, True]
