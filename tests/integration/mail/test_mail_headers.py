"""A display name with commas and quotes is one address, as a real SMTP server receives it."""

from __future__ import annotations

from datetime import UTC, datetime

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.adapters.mail_message import compose
from tests.mail_scenarios import smtp_server

TRUST = 'The "Smith, Jones" Family Trust, u/a/d 1/2/2003, Jane Roe and John Poe, Trustees'
SENDER = "NeoTherapeutics, Inc. Closing Desk <closing@neotherapeutics.example>"


def test_a_trusts_name_with_commas_and_quotes_arrives_as_one_addressee() -> None:
    message = compose(
        sender=SENDER,
        to_name=TRUST,
        to_address="trustees@smith-jones.example",
        subject="Your warrant",
        body="A copy of your warrant is attached.\n",
        now=datetime(2002, 3, 12, 16, 0, tzinfo=UTC),
    )
    with smtp_server() as server, SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        mailer.send(message)
    [(received, envelope_to)] = server.mailbox.received
    assert envelope_to == ["trustees@smith-jones.example"]  # one recipient, not five
    [to] = received["To"].addresses
    assert (to.display_name, to.addr_spec) == (TRUST, "trustees@smith-jones.example")
    [sender] = received["From"].addresses  # a company name with a comma: still one sender
    assert sender.display_name == "NeoTherapeutics, Inc. Closing Desk"
    assert sender.addr_spec == "closing@neotherapeutics.example"


def test_a_sender_written_with_quotes_keeps_its_name() -> None:
    message = compose(
        sender='"Closing Desk, West" <closing@issuer.example>',
        to_name="Alpha Fund",
        to_address="ops@alpha.example",
        subject="s",
        body="b\n",
        now=datetime(2002, 3, 12, 16, 0, tzinfo=UTC),
    )
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (
        "Closing Desk, West",
        "closing@issuer.example",
    )
