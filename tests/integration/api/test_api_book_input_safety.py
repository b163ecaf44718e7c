"""The API's book upload refuses DWAC values that could run as a formula and text with
bidirectional overrides: 422 naming row, column and code point, nothing imported."""

from __future__ import annotations

import io

import openpyxl

from tests.http_scenarios import Closing

BOOK = "/api/v1/offerings/neotherapeutics-2002/book"
EVENTS = "/api/v1/audit/events"


def test_an_uploaded_book_with_a_formula_account_or_an_override_answers_422(
    closing: Closing,
) -> None:
    client = closing.client("agent")
    before = client.get(EVENTS).json()["count"]
    book = (
        "name,shares,dtc_participant,dtc_account,dtc_reference\n"
        "Delta Capital,1000,12345,=cmd|' /C calc'!A0,REF-1\n"
        "Echo\u202e Partners,2000,5,E-1,+1\n"
    )
    response = client.post(BOOK, files={"file": ("book.csv", book.encode(), "text/csv")})
    assert response.status_code == 422
    problems = {p["where"]: p["what"] for p in response.json()["problems"]}
    assert set(problems) == {
        "book.csv row 2, column dtc_participant",
        "book.csv row 2, column dtc_account",
        "book.csv row 3, column name",
        "book.csv row 3, column dtc_reference",
    }
    assert problems["book.csv row 3, column name"].startswith(
        "contains U+202E RIGHT-TO-LEFT OVERRIDE"
    )
    assert client.get(EVENTS).json()["count"] == before


def test_an_uploaded_xlsx_keeps_a_text_participant_number_and_a_formula_like_name(
    closing: Closing,
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "shares", "dtc_participant", "dtc_account"])
    sheet.append(["+1 Capital", 1000, "0005", "00120"])
    content = io.BytesIO()
    workbook.save(content)
    client = closing.client("agent")
    upload = ("book.xlsx", content.getvalue(), "application/octet-stream")
    response = client.post(BOOK, files={"file": upload})
    assert response.status_code == 200, response.text
    listed = client.get("/api/v1/offerings/neotherapeutics-2002/purchasers").json()["data"]
    added = next(p for p in listed if p["name"] == "+1 Capital")
    assert (added["dtc_participant"], added["dtc_account"]) == ("0005", "00120")
