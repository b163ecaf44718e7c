"""Decisions on funding exceptions through the API, beside the other decisions on a wire:
a late wire accepted (agents and admins, with a reason), shown in the reconciliation; and a
settled purchaser's money refused back (409)."""

from __future__ import annotations

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from tests.funding_scenarios import ACCOUNT, HEADER
from tests.http_scenarios import Closing

OFFERING = "/api/v1/offerings/neotherapeutics-2002"
# The close of business is 17:00 in Los Angeles.
LATE = HEADER + f"{ACCOUNT},2002-03-12,18:30,2000000.00,USD,ALPHA FUND,NEOTHERA-00001,FW001\n"
ON_TIME = LATE.replace("18:30", "10:15")


def upload(closing: Closing, content: str) -> None:
    files = {"file": ("bank.csv", content.encode(), "text/csv")}
    response = closing.client("agent").post(f"{OFFERING}/bank-files", files=files)
    assert response.status_code == 200, response.text


def test_an_agent_accepts_a_late_wire_with_a_reason_and_the_reconciliation_shows_it(
    closing: Closing,
) -> None:
    upload(closing, LATE)
    url = f"{OFFERING}/transactions/1/accept-late"
    assert closing.client("viewer").post(url, json={"reason": "ok"}).status_code == 403
    assert closing.client("agent").post(url, json={"reason": " "}).status_code == 422
    accepted = closing.client("agent").post(url, json={"reason": "the CFO agreed"})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["kind"] == "accept_late"
    again = closing.client("admin").post(url, json={"reason": "twice"})
    assert again.status_code == 409 and "no open late exception" in again.json()["detail"]
    [late] = closing.client("viewer").get(f"{OFFERING}/funding").json()["exceptions"]
    assert late["holds_settlement"] is False
    assert late["decision"]["reason"] == "the CFO agreed"


def test_acknowledging_a_return_that_did_not_happen_answers_409(closing: Closing) -> None:
    upload(closing, ON_TIME)
    response = closing.client("agent").post(
        f"{OFFERING}/transactions/1/acknowledge-return", json={"reason": "x"}
    )
    assert response.status_code == 409
    assert "no open returned exception" in response.json()["detail"]


def test_refunding_the_money_a_settled_purchaser_paid_with_answers_409(closing: Closing) -> None:
    upload(closing, ON_TIME)
    with UnitOfWork(closing.engine) as uow:  # settled (how is the settlement tests' business)
        uow.purchasers.set_checklist([1], "shares_instructed", done=True)
        uow.commit()
    response = closing.client("agent").post(
        f"{OFFERING}/transactions/1/refund", json={"reference": "OUT-1"}
    )
    assert response.status_code == 409, response.text
    assert "is settled" in response.json()["detail"]
    funding = closing.client("viewer").get(f"{OFFERING}/funding").json()
    assert funding["totals"]["received"] == "2000000.00"
