"""Uploading the book from the browser: all imported, or every problem shown as the CLI does."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import openpyxl
import pytest
from markupsafe import escape

from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.status import closing_status
from tests.http_scenarios import Closing
from tests.integration.web.helpers import OFFERING, event_count, submit
from tests.scenarios import ACTOR, NOW

BROKEN = textwrap.dedent("""\
    name,shares,email,dtc_participant
    Delta Fund,12x,not-an-email,
    ,5000,,
    Epsilon LLC,0,ops@epsilon.example,123456
    """)
GOOD = textwrap.dedent("""\
    name,shares,email
    Delta Fund,40000,ops@delta.example
    Epsilon LLC,2500,
    """)


def upload(closing: Closing, name: str, content: bytes | str) -> tuple[int, str]:
    client = closing.signed_in("agent")
    files = {"book": (name, content)}
    response = submit(client, f"{OFFERING}/book", f"{OFFERING}/book", files=files)
    return response.status_code, response.text


def cli_problems(closing: Closing, folder: Path, name: str, content: str) -> list[Problem]:
    """What ``closingdesk purchasers import`` reports for the same file."""
    path = folder / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        import_book(closing.engine, path, offering=None, actor=ACTOR, now=NOW)
    prefix = f"{folder}/"
    return [Problem(p.where.replace(prefix, ""), p.what) for p in refused.value.problems]


def test_a_refused_book_shows_every_problem_the_cli_shows_and_imports_nothing(
    closing: Closing, tmp_path: Path
) -> None:
    expected = cli_problems(closing, tmp_path, "allocations.csv", BROKEN)
    before = event_count(closing.engine)
    status, page = upload(closing, "allocations.csv", BROKEN)
    assert status == 422
    assert len(expected) >= 4
    for problem in expected:
        assert (
            f'<td class="nowrap">{escape(problem.where)}</td><td>{escape(problem.what)}</td>'
            in page
        )
    assert page.count('<tr class="problem">') == len(expected)
    assert "nothing was imported" in page and str(tmp_path) not in page
    assert event_count(closing.engine) == before
    assert len(closing_status(closing.engine, offering=None).purchasers) == 3


def test_a_good_book_is_imported_and_counted(closing: Closing) -> None:
    status, page = upload(closing, "allocations.csv", GOOD)
    assert status == 200
    assert "allocations.csv was imported" in page and "2 added" in page
    names = {p.name for p in closing_status(closing.engine, offering=None).purchasers}
    assert {"Delta Fund", "Epsilon LLC"} <= names


def test_a_spreadsheet_is_imported_too(closing: Closing) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Shares"])
    sheet.append(["Zeta Capital", 7000])
    data = io.BytesIO()
    workbook.save(data)
    status, page = upload(closing, "book.xlsx", data.getvalue())
    assert status == 200 and "1 added" in page


def test_a_file_of_another_kind_is_refused_with_its_name(closing: Closing) -> None:
    status, page = upload(closing, "book.pdf", b"%PDF-1.4")
    assert status == 422
    assert "book.pdf: a purchaser book must be a .csv or .xlsx file" in page


def test_the_uploaded_name_cannot_reach_outside_the_upload_folder(closing: Closing) -> None:
    status, page = upload(closing, "../../etc/passwd.csv", GOOD)
    assert status == 200 and "passwd.csv was imported" in page


def test_submitting_without_a_file_asks_for_one(closing: Closing) -> None:
    client = closing.signed_in("agent")
    response = submit(client, f"{OFFERING}/book", f"{OFFERING}/book")
    assert response.status_code == 422
    assert "choose a .csv or .xlsx file" in response.text.lower()
