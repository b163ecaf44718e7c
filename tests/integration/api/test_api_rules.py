"""The rules the API shares with the CLI and the deal room (issue 12): which actions a bank
line allows, settling one purchaser who is not ready, settling sends the mail, and the
original warrant overdue."""

from __future__ import annotations

from pathlib import Path

from closingdesk.services.audit import audit_log
from tests.http_scenarios import Closing
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
