"""Uploading a purchaser book through the API: all or nothing, every problem at once."""

from __future__ import annotations

import io
import textwrap

import openpyxl

from tests.http_scenarios import Closing

BOOK = "/api/v1/offerings/neotherapeutics-2002/book"
STATUS = "/api/v1/offerings/neotherapeutics-2002/status"

BAD_BOOK = """\
name,shares,email,colour
Delta Capital,12x,delta@example.com,red
,5000,not-an-email,blue
"""


def upload(closing: Closing, name: str, content: bytes, role: str = "agent") -> object:
    return closing.client(role).post(BOOK, files={"file": (name, content, "text/csv")})


def test_a_refused_book_answers_422_with_every_problem(closing: Closing) -> None:
    response = upload(closing, "book.csv", textwrap.dedent(BAD_BOOK).encode())
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "book.csv was refused; nothing was imported"
    wheres = [p["where"] for p in body["problems"]]
    assert any("colour" in p["what"] or "colour" in p["where"] for p in body["problems"])
    assert "book.csv row 2, column shares" in wheres
    assert "book.csv row 3, column name" in wheres
    assert "book.csv row 3, column email" in wheres


def test_a_refused_book_writes_nothing(closing: Closing) -> None:
    client = closing.client("agent")
    before = client.get(STATUS).json(), client.get("/api/v1/audit/events").json()["count"]
    upload(closing, "book.csv", textwrap.dedent(BAD_BOOK).encode())
    after = client.get(STATUS).json(), client.get("/api/v1/audit/events").json()["count"]
    assert (after[0]["totals"], after[1]) == (before[0]["totals"], before[1])


def test_a_good_csv_book_adds_its_new_purchasers(closing: Closing) -> None:
    book = "name,shares\nAlpha Fund,1000000\nDelta Capital,40000\n"
    response = upload(closing, "more.csv", book.encode())
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["source"], body["created"], body["updated"], body["unchanged"]) == (
        "more.csv",
        1,
        0,
        1,
    )
    status = closing.client("viewer").get(STATUS).json()
    assert status["totals"]["purchasers"] == 4
    assert status["money"]["committed"] == "2590000.00"


def test_an_xlsx_book_is_read_like_a_csv(closing: Closing) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Shares", "Warrant_Shares"])
    sheet.append(["Epsilon Fund", 2000, 700])
    content = io.BytesIO()
    workbook.save(content)
    response = upload(closing, "book.xlsx", content.getvalue())
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1


def test_a_file_that_is_not_a_book_is_refused_without_naming_server_folders(
    closing: Closing,
) -> None:
    response = upload(closing, "notes.txt", b"hello")
    assert response.status_code == 422
    assert response.json()["detail"] == "notes.txt: a purchaser book must be a .csv or .xlsx file"


def test_an_upload_is_recorded_with_the_uploader(closing: Closing) -> None:
    upload(closing, "more.csv", b"name,shares\nDelta Capital,40000\n")
    events = closing.client("viewer").get("/api/v1/audit/events?kind=book.imported").json()
    assert events["data"][0]["actor"] == "user:agent@closing.example"
    # the event names the file as uploaded, not the temporary folder it was read from
    assert events["data"][0]["payload"]["source"] == "more.csv"
