"""The purchaser's page refuses DWAC values that could run as a formula in the transfer
agent's spreadsheet, and text with bidirectional or control characters: 422, each problem
by its field, nothing saved (through the real app with FastAPI's TestClient)."""

from __future__ import annotations

import pytest

from tests.integration.portal.conftest import Portal

FORM = {"dtc_participant": "352", "dtc_account": "B-2", "address": "2 Oak Ave"}


@pytest.mark.parametrize("account", ["=cmd|' /C calc'!A0", "+1", "@SUM(1)", "\t=1", "-2"])
def test_a_dtc_account_that_could_run_as_a_formula_is_refused_and_nothing_is_saved(
    portal: Portal, account: str
) -> None:
    issued = portal.link("Beta Partners")
    client, csrf = portal.opened(issued.token)
    before, events = portal.purchaser("Beta Partners"), portal.events()
    sent = {**FORM, "dtc_account": account, "csrf_token": csrf}
    page = client.post(f"/p/{issued.token}/details", data=sent)
    assert page.status_code == 422
    assert "nothing was saved" in page.text
    assert "must be 1 to 35 characters: letters A-Z, digits" in page.text
    assert page.text.count('aria-invalid="true"') == 1
    assert portal.purchaser("Beta Partners") == before
    assert portal.events() == events


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("attention", "Back\u202eOffice", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("address", "2 Oak Ave\n\u2066Boston\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("fax", "555\x07", "U+0007 BELL"),
        ("dtc_reference", "REF\u200e1", "must be 1 to 35 characters"),
    ],
)
def test_a_bidirectional_or_control_character_is_refused_by_its_field(
    portal: Portal, field: str, value: str, named: str
) -> None:
    issued = portal.link("Beta Partners")
    client, csrf = portal.opened(issued.token)
    before, events = portal.purchaser("Beta Partners"), portal.events()
    page = client.post(
        f"/p/{issued.token}/details", data={**FORM, field: value, "csrf_token": csrf}
    )
    assert page.status_code == 422
    assert named in page.text
    assert page.text.count('aria-invalid="true"') == 1
    assert portal.purchaser("Beta Partners") == before
    assert portal.events() == events


def test_an_address_typed_on_lines_and_an_ordinary_account_are_saved(portal: Portal) -> None:
    issued = portal.link("Beta Partners")
    client, csrf = portal.opened(issued.token)
    sent = {**FORM, "dtc_account": "00120", "address": "2 Oak Ave\r\nBoston", "csrf_token": csrf}
    response = client.post(f"/p/{issued.token}/details", data=sent, follow_redirects=False)
    assert response.status_code == 303
    beta = portal.purchaser("Beta Partners")
    assert (beta.dtc_account, beta.address) == ("00120", ("2 Oak Ave", "Boston"))
