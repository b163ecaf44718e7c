"""The funding page: money received against expected, the exceptions queue worked from the
browser, the bank file upload with the same problems as the CLI, and the purchaser's own
page showing their reference and the wire that arrived."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from markupsafe import escape

from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.services.funding.bank_import import import_bank_file
from closingdesk.services.funding.reconciliation import funding_report
from closingdesk.services.signing.links import create_link
from tests.funding_scenarios import ACCOUNT, HEADER
from tests.http_scenarios import ROLES, Closing
from tests.integration.web.helpers import OFFERING, event_count, submit
from tests.scenarios import ACTOR, NOW

FUNDING = f"{OFFERING}/funding"
ALPHA_PAID = f"{ACCOUNT},2002-03-12,10:05,2000000.00,USD,ALPHA FUND,NEOTHERA-00001,FW001\n"
# Beta's price from someone the matcher cannot place: Beta is only suggested.
STRANGER = f"{ACCOUNT},2002-03-12,11:30,500000.00,USD,J SMITH,SUBSCRIPTION,FW002\n"
BAD_AMOUNT = textwrap.dedent(f"""\
    {ACCOUNT},2002-03-12,10:05,2000000.00,USD,ALPHA FUND,NEOTHERA-00001,FW001
    {ACCOUNT},2002-03-12,10:06,12x,USD,BETA PARTNERS,NEOTHERA-00002,FW002
    """)


def upload(
    closing: Closing, rows: str, *, role: str = "agent", name: str = "bank.csv"
) -> httpx.Response:
    client = closing.signed_in(role)
    files = {"bank_file": (name, (HEADER + rows).encode())}
    return submit(client, FUNDING, f"{FUNDING}/bank-files", files=files)


def state_of(closing: Closing, purchaser_id: int) -> str:
    report = funding_report(closing.engine, offering=None)
    return next(f.state for f in report.result.purchasers if f.purchaser_id == purchaser_id)


def transaction_id(closing: Closing, bank_reference: str) -> int:
    report = funding_report(closing.engine, offering=None)
    return next(
        t.id for t in report.transactions.values() if t.bank.bank_reference == bank_reference
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_funding_page(closing: Closing, role: str) -> None:
    page = closing.signed_in(role).get(FUNDING)
    assert page.status_code == 200
    for text in ("Alpha Fund", "NEOTHERA-00001", "$2,000,000.00", "$2,510,000.00", "No exceptions"):
        assert text in page.text
    assert page.text.count('data-state="unpaid"') == 3
    assert ">Funding</a>" in page.text and ">Settlement</a>" in page.text


def test_a_viewer_sees_no_action_buttons_and_is_refused_when_posting(
    closing: Closing,
) -> None:
    upload(closing, STRANGER)
    viewer = closing.signed_in("viewer")
    page = viewer.get(FUNDING).text
    assert "Beta Partners" in page and "amount is the exact purchase price" in page
    assert "Confirm match" not in page and "Import the bank file" not in page
    assert "Record the refund" not in page
    txn = transaction_id(closing, "FW002")
    refused = submit(viewer, FUNDING, f"{FUNDING}/transactions/{txn}/match", {"purchaser_id": "2"})
    assert refused.status_code == 403
    assert upload(closing, ALPHA_PAID, role="viewer").status_code == 403
    assert state_of(closing, 2) == "unpaid" and state_of(closing, 1) == "unpaid"


def test_forms_without_their_security_token_are_refused(closing: Closing) -> None:
    upload(closing, STRANGER)
    agent = closing.signed_in("agent")
    txn = transaction_id(closing, "FW002")
    before = event_count(closing.engine)
    match = agent.post(f"{FUNDING}/transactions/{txn}/match", data={"purchaser_id": "2"})
    files = {"bank_file": ("bank.csv", (HEADER + ALPHA_PAID).encode())}
    upload_without = agent.post(f"{FUNDING}/bank-files", files=files)
    refund = agent.post(f"{FUNDING}/transactions/{txn}/refund", data={"reference": "OUT-1"})
    assert [r.status_code for r in (match, upload_without, refund)] == [403, 403, 403]
    assert "security token" in match.text
    assert event_count(closing.engine) == before


def test_a_bank_file_with_a_bad_amount_shows_every_problem_the_cli_shows_and_imports_nothing(
    closing: Closing, tmp_path: Path
) -> None:
    path = tmp_path / "bank.csv"
    path.write_text(HEADER + BAD_AMOUNT, encoding="utf-8")
    with pytest.raises(InvalidInput) as cli:
        import_bank_file(closing.engine, path, offering=None, actor=ACTOR, now=NOW)
    expected = [Problem(p.where.replace(f"{tmp_path}/", ""), p.what) for p in cli.value.problems]
    before = event_count(closing.engine)
    response = upload(closing, BAD_AMOUNT)
    assert response.status_code == 422
    assert any(p.where.startswith("bank.csv row 3, column amount") for p in expected)
    for problem in expected:
        cells = f'<td class="nowrap">{escape(problem.where)}</td><td>{escape(problem.what)}</td>'
        assert cells in response.text
    assert response.text.count('<tr class="problem">') == len(expected)
    assert str(tmp_path) not in response.text
    assert event_count(closing.engine) == before
    assert not funding_report(closing.engine, offering=None).transactions


def test_a_good_bank_file_is_imported_and_moves_the_bar(closing: Closing) -> None:
    response = upload(closing, ALPHA_PAID + STRANGER)
    assert response.status_code == 200
    assert "bank.csv was imported (csv)" in response.text
    assert "2 transactions added" in response.text and "1 matched" in response.text
    assert 'aria-valuenow="79"' in response.text  # 2,000,000 of 2,510,000
    assert re.search(r'data-count="funded">1<', response.text)
    assert state_of(closing, 1) == "funded"


def test_confirming_a_suggested_match_funds_the_purchaser(closing: Closing) -> None:
    upload(closing, STRANGER)
    txn = transaction_id(closing, "FW002")
    agent = closing.signed_in("agent")
    page = agent.get(FUNDING).text
    assert f'action="{FUNDING}/transactions/{txn}/match"' in page
    assert 'data-kind="unknown"' in page
    response = submit(agent, FUNDING, f"{FUNDING}/transactions/{txn}/match", {"purchaser_id": "2"})
    assert response.status_code == 303
    assert state_of(closing, 2) == "funded"
    after = agent.get(response.headers["location"]).text
    assert f"Transaction {txn} was matched to purchaser 2." in after
    assert "Now funded: purchaser 2." in after
    assert 'data-kind="unknown"' not in after
    assert "Now funded" not in agent.get(FUNDING).text  # the message shows once


def test_a_match_is_undone_from_the_purchasers_row(closing: Closing) -> None:
    upload(closing, ALPHA_PAID)
    txn = transaction_id(closing, "FW001")
    agent = closing.signed_in("agent")
    response = submit(agent, FUNDING, f"{FUNDING}/transactions/{txn}/unmatch")
    assert response.status_code == 303
    assert state_of(closing, 1) == "unpaid"
    assert "No longer funded: purchaser 1." in agent.get(FUNDING).text


def test_matching_money_already_matched_is_refused_on_the_page(closing: Closing) -> None:
    upload(closing, ALPHA_PAID)
    txn = transaction_id(closing, "FW001")
    before = event_count(closing.engine)
    response = submit(
        closing.signed_in("admin"),
        FUNDING,
        f"{FUNDING}/transactions/{txn}/match",
        {"purchaser_id": "2"},
    )
    assert response.status_code == 409
    assert "already matched to purchaser 1" in response.text
    assert 'id="problems"' in response.text and "<h1>Funding</h1>" in response.text
    assert event_count(closing.engine) == before


def test_a_refund_is_recorded_with_its_reference_and_a_bad_amount_is_refused(
    closing: Closing,
) -> None:
    upload(closing, STRANGER)
    txn = transaction_id(closing, "FW002")
    agent = closing.signed_in("agent")
    action = f"{FUNDING}/transactions/{txn}/refund"
    bad = submit(agent, FUNDING, action, {"reference": "OUT-7", "amount": "12x"})
    assert bad.status_code == 422 and "is not an amount like 1250.00" in bad.text
    done = submit(agent, FUNDING, action, {"reference": "OUT-7", "amount": "500,000.00"})
    assert done.status_code == 303
    stored = funding_report(closing.engine, offering=None).transactions[txn]
    assert stored.refund_reference == "OUT-7" and str(stored.refunded_amount) == "500000.00"
    assert f"The refund of transaction {txn} was recorded (OUT-7)." in agent.get(FUNDING).text


def test_the_purchasers_page_shows_the_reference_then_the_wire_that_arrived(
    closing: Closing,
) -> None:
    issued = create_link(
        closing.engine,
        1,
        offering=None,
        link_key=closing.app.state.link_key,
        actor=ACTOR,
        now=datetime.now(UTC),
    )
    purchaser = closing.client()
    before = purchaser.get(f"/p/{issued.token}").text
    assert "NEOTHERA-00001" in before and 'data-payment="unpaid"' in before
    assert "No wire from you has been matched yet" in before
    upload(closing, f"{ACCOUNT},2002-03-12,10:05,1500000.00,USD,ALPHA FUND,NEOTHERA-00001,F1\n")
    short = purchaser.get(f"/p/{issued.token}").text
    assert "Your wire of $1,500,000.00 arrived on Tuesday, March 12, 2002." in short
    assert "$500,000.00 is still to come" in short
    upload(closing, f"{ACCOUNT},2002-03-12,11:05,500000.00,USD,ALPHA FUND,NEOTHERA-00001,F2\n")
    paid = purchaser.get(f"/p/{issued.token}").text
    assert 'data-payment="funded"' in paid and "paid in full" in paid
    assert paid.count("arrived on Tuesday, March 12, 2002.") == 2


def test_the_exceptions_queue_shows_the_decision_that_closed_a_late_wire(closing: Closing) -> None:
    from closingdesk.services.funding.exception_decisions import accept_late_wire

    upload(closing, ALPHA_PAID.replace("10:05", "18:30"))
    accept_late_wire(
        closing.engine, 1, reason="the CFO agreed", offering=None, actor=ACTOR, now=NOW
    )
    page = closing.signed_in("viewer").get(FUNDING)
    assert page.status_code == 200
    assert "(accept late) by test: the CFO agreed" in page.text
