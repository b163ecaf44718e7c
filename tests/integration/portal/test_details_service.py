"""update_purchaser_details, called as the other interfaces would call it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Problem
from closingdesk.services.book.purchaser_details import update_purchaser_details
from tests.integration.portal.conftest import Portal

NOW = datetime(2002, 3, 12, 18, 0, tzinfo=UTC)


def test_only_the_fields_given_change(portal: Portal) -> None:
    alpha = portal.purchaser("Alpha Fund")
    update = update_purchaser_details(
        portal.closing.engine, alpha.id, {"fax": " (617) 555-0100 "}, actor="test", now=NOW
    )
    assert update.changes == {"fax": (None, "(617) 555-0100")}
    after = portal.purchaser("Alpha Fund")
    assert after.fax == "(617) 555-0100"
    assert (after.dtc_participant, after.address) == (alpha.dtc_participant, alpha.address)


def test_fields_a_purchaser_may_not_change_are_refused_by_name(portal: Portal) -> None:
    alpha = portal.purchaser("Alpha Fund")
    with pytest.raises(InvalidInput) as refused:
        update_purchaser_details(
            portal.closing.engine,
            alpha.id,
            {"shares": "9999999", "name": "Someone Else", "dtc_participant": "x"},
            actor="test",
            now=NOW,
        )
    assert refused.value.problems == (
        Problem("dtc_participant", "must be a DTC participant number of 1 to 4 digits, not 'x'"),
        Problem("name", "is not a detail you can change here"),
        Problem("shares", "is not a detail you can change here"),
    )
    assert portal.purchaser("Alpha Fund") == alpha


def test_an_unknown_purchaser_is_not_found(portal: Portal) -> None:
    with pytest.raises(NotFound):
        update_purchaser_details(portal.closing.engine, 999, {"fax": "1"}, actor="t", now=NOW)


def test_a_purchaser_signed_by_the_company_only_is_refused_too(portal: Portal) -> None:
    portal.mark("Gamma Trust", "company_signed")
    gamma = portal.purchaser("Gamma Trust")
    with pytest.raises(Conflict):
        update_purchaser_details(portal.closing.engine, gamma.id, {"fax": "1"}, actor="t", now=NOW)
