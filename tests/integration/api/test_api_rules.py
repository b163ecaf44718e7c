"""The rules the API shares with the CLI and the deal room (issue 12): which actions a bank
line allows, settling one purchaser who is not ready, settling sends the mail, and the
original warrant overdue."""

from __future__ import annotations

from pathlib import Path

import pytest

from closingdesk.adapters.mail import SmtpSettings
from closingdesk.interfaces.mail_config import NO_SERVER, MailConfig
from closingdesk.services.audit.event_log import audit_log
from tests.http_scenarios import Closing
from tests.mail_scenarios import smtp_server
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
from tests.wire_action_scenarios import ALLOWED, RETURNED, actions_in, one_of_each

OFFERING = "/api/v1/offerings/neotherapeutics-2002"


def test_the_reconciliation_lists_what_each_line_allows_and_the_api_refuses_the_rest(
    closing: Closing, tmp_path: Path
) -> None:
    one_of_each(closing.engine, tmp_path)
    document = closing.client("viewer").get(f"{OFFERING}/funding").json()
    assert actions_in(document) == ALLOWED
    before = len(audit_log(closing.engine))
    refused = closing.client("agent").post(f"{OFFERING}/transactions/{RETURNED}/unmatch", json={})
    assert refused.status_code == 409
    assert "was returned by the bank: it cannot be unmatched" in refused.json()["detail"]
    assert len(audit_log(closing.engine)) == before


@pytest.fixture
def deal(database_url: str, tmp_path: Path) -> Closing:
    return settlement_deal(database_url, tmp_path)


def test_settling_one_purchaser_who_is_not_ready_answers_409_with_every_reason(
    deal: Closing,
) -> None:
    before = len(audit_log(deal.engine))
    refused = deal.client("admin").post(f"{OFFERING}/settlement", json={"purchaser_id": GAMMA})
    assert refused.status_code == 409, refused.text
    body = refused.json()
    assert f"purchaser {GAMMA} is not ready to settle" in body["detail"]
    [problem] = body["problems"]
    assert problem["where"] == f"purchaser {GAMMA} (Gamma Trust)"
    assert "has not signed" in problem["what"]
    assert len(audit_log(deal.engine)) == before
    assert deal.client("viewer").get(f"{OFFERING}/settlement").json()["warrants"] == []


def test_settling_over_the_api_sends_the_mail_when_a_server_is_set(
    database_url: str, tmp_path: Path
) -> None:
    with smtp_server() as server:
        mail = MailConfig(SmtpSettings(server.host, server.port), SENDER)
        deal = settlement_deal(database_url, tmp_path, mail)
        response = deal.client("admin").post(f"{OFFERING}/settlement", json={})
        assert response.status_code == 200, response.text
        body = response.json()
        assert [s["purchaser_id"] for s in body["settled"]] == [1, 2]
        assert body["mail"] == "sent"
        sent = {(d["kind"], d["sent_to"]) for d in body["deliveries"] if d["status"] == "sent"}
        assert ("dwac_instruction", TRANSFER_AGENT_EMAIL) in sent
        assert ("warrant_copy", ALPHA_EMAIL) in sent
        assert {TRANSFER_AGENT_EMAIL, ALPHA_EMAIL} <= recipients(server.mailbox.received)


def test_without_a_mail_server_the_api_says_nothing_was_mailed(deal: Closing) -> None:
    body = deal.client("admin").post(f"{OFFERING}/settlement", json={}).json()
    assert body["mail"] == NO_SERVER and body["deliveries"] == []


def test_the_api_flags_an_original_warrant_overdue_until_it_is_delivered(deal: Closing) -> None:
    settled_without_mail(deal)
    original_delivered(deal, "W-0002")
    warrants = deal.client("viewer").get(f"{OFFERING}/settlement").json()["warrants"]
    assert {w["number"]: w["original_overdue"] for w in warrants} == {
        "W-0001": True,
        "W-0002": False,
    }
