"""The settlement page: deadlines with the time left (missed ones flagged), who is ready and
who is not with every reason, settling (admins only), the originals' dispatch and the
transfer agent's confirmations, and the place of the closing binder."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from closingdesk.adapters.mail import SmtpSettings
from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.interfaces.mail_config import MailConfig
from closingdesk.services.binder.build import verify_binder
from closingdesk.services.people.team import add_user
from closingdesk.services.settlement.settlement_view import settlement_overview
from tests.http_scenarios import PASSWORD, ROLES, Closing
from tests.integration.web.helpers import OFFERING, event_count, submit
from tests.mail_scenarios import smtp_server
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import closing as settlement_closing
from tests.settlement_scenarios import paid, signed

SETTLEMENT = f"{OFFERING}/settlement"


@pytest.fixture
def deal(database_url: str, tmp_path: Path) -> Closing:
    """Terms with a CUSIP and a transfer agent; Alpha and Beta signed and paid; Gamma not."""
    app = create_app(Settings(database_url=database_url))
    engine = app.state.engine
    settlement_closing(engine, tmp_path)
    signed(engine, 1, 2)
    paid(engine, tmp_path, 1, 2)
    for role in ROLES:
        add_user(
            engine, f"{role}@closing.example", role=role, password=PASSWORD, actor=ACTOR, now=NOW
        )
    return Closing(app, engine, {})


def settled(deal: Closing) -> list[str]:
    overview = settlement_overview(deal.engine, offering=None, now=NOW)
    return [s.warrant_number for s in overview.settled]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_settlement_page(deal: Closing, role: str) -> None:
    page = deal.signed_in(role).get(SETTLEMENT)
    assert page.status_code == 200
    assert "Ready to settle" in page.text and "Alpha Fund" in page.text
    may_build = role in ("admin", "counsel")
    assert (f'action="{OFFERING}/binder"' in page.text) == may_build
    assert ("Settle 2 ready purchasers" in page.text) == (role == "admin")


def test_a_purchaser_not_ready_is_shown_with_every_reason(deal: Closing) -> None:
    page = deal.signed_in("viewer").get(SETTLEMENT).text
    gamma = page[page.index('<li data-purchaser="3">') :]
    gamma = gamma[: gamma.index("</ul>")]
    reasons = re.findall(r"<li>(.*?)</li>", gamma)
    expected = next(
        n.reasons for n in settlement_overview(deal.engine, offering=None, now=NOW).not_ready
    )
    assert len(reasons) == len(expected) >= 3


def test_the_missed_funding_deadline_is_flagged(deal: Closing) -> None:
    page = deal.signed_in("viewer").get(SETTLEMENT).text
    row = re.search(r'<tr class="deadline missed" data-deadline="funding">.*?</tr>', page, re.S)
    assert row is not None
    assert "1 of 3 purchasers not funded" in row.group(0) and "Missed" in row.group(0)
    assert re.search(r"missed by \d+ years?", row.group(0))


def test_only_an_admin_may_settle(deal: Closing) -> None:
    before = event_count(deal.engine)
    for role in ("viewer", "agent", "counsel"):
        client = deal.signed_in(role)
        assert submit(client, SETTLEMENT, SETTLEMENT).status_code == 403
    admin = deal.signed_in("admin")
    without_token = admin.post(SETTLEMENT, follow_redirects=False)
    assert without_token.status_code == 403 and "security token" in without_token.text
    assert event_count(deal.engine) == before and settled(deal) == []


def test_an_admin_settles_the_ready_purchasers_from_the_page(deal: Closing) -> None:
    admin = deal.signed_in("admin")
    response = submit(admin, SETTLEMENT, SETTLEMENT)
    assert response.status_code == 303
    assert settled(deal) == ["W-0001", "W-0002"]
    page = admin.get(response.headers["location"]).text
    assert "Settled 2 purchasers: warrants W-0001, W-0002." in page
    overview = settlement_overview(deal.engine, offering=None, now=NOW)
    for s in overview.settled:
        assert (
            f'<a href="/documents/{s.document_id}" class="warrant-number">{s.warrant_number}</a>'
            in page
        )
    assert "Record dispatch" in page and "Record confirmation" in page
    assert "Settle " not in page and "Nobody is ready" in page
    letter = overview.runs[0]["letter_document_id"]
    assert admin.get(f"/documents/{letter}").headers["content-type"] == "application/pdf"
    workbook = overview.runs[0]["xlsx_document_id"]
    assert f'<a href="/documents/{workbook}">XLSX</a>' in page
    assert admin.get(f"/documents/{workbook}").headers["content-type"].endswith("sheet")
    again = submit(admin, SETTLEMENT, SETTLEMENT)
    assert "Nobody is ready: nothing was settled." in admin.get(again.headers["location"]).text
    assert settled(deal) == ["W-0001", "W-0002"]


def test_the_original_is_dispatched_and_the_credit_confirmed_from_the_page(deal: Closing) -> None:
    admin = deal.signed_in("admin")
    submit(admin, SETTLEMENT, SETTLEMENT)
    dispatched = submit(
        admin,
        SETTLEMENT,
        f"{SETTLEMENT}/warrants/W-0001/dispatch",
        {"carrier": "FedEx", "tracking": "7749 0001"},
    )
    assert dispatched.status_code == 303
    wrong = submit(admin, SETTLEMENT, f"{SETTLEMENT}/purchasers/1/confirmation", {"shares": "999"})
    assert wrong.status_code == 409
    assert "confirms 999 shares but 1,000,000 were instructed" in wrong.text
    confirmed = submit(
        admin,
        SETTLEMENT,
        f"{SETTLEMENT}/purchasers/1/confirmation",
        {"shares": "1,000,000", "reference": "DWAC-77"},
    )
    assert confirmed.status_code == 303
    alpha = next(s for s in settlement_overview(deal.engine, offering=None, now=NOW).settled)
    assert (alpha.carrier, alpha.tracking) == ("FedEx", "7749 0001")
    assert alpha.shares_confirmed and alpha.confirmation_reference == "DWAC-77"
    page = admin.get(SETTLEMENT).text
    assert "DWAC-77" in page and "FedEx 7749 0001" in page
    twice = submit(
        admin,
        SETTLEMENT,
        f"{SETTLEMENT}/warrants/W-0001/dispatch",
        {"carrier": "UPS", "tracking": "1Z"},
    )
    assert twice.status_code == 409 and "was dispatched at" in twice.text


def test_a_viewer_sees_the_settled_purchasers_but_no_forms(deal: Closing) -> None:
    submit(deal.signed_in("admin"), SETTLEMENT, SETTLEMENT)
    viewer = deal.signed_in("viewer")
    page = viewer.get(SETTLEMENT).text
    assert "W-0001" in page and "Record dispatch" not in page and "Record confirmation" not in page
    refused = submit(
        viewer,
        SETTLEMENT,
        f"{SETTLEMENT}/warrants/W-0001/dispatch",
        {"carrier": "X", "tracking": "1"},
    )
    assert refused.status_code == 403


def test_counsel_builds_and_downloads_the_closing_binder(deal: Closing) -> None:
    counsel = deal.signed_in("counsel")
    settle_with = deal.signed_in("admin")
    submit(settle_with, SETTLEMENT, SETTLEMENT)
    response = submit(counsel, SETTLEMENT, f"{OFFERING}/binder")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "binder.pdf" in names and "MANIFEST.json" in names
    assert any(n.startswith("warrants/") for n in names)
    assert verify_binder(response.content, source="download.zip", engine=deal.engine) == []


def test_a_viewer_cannot_build_the_binder(deal: Closing) -> None:
    viewer = deal.signed_in("viewer")
    before = event_count(deal.engine)
    response = submit(viewer, SETTLEMENT, f"{OFFERING}/binder")
    assert response.status_code == 403
    assert event_count(deal.engine) == before


def test_settling_from_the_page_mails_the_transfer_agent_and_the_copies(
    database_url: str, tmp_path: Path
) -> None:
    with smtp_server() as server:
        mail = MailConfig(SmtpSettings(server.host, server.port), "closing@issuer.example")
        app = create_app(Settings(database_url=database_url, mail=mail))
        settlement_closing(app.state.engine, tmp_path)
        signed(app.state.engine, 1, 2)
        paid(app.state.engine, tmp_path, 1, 2)
        add_user(
            app.state.engine,
            "admin@closing.example",
            role="admin",
            password=PASSWORD,
            actor=ACTOR,
            now=NOW,
        )
        admin = Closing(app, app.state.engine, {}).signed_in("admin")
        response = submit(admin, SETTLEMENT, SETTLEMENT)
        assert response.status_code == 303
        page = admin.get(response.headers["location"]).text
        # the letter and Alpha's copy by e-mail; no fax gateway is set, so Alpha's fax and
        # Beta's (Beta's only means) cannot go: each is reported, never skipped in silence
        assert "2 of 4 messages sent; not sent: Alpha Fund, Beta Partners." in page
        assert server.mailbox.to("dwac@transfer-agent.example")
        assert server.mailbox.to("ops@alpha.example")
