"""The same decision twice at once: countersigning, and the transfer agent's confirmation.
One is recorded, once; the other is told why not, never a traceback."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from closingdesk.services.settlement.settlement_records import Confirmation, confirm_shares
from closingdesk.services.settlement.settling import settle
from tests.integration.concurrency.races import race
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready
from tests.signature_scenarios import countersign_all, events, ready_closing, sign


def test_countersigning_twice_at_once_countersigns_each_purchaser_once(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path)
    sign(engine, ids.alpha)
    first, second = race(
        engine,
        lambda: countersign_all(engine),
        lambda: countersign_all(engine),
        at="INSERT INTO signatures",
    )
    assert first.error is None and second.error is None, (first, second)
    assert len(events(engine, ids.alpha, "agreement.countersigned")) == 1
    countersigned = [o.value.countersigned for o in (first, second)]
    assert sorted(countersigned, key=len) == [[], [ids.alpha]]
    loser = first.value if not countersigned[0] else second.value
    assert (ids.alpha, ["already countersigned"]) in loser.skipped


def test_the_transfer_agents_confirmation_recorded_twice_at_once_is_recorded_once(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)

    def confirm(reference: str) -> list[int]:
        row = Confirmation(1, 1_000_000, reference)
        return confirm_shares(engine, [row], offering=None, actor=ACTOR, now=NOW)

    first, second = race(
        engine, lambda: confirm("TA-1"), lambda: confirm("TA-2"), at="UPDATE dwac_instructions"
    )
    assert first.error is None and second.error is None, (first, second)
    [confirmed] = events(engine, 1, "shares.confirmed")
    assert first.value == [1] and confirmed.payload["reference"] == "TA-1"
    assert second.refusal is not None and "already confirmed" in str(second.refusal)
