"""The demo dates its agreement the day it runs, so its deadlines mean something."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from closingdesk.services.demo import build_demo


def test_the_demo_dates_the_agreement_and_its_warrants_the_day_it_runs(tmp_path: Path) -> None:
    run_at = datetime(2026, 12, 7, 19, 0, tzinfo=UTC)  # 11:00 in California, a Monday
    demo = build_demo(tmp_path, actor="test", now=run_at)
    assert demo.status.offering.terms.agreement_date == date(2026, 12, 7)
    settled = demo.settlement.run.settled
    assert settled and all(s.issue_date == date(2026, 12, 7) for s in settled)
    form = (tmp_path / "agreements" / "neotherapeutics-2002-form.txt").read_text()
    assert "made as of December 7, 2026" in " ".join(form.split())
