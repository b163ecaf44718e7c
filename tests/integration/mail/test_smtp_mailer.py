"""The SMTP mailer against a real server on loopback: plain, refusals, login, STARTTLS."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from closingdesk.adapters.mail import MailFailed, SmtpMailer, SmtpSettings
from closingdesk.adapters.mail_message import Attachment, compose
from tests.mail_scenarios import (
    PASSWORD,
    USER,
    attachments,
    free_port,
    prospectus_pdf,
    self_signed_tls,
    smtp_server,
)

NOW = datetime(2002, 3, 12, 16, 0, tzinfo=UTC)
# The login tests without STARTTLS exist to test the login; aiosmtpd rightly warns.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def letter(to: str, *files: Attachment) -> object:
    return compose(
        sender="Closing Desk <closing@issuer.example>",
        to_name="Alpha Fund, L.P.",
        to_address=to,
        subject="Your agreement",
        body="Your link: https://closing.example/p/T0KEN\n",
        attachments=files,
        now=NOW,
    )


def test_a_message_reaches_the_server_with_its_attachment_and_the_reply_is_kept() -> None:
    pdf = prospectus_pdf()
    with smtp_server() as server, SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        reply = mailer.send(letter("ops@alpha.example", Attachment("b.pdf", pdf)))
    assert reply == "250 2.0.0 OK queued as Q0001"
    [received] = server.mailbox.to("ops@alpha.example")
    assert received["To"] == '"Alpha Fund, L.P." <ops@alpha.example>'
    assert received["From"] == "Closing Desk <closing@issuer.example>"
    assert attachments(received) == {"b.pdf": pdf}


def test_one_connection_carries_many_messages() -> None:
    with smtp_server() as server, SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        replies = [mailer.send(letter(f"p{i}@fund.example")) for i in range(3)]
    assert replies[-1].endswith("Q0003") and len(server.mailbox.received) == 3


def test_a_refused_recipient_fails_that_message_only() -> None:
    with smtp_server() as server, SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        server.mailbox.refuse.add("gone@fund.example")
        with pytest.raises(MailFailed) as refused:
            mailer.send(letter("gone@fund.example"))
        mailer.send(letter("ops@alpha.example"))
    assert not refused.value.affects_all
    assert "550 5.1.1 <gone@fund.example>: mailbox unavailable" in refused.value.reason
    assert [rcpt for _, rcpt in server.mailbox.received] == [["ops@alpha.example"]]


def test_a_server_that_is_not_there_fails_every_message() -> None:
    settings = SmtpSettings("127.0.0.1", free_port(), timeout=5)
    with SmtpMailer(settings) as mailer, pytest.raises(MailFailed) as failed:
        mailer.send(letter("ops@alpha.example"))
    assert failed.value.affects_all
    assert "connecting" in failed.value.reason and "refused" in failed.value.reason.lower()


def test_login_is_sent_when_a_user_is_configured() -> None:
    with smtp_server(login=True) as server:
        settings = SmtpSettings(server.host, server.port, user=USER, password=PASSWORD)
        with SmtpMailer(settings) as mailer:
            mailer.send(letter("ops@alpha.example"))
    assert len(server.mailbox.received) == 1


def test_a_wrong_password_is_reported_as_the_servers_refusal_of_the_login() -> None:
    with smtp_server(login=True) as server:
        settings = SmtpSettings(server.host, server.port, user=USER, password="wrong")
        with SmtpMailer(settings) as mailer, pytest.raises(MailFailed) as failed:
            mailer.send(letter("ops@alpha.example"))
    assert failed.value.affects_all and f"login as {USER}" in failed.value.reason
    assert "535" in failed.value.reason and not server.mailbox.received


def test_without_login_a_server_that_requires_it_refuses_the_sender() -> None:
    with smtp_server(login=True) as server:
        settings = SmtpSettings(server.host, server.port)
        with SmtpMailer(settings) as mailer, pytest.raises(MailFailed) as failed:
            mailer.send(letter("ops@alpha.example"))
    assert failed.value.affects_all and "530" in failed.value.reason


def test_starttls_then_login_over_the_encrypted_connection(tmp_path: Path) -> None:
    tls = self_signed_tls(tmp_path)
    with smtp_server(login=True, starttls=tls) as server:
        settings = SmtpSettings(
            server.host, server.port, user=USER, password=PASSWORD, starttls=True, cafile=tls.cafile
        )
        with SmtpMailer(settings) as mailer:
            mailer.send(letter("ops@alpha.example"))
    assert len(server.mailbox.received) == 1


def test_starttls_refuses_a_certificate_it_does_not_trust(tmp_path: Path) -> None:
    with smtp_server(starttls=self_signed_tls(tmp_path)) as server:
        settings = SmtpSettings(server.host, server.port, starttls=True)
        with SmtpMailer(settings) as mailer, pytest.raises(MailFailed) as failed:
            mailer.send(letter("ops@alpha.example"))
    assert "STARTTLS" in failed.value.reason and "TLS failed" in failed.value.reason
    assert not server.mailbox.received
