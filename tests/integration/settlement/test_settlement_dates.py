"""The warrant and the closing's deadlines run from the agreement date, not the settle day;
what is done late says which obligation and by how much."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.interfaces.cli.settlement_commands import settle_json
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.binder.build import build_binder
from closingdesk.services.settlement.settlement_view import settlement_overview
from closingdesk.services.settlement.settling import settle
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready

NINE_DAYS_LATER = NOW + timedelta(days=9)  # 2002-03-21 16:00 UTC


def test_a_warrant_settled_days_later_is_dated_the_agreement_date(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    run = settle(engine, offering=None, actor=ACTOR, now=NINE_DAYS_LATER)
    alpha = run.settled[0]
    assert alpha.issue_date.isoformat() == "2002-03-12"  # Exhibit A: "the date hereof"
    overview = settlement_overview(engine, offering=None, now=NINE_DAYS_LATER)
    [w] = [s for s in overview.settled if s.warrant_number == "W-0001"]
    assert w.issue_date == "2002-03-12"
    # the original: close of business (Irvine) on the next Fed business day after March 12
    assert w.original_due == "2002-03-13T17:00:00-08:00"


def test_settling_after_the_deadline_records_the_dwac_instruction_as_late(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    run = settle(engine, offering=None, actor=ACTOR, now=NINE_DAYS_LATER)
    document = settle_json(run, [], [], mailed=False)
    [alpha, _] = document["settled"]
    assert alpha["warrant_issue_date"] == "2002-03-12"
    assert alpha["due"] == {
        "warrant_copy": "2002-03-12T17:00:00-08:00",
        "dwac_instruction": "2002-03-12T17:00:00-08:00",
        "original_warrant": "2002-03-13T17:00:00-08:00",
    }
    # due 2002-03-13 01:00 UTC, done 2002-03-21 16:00 UTC: 8 days 15 hours, so 9 days late
    [late] = alpha["late"]
    assert (late["obligation"], late["days_late"], late["seconds_late"]) == (
        "DWAC instruction",
        9,
        8 * 86_400 + 15 * 3_600,
    )
    settled = [e for e in audit_log(engine, subject="purchaser:1") if e.kind == "purchaser.settled"]
    assert settled[0].payload["late"][0]["days_late"] == 9
    overview = settlement_overview(engine, offering=None, now=NINE_DAYS_LATER)
    lates = {(x.obligation, x.days) for s in overview.settled for x in s.late}
    assert lates == {("DWAC instruction", 9)}


def test_settling_on_time_records_nothing_late(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    run = settle(engine, offering=None, actor=ACTOR, now=NOW)
    assert all(not s["late"] for s in settle_json(run, [], [], mailed=False)["settled"])


def test_the_closing_memo_shows_the_dwac_instruction_done_late(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NINE_DAYS_LATER)
    build_binder(engine, tmp_path / "binder.pdf", offering=None, actor=ACTOR, now=NINE_DAYS_LATER)
    reader = PdfReader(tmp_path / "binder.pdf")
    memo = " ".join(" ".join(reader.pages[i].extract_text() for i in (1, 2)).split())
    assert "late DWAC instruction" in memo
    assert "9 day(s) late" in memo
