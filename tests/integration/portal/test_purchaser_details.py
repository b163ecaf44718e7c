"""A purchaser completes or corrects their own DWAC details and notice block."""

from __future__ import annotations

from closingdesk.services.audit.event_log import audit_log, verify_chain
from tests.integration.portal.conftest import Portal

FORM = {
    "dtc_participant": "352",
    "dtc_account": "B-2",
    "dtc_reference": "",
    "attention": "",
    "address": "2 Oak Ave",
    "fax": "",
    "email": "",
}


def test_a_valid_change_is_saved_evented_by_the_link_and_outdates_the_agreement(
    portal: Portal,
) -> None:
    issued = portal.link("Beta Partners")
    client, csrf = portal.opened(issued.token)
    assert portal.purchaser("Beta Partners").checklist["agreement_generated"]
    sent = {**FORM, "dtc_participant": "17", "dtc_reference": "REF 9", "attention": "Back Office"}
    sent["csrf_token"] = csrf
    response = client.post(f"/p/{issued.token}/details", data=sent, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/p/{issued.token}#details"
    beta = portal.purchaser("Beta Partners")
    assert (beta.dtc_participant, beta.dtc_reference, beta.attention) == (
        "0017",
        "REF 9",
        "Back Office",
    )
    assert not beta.checklist["agreement_generated"]
    event = audit_log(portal.closing.engine, subject=f"purchaser:{beta.id}")[-1]
    assert event.kind == "purchaser.details_updated"
    assert event.actor == f"purchaser-link:{issued.link.id}"
    assert event.payload["changes"] == {
        "dtc_participant": {"before": "0352", "after": "0017"},
        "dtc_reference": {"before": None, "after": "REF 9"},
        "attention": {"before": None, "after": "Back Office"},
    }
    assert event.payload["agreement_outdated"] is True
    assert verify_chain(portal.closing.engine).intact
    assert "Your details were saved" in client.get(f"/p/{issued.token}").text


def test_an_email_change_leaves_the_drafted_agreement_as_it_is(portal: Portal) -> None:
    issued = portal.link("Beta Partners")
    client, csrf = portal.opened(issued.token)
    sent = {**FORM, "email": "ops@beta.example", "csrf_token": csrf}
    client.post(f"/p/{issued.token}/details", data=sent)
    beta = portal.purchaser("Beta Partners")
    assert beta.email == "ops@beta.example"
    assert beta.checklist["agreement_generated"]


def test_sending_the_same_details_again_changes_nothing_and_records_nothing(
    portal: Portal,
) -> None:
    issued = portal.link("Beta Partners")
    client, csrf = portal.opened(issued.token)
    before = portal.events()
    page = client.post(f"/p/{issued.token}/details", data={**FORM, "csrf_token": csrf})
    assert "Nothing changed" in page.text
    assert portal.events() == before


def test_invalid_details_show_every_problem_by_its_field_and_change_nothing(
    portal: Portal,
) -> None:
    issued = portal.link("Alpha Fund")
    client, csrf = portal.opened(issued.token)
    before, events = portal.purchaser("Alpha Fund"), portal.events()
    sent = {
        **FORM,
        "dtc_participant": "12345",
        "email": "not an address",
        "attention": "x" * 501,
        "csrf_token": csrf,
    }
    page = client.post(f"/p/{issued.token}/details", data=sent)
    assert page.status_code == 422
    assert "nothing was saved" in page.text
    assert "must be a DTC participant number of 1 to 4 digits, not &#39;12345&#39;" in page.text
    assert "is not a valid email address" in page.text
    assert "is too long: at most 500 characters" in page.text
    assert page.text.count('aria-invalid="true"') == 3
    assert 'value="12345"' in page.text  # what they typed stays, to be corrected
    assert portal.purchaser("Alpha Fund") == before
    assert portal.events() == events


def test_a_signed_purchaser_cannot_change_their_details(portal: Portal) -> None:
    issued = portal.link("Alpha Fund")
    client, csrf = portal.opened(issued.token)
    portal.mark("Alpha Fund", "company_signed")
    before, events = portal.purchaser("Alpha Fund"), portal.events()
    page = client.post(f"/p/{issued.token}/details", data={**FORM, "csrf_token": csrf})
    assert page.status_code == 409
    assert "signed" in page.text and page.headers["content-type"].startswith("text/html")
    assert portal.purchaser("Alpha Fund") == before
    assert portal.events() == events


def test_a_form_without_its_csrf_token_is_refused(portal: Portal) -> None:
    issued = portal.link("Beta Partners")
    client, csrf = portal.opened(issued.token)
    before = portal.purchaser("Beta Partners")
    for token in (None, "", csrf[::-1]):
        sent = {**FORM, "attention": "Mallory"}
        if token is not None:
            sent["csrf_token"] = token
        page = client.post(f"/p/{issued.token}/details", data=sent)
        assert page.status_code == 403
        assert "security token" in page.text
    assert portal.purchaser("Beta Partners") == before


def test_a_form_sent_from_another_browser_session_is_refused(portal: Portal) -> None:
    issued = portal.link("Beta Partners")
    _, csrf = portal.opened(issued.token)
    stranger = portal.closing.client()  # no session: the token belongs to another one
    page = stranger.post(f"/p/{issued.token}/details", data={**FORM, "csrf_token": csrf})
    assert page.status_code == 403
    assert portal.purchaser("Beta Partners").attention is None
