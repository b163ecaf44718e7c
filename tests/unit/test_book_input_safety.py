"""The book refuses DWAC values a transfer agent's file cannot carry safely, and text that
reads differently than it is stored; a name that looks like a formula is still a name."""

from __future__ import annotations

import csv
import io
import textwrap

import pytest

from closingdesk.domain.book.purchaser_book import BookEntry, validate_book


def check(text: str) -> tuple[list[BookEntry], list[str]]:
    header, *records = csv.reader(io.StringIO(textwrap.dedent(text).strip("\n")))
    entries, problems = validate_book("book.csv", header, list(enumerate(records, start=2)))
    return entries, [str(problem) for problem in problems]


@pytest.mark.parametrize(
    "account", ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "A;B", "A\u202eB", "Ä-1", "x" * 36]
)
def test_a_dtc_account_outside_the_documented_characters_is_refused_naming_row_and_column(
    account: str,
) -> None:
    entries, problems = check(f'name,shares,dtc_account\nAcme,1,"{account}"\nBeta,2,B-2')
    [problem] = problems
    assert problem.startswith("book.csv row 2, column dtc_account: must be 1 to 35 characters")
    assert [entry.name for entry in entries] == ["Beta"]


def test_a_dtc_reference_that_starts_like_a_formula_is_refused() -> None:
    _, problems = check("name,shares,dtc_reference\nAcme,1,@SUM(1)")
    assert problems == [
        "book.csv row 2, column dtc_reference: must be 1 to 35 characters: letters A-Z, "
        "digits, and space - / . , after the first letter or digit; not '@SUM(1)'"
    ]


def test_ordinary_dtc_accounts_and_references_are_kept_as_text_with_their_zeros() -> None:
    entries, problems = check(
        """
        name,shares,dtc_participant,dtc_account,dtc_reference
        Acme,1,5,00120,NEO-0312/01
        Beta,2,0226,"  HBV  77201 ","1.2, 3"
        """
    )
    assert problems == []
    assert [(e.dtc_participant, e.dtc_account, e.dtc_reference) for e in entries] == [
        ("0005", "00120", "NEO-0312/01"),
        ("0226", "HBV 77201", "1.2, 3"),
    ]


@pytest.mark.parametrize("participant", ["12345", "12a", "-1", "=1", "1 2"])
def test_a_dtc_participant_that_is_not_one_to_four_digits_is_refused(participant: str) -> None:
    _, problems = check(f'name,shares,dtc_participant\nAcme,1,"{participant}"')
    assert problems == [
        "book.csv row 2, column dtc_participant: must be a DTC participant number of 1 to 4 "
        f"digits, not {participant.strip()!r}"
    ]


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "+1 Capital", "@SUM(1)", "-Dash Fund"])
def test_a_name_that_looks_like_a_formula_is_accepted_as_a_name(name: str) -> None:
    entries, problems = check(f'name,shares\n"{name}",1')
    assert problems == []
    assert entries[0].name == name


@pytest.mark.parametrize(
    ("column", "value", "named"),
    [
        ("name", "Acme\u202eFund", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("name", "Acme\u2067Fund", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("signer_name", "Jane\u200fRoe", "U+200F RIGHT-TO-LEFT MARK"),
        ("signer_title", "CFO\u061c", "U+061C ARABIC LETTER MARK"),
        ("attention", "Ops\x1b[2J", "U+001B ESCAPE"),
        ("fax", "555\x00", "U+0000 NULL"),
        ("address", "1 Main St\u200b | Boston", "U+200B ZERO WIDTH SPACE"),
        ("email", "ops\u202d@acme.example", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ],
)
def test_a_bidirectional_or_control_character_is_refused_naming_the_code_point(
    column: str, value: str, named: str
) -> None:
    book = (
        f'name,shares\n"{value}",1' if column == "name" else f'name,shares,{column}\nA,1,"{value}"'
    )
    entries, problems = check(book)
    assert entries == []
    assert problems == [
        f"book.csv row 2, column {column}: contains {named}, a character that can hide or "
        "reorder text"
    ]


def test_names_in_any_script_are_accepted_with_their_joiners() -> None:
    entries, problems = check(
        "name,shares\nさくら 山田 Partners,1\nΕλληνικό Ταμείο,2\nصندوق الأمل,3\nمی\u200cخواهم,4"
    )
    assert problems == []
    assert len(entries) == 4


def test_whitespace_in_a_name_is_still_made_one_space_not_refused() -> None:
    entries, problems = check('name,shares\n"  Acme\tFund\n LP ",1')
    assert problems == []
    assert entries[0].name == "Acme Fund LP"
