"""The rules the deal room shares with the CLI and the API (issue 12): which actions a bank
line allows, settling one purchaser who is not ready, settling sends the mail, and the
original warrant overdue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from closingdesk.adapters.mail import SmtpSettings
from closingdesk.interfaces.mail_config import MailConfig
from closingdesk.services.settlement.settlement_view import settlement_overview
from tests.http_scenarios import Closing
from tests.integration.web.helpers import OFFERING, event_count, submit
from tests.mail_scenarios import smtp_server
from tests.scenarios import NOW
from tests.settle_rule_scenarios import (
    ALPHA_EMAIL,
    GAMMA,
    SENDER,
    TRANSFER_AGENT_EMAIL,
    original_delivered,
    recipients,
    settled_without_mail,
    settlement_deal,
)
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


SETTLEMENT = f"{OFFERING}/settlement"


@pytest.fixture
def deal(database_url: str, tmp_path: Path) -> Closing:
    return settlement_deal(database_url, tmp_path)


def test_settling_one_purchaser_who_is_not_ready_is_refused_on_the_page_with_every_reason(
    deal: Closing,
) -> None:
    admin = deal.signed_in("admin")
    before = event_count(deal.engine)
    refused = submit(admin, SETTLEMENT, SETTLEMENT, {"purchaser_id": str(GAMMA)})
    assert refused.status_code == 409, refused.text
    assert f"purchaser {GAMMA} is not ready to settle" in refused.text.lower()
    assert f"purchaser {GAMMA} (Gamma Trust)" in refused.text and "has not signed" in refused.text
    assert event_count(deal.engine) == before
    assert settlement_overview(deal.engine, offering=None, now=NOW).settled == ()


def test_settling_from_the_page_sends_what_settlement_owes_even_when_nobody_new_is_ready(
    database_url: str, tmp_path: Path
) -> None:
    with smtp_server() as server:
        mail = MailConfig(SmtpSettings(server.host, server.port), SENDER)
        deal = settlement_deal(database_url, tmp_path, mail)
        settled_without_mail(deal)
        admin = deal.signed_in("admin")
        done = submit(admin, SETTLEMENT, SETTLEMENT)
        assert done.status_code == 303, done.text
        assert {TRANSFER_AGENT_EMAIL, ALPHA_EMAIL} <= recipients(server.mailbox.received)
        page = admin.get(done.headers["location"]).text
        assert "Nobody is ready: nothing was settled." in page and "messages sent" in page


def test_the_page_flags_an_original_warrant_overdue_until_it_is_delivered(deal: Closing) -> None:
    settled_without_mail(deal)
    original_delivered(deal, "W-0002")
    page = deal.signed_in("viewer").get(SETTLEMENT).text
    rows = dict(re.findall(r'<tr data-warrant="(W-\d+)">(.*?)</tr>', page, re.S))
    assert 'data-original="overdue"' in rows["W-0001"]
    assert 'data-original="overdue"' not in rows["W-0002"]
