"""The offering status is computed once per change of the closing (the event chain head)."""

from __future__ import annotations

from tests.http_scenarios import Closing
from tests.scenarios import THREE_PURCHASERS

SLUG = "neotherapeutics-2002"
STATUS = f"/api/v1/offerings/{SLUG}/status"


def upload(closing: Closing, csv_text: str) -> None:
    files = {"file": ("book.csv", csv_text.encode(), "text/csv")}
    response = closing.client("agent").post(f"/api/v1/offerings/{SLUG}/book", files=files)
    assert response.status_code == 200, response.text


def test_the_status_follows_a_change_made_after_it_was_read(closing: Closing) -> None:
    viewer = closing.client("viewer")
    assert viewer.get(STATUS).json()["totals"]["purchasers"] == 3
    upload(closing, THREE_PURCHASERS + "Delta Capital,40000,,,,,\n")
    after = viewer.get(STATUS).json()
    assert after["totals"]["purchasers"] == 4
    assert after["money"]["committed"] == "2590000.00"


def test_the_status_counts_down_to_the_close_of_business_on_every_read(closing: Closing) -> None:
    viewer = closing.client("viewer")
    first = viewer.get(STATUS).json()["seconds_left"]
    second = viewer.get(STATUS).json()["seconds_left"]
    assert second <= first


def test_the_status_follows_agreements_drafted_again_unchanged(closing: Closing) -> None:
    viewer = closing.client("viewer")
    upload(closing, THREE_PURCHASERS.replace("ops@alpha.example", "desk@alpha.example"))
    assert viewer.get(STATUS).json()["checklist"]["agreement_generated"] == 1
    closing.client("counsel").post(f"/api/v1/offerings/{SLUG}/agreements")
    assert viewer.get(STATUS).json()["checklist"]["agreement_generated"] == 2
