"""The purchaser's details form as it arrives: each field's text, as typed."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form

Text = Annotated[str | None, Form()]


def details_form(
    dtc_participant: Text = None,
    dtc_account: Text = None,
    dtc_reference: Text = None,
    attention: Text = None,
    address: Text = None,
    fax: Text = None,
    email: Text = None,
) -> dict[str, str]:
    """The details the form sent (a field left out of the request is left as it is)."""
    sent = {
        "dtc_participant": dtc_participant,
        "dtc_account": dtc_account,
        "dtc_reference": dtc_reference,
        "attention": attention,
        "address": address,
        "fax": fax,
        "email": email,
    }
    return {name: text for name, text in sent.items() if text is not None}


DetailsSent = Annotated[dict[str, str], Depends(details_form)]
