"""Settlement's mail, through a real SMTP server on loopback: the transfer agent's
instruction, each settled purchaser's confirmation with a copy of the warrant, notices."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.documents.notices import send_notice
from closingdesk.services.settlement.settlement_mail import (
    Mailing,
    send_instructions,
    send_warrant_copies,
)
from closingdesk.services.settlement.settling import settle
from closingdesk.services.status import closing_status
from tests.mail_scenarios import SmtpServer, smtp_server
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready

SENDER = "NeoTherapeutics Closing <closing@neotherapeutics.example>"
GATEWAY = "{fax}@fax.example"


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with smtp_server() as running:
        yield running


def _mailing(server: SmtpServer) -> Iterator[Mailing]:
    with SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        yield Mailing(mailer, SENDER, ACTOR, lambda: datetime.now(UTC), GATEWAY)


@pytest.fixture
def mailing(server: SmtpServer) -> Iterator[Mailing]:
    yield from _mailing(server)


def test_the_transfer_agent_gets_the_letter_and_the_csv_once(
    engine: Engine, tmp_path: Path, server: SmtpServer, mailing: Mailing
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    [outcome] = send_instructions(engine, mailing, offering=None)
    assert outcome.status == "sent"
    [message] = server.mailbox.to("dwac@transfer-agent.example")
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == [
        "dwac-instruction-neotherapeutics-2002-2002-03-12.pdf",
        "dwac-instruction-neotherapeutics-2002-2002-03-12.csv",
        "dwac-instruction-neotherapeutics-2002-2002-03-12.xlsx",
    ]
    assert send_instructions(engine, mailing, offering=None) == []


def test_each_settled_purchaser_gets_a_warrant_copy_by_mail_or_fax_gateway(
    engine: Engine, tmp_path: Path, server: SmtpServer, mailing: Mailing
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    outcomes = send_warrant_copies(engine, mailing, offering=None)
    assert [(o.addressee, o.sent_to, o.status) for o in outcomes] == [
        ("Alpha Fund", "6175550100@fax.example", "sent"),  # both means the notice gives
        ("Alpha Fund", "ops@alpha.example", "sent"),
        ("Beta Partners", "2125550142@fax.example", "sent"),  # no e-mail: its fax, by gateway
    ]
    [to_alpha] = server.mailbox.to("ops@alpha.example")
    assert [p.get_filename() for p in to_alpha.iter_attachments()] == [
        "copy-of-warrant-W-0001-alpha-fund.pdf"
    ]
    body = to_alpha.get_body(preferencelist=("plain",))
    assert body is not None and "Warrant No. W-0001" in body.get_content()
    delivered = {
        p.name: p.checklist["warrant_copy_delivered"]
        for p in closing_status(engine, offering=None).purchasers
    }
    assert delivered == {"Alpha Fund": True, "Beta Partners": True, "Gamma Trust": False}
    events = [e for e in audit_log(engine, subject="purchaser:1") if e.kind == "warrant_copy.sent"]
    assert [e.payload["via"] for e in events] == ["fax", "email"]
    assert all(e.payload["smtp_response"].startswith("250") for e in events)
    assert send_warrant_copies(engine, mailing, offering=None) == []


def test_a_refused_copy_is_recorded_and_tried_again(
    engine: Engine, tmp_path: Path, server: SmtpServer, mailing: Mailing
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    server.mailbox.refuse.add("ops@alpha.example")
    first = send_warrant_copies(engine, mailing, offering=None)
    # Alpha's fax went, its e-mail was refused; Beta's fax went
    assert [o.status for o in first] == ["sent", "refused", "sent"]
    assert [e.kind for e in audit_log(engine, subject="purchaser:1")][-1] == "warrant_copy.refused"
    server.mailbox.refuse.clear()
    again = send_warrant_copies(engine, mailing, offering=None)  # only the means not yet sent
    assert [(o.addressee, o.sent_to, o.status) for o in again] == [
        ("Alpha Fund", "ops@alpha.example", "sent")
    ]


def test_a_notice_to_the_company_is_addressed_as_the_form_says(
    engine: Engine, tmp_path: Path, server: SmtpServer, mailing: Mailing
) -> None:
    ready(engine, tmp_path)
    outcome = send_notice(
        engine,
        mailing,
        offering=None,
        to="company",
        subject="Wire received late",
        body="First paragraph.\n\nSecond.",
    )
    assert (outcome.status, outcome.sent_to) == ("sent", "9497886706@fax.example")
    [message] = server.mailbox.to("9497886706@fax.example")
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    for line in (
        "NeoTherapeutics, Inc.",
        "Attention: Samuel Gulko",
        "157 Technology Drive,",
        "Irvine, California 92618",
        "Facsimile: (949) 788-6706",
        "Re: Wire received late",
    ):
        assert line in text
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content().startswith(b"%PDF")
    [event] = [e for e in audit_log(engine, subject="offering:1") if e.kind == "notice.sent"]
    assert event.payload["document_id"]


def test_a_notice_to_a_purchaser_without_any_address_is_refused(
    engine: Engine, tmp_path: Path, server: SmtpServer, mailing: Mailing
) -> None:
    ready(engine, tmp_path)
    no_gateway = Mailing(mailing.mailer, SENDER, ACTOR, mailing.clock, None)
    with pytest.raises(InvalidInput, match="no e-mail address"):
        send_notice(engine, no_gateway, offering=None, to="2", subject="S", body="B")
    assert server.mailbox.received == []
