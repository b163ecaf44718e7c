"""`closingdesk invitations send`: purchasers' links e-mailed through a real SMTP server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.e2e.cli_mail import cli
from tests.mail_scenarios import (
    PASSWORD,
    USER,
    SmtpServer,
    attachments,
    link_in,
    prospectus_pdf,
    self_signed_tls,
    smtp_server,
)
from tests.scenarios import book_file

BOOK = """\
name,shares,email
Alpha Fund,1000000,ops@alpha.example
Beta Partners,250000,treasury@beta.example
Gamma Trust,5000,
"""


@pytest.fixture
def db(database_url: str, tmp_path: Path) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=database_url).exit_code == 0
    assert (
        cli("purchasers", "import", str(book_file(tmp_path, BOOK)), db=database_url).exit_code == 0
    )
    pdf = tmp_path / "424b5.pdf"
    pdf.write_bytes(prospectus_pdf())
    assert cli("documents", "add-prospectus", str(pdf), db=database_url).exit_code == 0
    return database_url


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with smtp_server() as running:
        yield running


def smtp_env(server: SmtpServer, **more: str) -> dict[str, str]:
    return {
        "CLOSINGDESK_PUBLIC_URL": "https://closing.example",
        "CLOSINGDESK_SMTP_HOST": server.host,
        "CLOSINGDESK_SMTP_PORT": str(server.port),
        "CLOSINGDESK_SMTP_FROM": "NeoTherapeutics <closing@neotherapeutics.example>",
        **more,
    }


def only(messages: list[EmailMessage]) -> EmailMessage:
    [message] = messages
    return message


def test_send_mails_each_purchaser_their_link_with_the_prospectus(
    db: str, server: SmtpServer
) -> None:
    result = cli("invitations", "send", "--json", db=db, env=smtp_env(server))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"sent": 2, "refused": 0, "skipped": 1, "not_tried": 0}
    assert [s["name"] for s in report["skipped"]] == ["Gamma Trust"]
    assert report["prospectus_attached"]["version"] == 1
    alpha = only(server.mailbox.to("ops@alpha.example"))
    assert alpha["To"] == "Alpha Fund <ops@alpha.example>"
    assert attachments(alpha) == {
        "prospectus-supplement-neotherapeutics-2002.pdf": prospectus_pdf()
    }
    assert link_in(alpha).startswith("https://closing.example/p/")
    assert "/p/" not in result.stdout  # the links went by mail, not to the terminal
    status = json.loads(cli("status", "--json", db=db).stdout)
    delivered = {p["name"]: p["checklist"]["prospectus_delivered"] for p in status["purchasers"]}
    assert delivered == {"Alpha Fund": True, "Beta Partners": True, "Gamma Trust": False}


def test_a_refusal_is_shown_and_exits_1_after_the_others_are_sent(
    db: str, server: SmtpServer
) -> None:
    server.mailbox.refuse.add("ops@alpha.example")
    result = cli("invitations", "send", db=db, env=smtp_env(server))
    assert result.exit_code == 1
    assert "refused: purchaser 1 Alpha Fund <ops@alpha.example>" in result.stderr
    assert "550 5.1.1" in result.stderr
    assert only(server.mailbox.to("treasury@beta.example"))
    audit = cli("audit", "log", "--json", db=db).stdout
    assert "invitation.refused" in audit and "invitation.sent" in audit


def test_one_purchaser_can_be_sent_again(db: str, server: SmtpServer) -> None:
    for _ in range(2):
        result = cli(
            "invitations", "send", "--purchaser", "2", "--json", db=db, env=smtp_env(server)
        )
        assert result.exit_code == 0, result.output
    links = {link_in(m) for m in server.mailbox.to("treasury@beta.example")}
    assert len(links) == 2 and not server.mailbox.to("ops@alpha.example")


def test_a_purchaser_without_an_address_cannot_be_sent_to(db: str, server: SmtpServer) -> None:
    result = cli("invitations", "send", "--purchaser", "3", db=db, env=smtp_env(server))
    assert result.exit_code == 1 and "no e-mail address" in result.stderr
    assert not server.mailbox.received


def test_missing_settings_are_refused_all_at_once_before_anything_is_sent(db: str) -> None:
    result = cli("invitations", "send", db=db, env={"CLOSINGDESK_SMTP_USER": USER})
    assert result.exit_code == 1
    for setting in ("--public-url", "--smtp-host", "--from", "CLOSINGDESK_SMTP_PASSWORD"):
        assert setting in result.stderr
    assert "invitation." not in cli("audit", "log", "--json", db=db).stdout


def test_starttls_and_login_from_the_environment(db: str, tmp_path: Path) -> None:
    tls = self_signed_tls(tmp_path)
    with smtp_server(login=True, starttls=tls) as server:
        env = smtp_env(
            server,
            CLOSINGDESK_SMTP_STARTTLS="1",
            CLOSINGDESK_SMTP_USER=USER,
            CLOSINGDESK_SMTP_PASSWORD=PASSWORD,
            CLOSINGDESK_SMTP_CAFILE=tls.cafile,
        )
        result = cli("invitations", "send", "--json", db=db, env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["sent"] == 2 and len(server.mailbox.received) == 2


def test_a_wrong_password_is_reported_and_the_rest_are_not_tried(db: str, tmp_path: Path) -> None:
    tls = self_signed_tls(tmp_path)
    with smtp_server(login=True, starttls=tls) as server:
        env = smtp_env(
            server,
            CLOSINGDESK_SMTP_USER=USER,
            CLOSINGDESK_SMTP_PASSWORD="wrong",
            CLOSINGDESK_SMTP_CAFILE=tls.cafile,
        )
        result = cli("invitations", "send", "--starttls", "--json", db=db, env=env)
    assert result.exit_code == 1
    counts = json.loads(result.stdout)["counts"]
    assert counts == {"sent": 0, "refused": 1, "skipped": 1, "not_tried": 1}
    assert "535" in result.stderr and not server.mailbox.received
