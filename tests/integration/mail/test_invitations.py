"""Invitations sent through a real SMTP server on loopback, read back as it received them."""

from __future__ import annotations

from closingdesk.adapters.mail import SmtpSettings
from closingdesk.services.signing.invitation_records import invitations_of
from tests.integration.mail.conftest import Desk
from tests.mail_scenarios import attachments, free_port, link_in


def test_each_purchaser_with_an_address_gets_their_own_link_and_the_prospectus(desk: Desk) -> None:
    pdf = desk.add_prospectus()
    run = desk.invite()
    assert [(o.name, o.status) for o in run.outcomes] == [
        ("Alpha Fund", "sent"),
        ("Beta Partners", "sent"),
        ("Gamma Trust", "skipped"),
    ]
    [alpha] = desk.server.mailbox.to("ops@alpha.example")
    [beta] = desk.server.mailbox.to("treasury@beta.example")
    assert alpha["To"] == "Alpha Fund <ops@alpha.example>"
    assert alpha["Subject"] == "NeoTherapeutics, Inc.: your Securities Purchase Agreement"
    assert attachments(alpha) == {"prospectus-supplement-neotherapeutics-2002.pdf": pdf}
    client = desk.closing.client()
    for message, name, other in (
        (alpha, "Alpha Fund", "Beta Partners"),
        (beta, "Beta Partners", "Alpha Fund"),
    ):
        link = link_in(message)
        assert link.startswith("https://closing.example/p/")
        page = client.get(link.removeprefix("https://closing.example"))
        assert page.status_code == 200 and name in page.text and other not in page.text


def test_a_purchaser_without_an_address_is_listed_as_skipped(desk: Desk) -> None:
    run = desk.invite()
    [skipped] = run.having("skipped")
    assert (skipped.name, skipped.detail) == ("Gamma Trust", "no e-mail address")
    assert invitations_of(desk.closing.engine, skipped.purchaser_id) == []


def test_sending_is_recorded_with_the_servers_reply_and_an_event(desk: Desk) -> None:
    desk.add_prospectus()
    run = desk.invite(purchaser_id=desk.purchaser("Alpha Fund").id)
    [outcome] = run.outcomes
    [invitation] = invitations_of(desk.closing.engine, outcome.purchaser_id)
    assert (invitation.status, invitation.sent_to) == ("sent", "ops@alpha.example")
    assert invitation.smtp_response == "250 2.0.0 OK queued as Q0001" == outcome.detail
    assert invitation.link_id == outcome.link_id and invitation.prospectus_sha256
    [received] = desk.server.mailbox.received
    assert invitation.message_id == received[0]["Message-ID"]
    [event] = desk.events("invitation.sent")
    assert event.subject == f"purchaser:{outcome.purchaser_id}"
    assert event.payload["smtp_response"] == invitation.smtp_response


def test_an_invitation_carrying_the_prospectus_delivers_it(desk: Desk) -> None:
    desk.add_prospectus()
    desk.invite()
    assert desk.purchaser("Alpha Fund").checklist["prospectus_delivered"]
    assert not desk.purchaser("Gamma Trust").checklist["prospectus_delivered"]
    deliveries = desk.events("prospectus.delivered")
    assert [e.payload["how"] for e in deliveries] == ["emailed", "emailed"]
    assert deliveries[0].payload["sent_to"] == "ops@alpha.example"


def test_without_a_stored_prospectus_the_invitation_says_where_it_will_be(desk: Desk) -> None:
    desk.invite()
    [alpha] = desk.server.mailbox.to("ops@alpha.example")
    assert attachments(alpha) == {}
    assert "will be on your page" in alpha.get_body().get_content()  # type: ignore[union-attr]
    assert not desk.purchaser("Alpha Fund").checklist["prospectus_delivered"]


def test_a_refused_recipient_is_recorded_and_reported_and_the_others_still_sent(
    desk: Desk,
) -> None:
    desk.add_prospectus()
    desk.server.mailbox.refuse.add("ops@alpha.example")
    run = desk.invite()
    assert [(o.name, o.status) for o in run.having("sent", "refused")] == [
        ("Alpha Fund", "refused"),
        ("Beta Partners", "sent"),
    ]
    [refused] = run.having("refused")
    assert "550 5.1.1 <ops@alpha.example>: mailbox unavailable" in refused.detail
    [invitation] = invitations_of(desk.closing.engine, refused.purchaser_id)
    assert invitation.status == "refused" and invitation.error == refused.detail
    assert invitation.smtp_response is None
    [event] = desk.events("invitation.refused")
    assert event.payload["error"] == refused.detail
    assert not desk.purchaser("Alpha Fund").checklist["prospectus_delivered"]


def test_resending_makes_a_new_link_and_a_new_invitation(desk: Desk) -> None:
    alpha = desk.purchaser("Alpha Fund").id
    first = desk.invite(purchaser_id=alpha).outcomes[0]
    second = desk.invite(purchaser_id=alpha).outcomes[0]
    assert first.link_id != second.link_id and first.invitation_id != second.invitation_id
    assert len(invitations_of(desk.closing.engine, alpha)) == 2
    links = [link_in(m) for m in desk.server.mailbox.to("ops@alpha.example")]
    assert len(set(links)) == 2


def test_only_the_uninvited_are_sent_to_when_asked(desk: Desk) -> None:
    desk.invite(purchaser_id=desk.purchaser("Alpha Fund").id)
    run = desk.invite(uninvited_only=True)
    assert [o.name for o in run.having("sent")] == ["Beta Partners"]


def test_when_the_server_is_unreachable_the_rest_are_not_tried(desk: Desk) -> None:
    run = desk.invite(SmtpSettings("127.0.0.1", free_port(), timeout=5))
    assert [(o.name, o.status) for o in run.outcomes] == [
        ("Alpha Fund", "refused"),
        ("Beta Partners", "not_tried"),
        ("Gamma Trust", "skipped"),
    ]
    [refused, not_tried] = run.having("refused", "not_tried")
    assert not_tried.detail == f"not tried: {refused.detail}"
    assert [e.payload["sent_to"] for e in desk.events("invitation.refused")] == [
        "ops@alpha.example"
    ]
