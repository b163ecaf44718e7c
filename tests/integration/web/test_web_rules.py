"""The rules the deal room shares with the CLI and the API (issue 12): which actions a bank
line allows, settling one purchaser who is not ready, settling sends the mail, and the
original warrant overdue."""

from __future__ import annotations

import re
from pathlib import Path

from tests.http_scenarios import Closing
from tests.integration.web.helpers import OFFERING, event_count, submit
from tests.wire_action_scenarios import ALLOWED, LATE, RETURNED, UNKNOWN, one_of_each

FUNDING = f"{OFFERING}/funding"


def shown_actions(page: str) -> dict[int, list[str]]:
    """transaction id -> the actions its row in the exceptions queue says it allows."""
    rows = re.findall(r'<tr class="exception"[^>]*data-transaction="(\d+)">(.*?)</tr>', page, re.S)
    found: dict[int, list[str]] = {}
    for txn, row in rows:
        said = re.search(r'data-actions="([^"]*)"', row)
        assert said is not None, row
        found[int(txn)] = said.group(1).split()
    return found


def test_the_page_offers_exactly_what_each_line_allows(closing: Closing, tmp_path: Path) -> None:
    one_of_each(closing.engine, tmp_path)
    agent = closing.signed_in("agent").get(FUNDING).text
    assert shown_actions(agent) == ALLOWED
    assert f'action="{FUNDING}/transactions/{RETURNED}/unmatch"' not in agent
    assert f'action="{FUNDING}/transactions/{RETURNED}/refund"' not in agent
    assert f'action="{FUNDING}/transactions/{RETURNED}/acknowledge-return"' in agent
    assert f'action="{FUNDING}/transactions/{LATE}/accept-late"' in agent
    assert f'action="{FUNDING}/transactions/{UNKNOWN}/void"' not in agent  # admins void
    admin = closing.signed_in("admin").get(FUNDING).text
    assert f'action="{FUNDING}/transactions/{UNKNOWN}/void"' in admin


def test_the_page_refuses_what_a_line_does_not_allow_in_the_rules_words(
    closing: Closing, tmp_path: Path
) -> None:
    one_of_each(closing.engine, tmp_path)
    agent = closing.signed_in("agent")
    before = event_count(closing.engine)
    refused = submit(agent, FUNDING, f"{FUNDING}/transactions/{RETURNED}/unmatch")
    assert refused.status_code == 409
    assert "was returned by the bank: it cannot be unmatched" in refused.text
    assert event_count(closing.engine) == before


def test_a_late_wire_is_accepted_and_a_return_acknowledged_from_the_page(
    closing: Closing, tmp_path: Path
) -> None:
    one_of_each(closing.engine, tmp_path)
    agent = closing.signed_in("agent")
    late = submit(agent, FUNDING, f"{FUNDING}/transactions/{LATE}/accept-late", {"reason": "ok"})
    assert late.status_code == 303, late.text
    back = submit(
        agent, FUNDING, f"{FUNDING}/transactions/{RETURNED}/acknowledge-return", {"reason": "ok"}
    )
    assert back.status_code == 303, back.text
    page = agent.get(FUNDING).text
    assert f"The return of wire {RETURNED} was acknowledged." in page
    assert shown_actions(page)[LATE] == ["unmatch", "refund"]
    again = submit(agent, FUNDING, f"{FUNDING}/transactions/{LATE}/accept-late", {"reason": "x"})
    assert again.status_code == 409 and "no open late exception" in again.text
