"""Funding through the API: a bank file uploaded, the reconciliation read, a wire matched."""

from __future__ import annotations

from tests.funding_scenarios import ACCOUNT, HEADER
from tests.http_scenarios import Closing

OFFERING = "/api/v1/offerings/neotherapeutics-2002"

WIRES = HEADER + (
    f"{ACCOUNT},2002-03-12,10:15,2000000.00,USD,ALPHA FUND,NEOTHERA-00001,FW001\n"
    f"{ACCOUNT},2002-03-12,10:20,10000.00,USD,OMEGA HOLDINGS,wire,FW002\n"
)


def upload(closing: Closing, content: str, role: str = "agent") -> object:
    files = {"file": ("bank.csv", content.encode(), "text/csv")}
    return closing.client(role).post(f"{OFFERING}/bank-files", files=files)


def test_an_uploaded_bank_file_is_matched_and_reconciled(closing: Closing) -> None:
    response = upload(closing, WIRES)
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    assert response.json()["matched"] == 1  # type: ignore[attr-defined]
    funding = closing.client("viewer").get(f"{OFFERING}/funding").json()
    states = {p["name"]: p["state"] for p in funding["purchasers"]}
    assert states["Alpha Fund"] == "funded"
    assert funding["totals"]["received"] == "2000000.00"
    assert [e["kind"] for e in funding["exceptions"]] == ["unknown"]
    [unplaced] = funding["unmatched"]
    assert unplaced["amount"] == "10000.00"


def test_a_person_matches_the_unknown_wire_and_a_second_match_conflicts(closing: Closing) -> None:
    upload(closing, WIRES)
    client = closing.client("agent")
    gamma = next(
        p
        for p in client.get(f"{OFFERING}/funding").json()["purchasers"]
        if p["name"] == "Gamma Trust"
    )
    matched = client.post(
        f"{OFFERING}/transactions/2/match", json={"purchaser_id": gamma["id"], "reason": "phoned"}
    )
    assert matched.status_code == 200, matched.text
    assert matched.json()["funded"] == [gamma["id"]]
    again = client.post(f"{OFFERING}/transactions/2/match", json={"purchaser_id": 1})
    assert again.status_code == 409
    assert "already matched" in again.json()["detail"]


def test_a_malformed_bank_file_answers_422_and_changes_nothing(closing: Closing) -> None:
    bad = HEADER + f"{ACCOUNT},2002-13-45,10:15,12x,USD,A,B,C\n"
    response = upload(closing, bad)
    assert response.status_code == 422  # type: ignore[attr-defined]
    wheres = [p["where"] for p in response.json()["problems"]]  # type: ignore[attr-defined]
    assert "bank.csv row 2, column amount" in wheres
    funding = closing.client("viewer").get(f"{OFFERING}/funding").json()
    assert funding["totals"]["received"] == "0.00"


def test_a_file_contradicting_its_balances_is_422_unless_accepted_and_then_shown(
    closing: Closing,
) -> None:
    statement = (
        ":20:S1\n:25:561-04051-19-103\n:60F:C020311USD0,00\n"
        ":61:0203120312C10,00NTRFNONREF\n:62F:C020312USD11,00\n"
    )
    files = {"file": ("s.940", statement.encode(), "text/plain")}
    client = closing.client("agent")
    assert client.post(f"{OFFERING}/bank-files", files=files).status_code == 422
    accepted = client.post(f"{OFFERING}/bank-files?accept_bad_totals=true", files=files)
    assert accepted.status_code == 200, accepted.text
    funding = closing.client("viewer").get(f"{OFFERING}/funding").json()
    [shown] = funding["bank_files"]
    assert "the closing balance is 11.00 USD" in shown["warnings"][0]
