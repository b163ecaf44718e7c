"""Drafting agreements and downloading them through the API."""

from __future__ import annotations

import hashlib

from closingdesk.adapters.files.location import files_folder
from tests.http_scenarios import Closing

AGREEMENTS = "/api/v1/offerings/neotherapeutics-2002/agreements"


def test_a_downloaded_document_has_the_sha256_of_its_listing(closing: Closing) -> None:
    client = closing.client("viewer")
    listed = client.get("/api/v1/purchasers/1/documents").json()["data"][0]
    response = client.get(listed["download"])
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == listed["sha256"]
    assert len(response.content) == listed["size"]
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert f'filename="{listed["file_name"]}"' in response.headers["content-disposition"]


def test_an_unknown_document_is_404(closing: Closing) -> None:
    assert closing.client("viewer").get("/api/v1/documents/999").status_code == 404


def test_drafting_again_unchanged_stores_no_new_version(closing: Closing) -> None:
    body = closing.client("counsel").post(AGREEMENTS).json()
    assert (body["count"], body["changed"]) == (3, 0)
    assert {d["version"] for d in body["data"]} == {1}


def test_drafting_one_purchaser_lists_what_their_agreement_misses(closing: Closing) -> None:
    response = closing.client("counsel").post(AGREEMENTS, json={"purchaser_id": 3})
    assert response.status_code == 200, response.text
    [gamma] = response.json()["data"]
    assert gamma["purchaser_name"] == "Gamma Trust"
    assert "dtc_participant" in " ".join(gamma["missing"])


def test_drafting_in_an_unknown_format_is_refused(closing: Closing) -> None:
    response = closing.client("counsel").post(AGREEMENTS, json={"format": "rtf"})
    assert response.status_code == 422
    assert "format 'rtf' is not supported" in response.json()["detail"]


def test_a_document_whose_file_changed_on_disk_is_refused_with_409_not_served(
    closing: Closing,
) -> None:
    client = closing.client("viewer")
    listed = client.get("/api/v1/purchasers/1/documents").json()["data"][0]
    folder = files_folder(closing.engine.url)
    path = folder / listed["sha256"][:2] / listed["sha256"]
    path.chmod(0o600)
    path.write_bytes(path.read_bytes() + b"an edit after the fact")
    response = client.get(listed["download"])
    assert response.status_code == 409
    assert listed["sha256"] in response.text and "changed on disk" in response.text
    assert str(folder) not in response.text  # the server's folders are not the client's business
