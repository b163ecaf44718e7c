"""The purchaser book: rows of cell text in, entries and every problem out."""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Collection
from datetime import date, datetime

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given
from hypothesis import strategies as st

from closingdesk.adapters.book_files import cell_text
from closingdesk.domain.book import purchaser_book as book
from closingdesk.domain.book.purchaser_book import BOOK_COLUMNS, BookEntry, name_key, validate_book


def check(text: str, existing: Collection[str] = ()) -> tuple[list[BookEntry], list[str]]:
    """Validate a book written as CSV text (the header is row 1); problems as text."""
    header, *records = csv.reader(io.StringIO(textwrap.dedent(text).strip("\n")))
    rows = list(enumerate(records, start=2))
    entries, problems = validate_book("book.csv", header, rows, existing_names=existing)
    return entries, [str(problem) for problem in problems]


def test_a_complete_row_becomes_an_entry_with_every_field() -> None:
    entries, problems = check(
        ",".join(BOOK_COLUMNS) + "\n"
        'Acme Fund LP,"1,000",500,ops@acme.com,Jane Doe,1 Main St | New York NY,'
        "212-555-0100,226,A-1,R-9,John Roe,Manager"
    )
    assert problems == []
    assert entries == [
        BookEntry(
            row=2,
            name="Acme Fund LP",
            shares=1000,
            warrant_shares=500,
            email="ops@acme.com",
            attention="Jane Doe",
            address=("1 Main St", "New York NY"),
            fax="212-555-0100",
            dtc_participant="0226",
            dtc_account="A-1",
            dtc_reference="R-9",
            signer_name="John Roe",
            signer_title="Manager",
        )
    ]


def test_every_problem_is_reported_at_once_with_its_row_and_column() -> None:
    entries, problems = check(
        """
        name,shares,warrant_shares,email,dtc_participant
        Acme Fund,1.5,0,not-an-email,12345
        ,abc,-3,,
        Beta LP,"1,000",,,
        """
    )
    assert [entry.name for entry in entries] == ["Beta LP"]
    assert problems[:2] == [
        "book.csv row 2, column shares: must be a positive whole number, not '1.5'",
        "book.csv row 2, column warrant_shares: must be a positive whole number, not '0'",
    ]
    assert problems[2].startswith("book.csv row 2, column email: is not a valid email address")
    assert problems[3:] == [
        "book.csv row 2, column dtc_participant: "
        "must be a DTC participant number of 1 to 4 digits, not '12345'",
        "book.csv row 3, column name: is required",
        "book.csv row 3, column shares: must be a positive whole number, not 'abc'",
        "book.csv row 3, column warrant_shares: must be a positive whole number, not '-3'",
    ]


@pytest.mark.parametrize(
    ("text", "shares"),
    [("1000", 1000), ("1,000", 1000), ("1,234,567", 1234567), (" 42 ", 42), ("1000.00", 1000)],
)
def test_shares_are_whole_numbers_with_or_without_thousands_separators(
    text: str, shares: int
) -> None:
    entries, _ = check(f'name,shares\nAcme,"{text}"')
    assert entries[0].shares == shares


@pytest.mark.parametrize("text", ["1.5", "0", "-3", "abc", "1,00", "1_000", "+5", "١٢", "1e3"])
def test_shares_that_are_not_a_positive_whole_number_are_refused(text: str) -> None:
    _, problems = check(f'name,shares\nAcme,"{text}"')
    assert problems == [
        f"book.csv row 2, column shares: must be a positive whole number, not {text!r}"
    ]


@pytest.mark.parametrize("text", ["1000000000001", "4611686018427387904", "9" * 20])
def test_more_shares_than_a_trillion_are_refused_so_no_sum_of_a_book_overflows(text: str) -> None:
    _, problems = check(f'name,shares\nAcme,"{text}"')
    assert problems == [
        f"book.csv row 2, column shares: must be at most 1,000,000,000,000 (a trillion), "
        f"not {text!r}"
    ]


def test_a_trillion_shares_is_the_most_one_purchaser_may_buy() -> None:
    entries, problems = check('name,shares,warrant_shares\nAcme,"1,000,000,000,000",1000000000000')
    assert problems == [] and entries[0].shares == 10**12 == entries[0].warrant_shares


def test_a_name_twice_in_the_file_is_reported_naming_both_rows() -> None:
    entries, problems = check(
        """
        name,shares
        Acme  Fund,100
        Beta LP,200
        ACME FUND ,300
        """
    )
    assert problems == [
        "book.csv row 4, column name: 'ACME FUND' is also in row 2: a purchaser is one row"
    ]
    assert [entry.row for entry in entries] == [2, 3]


def test_a_name_already_in_the_offering_is_reported() -> None:
    _, problems = check("name,shares\nacme fund,100\nBeta LP,200", existing=["Acme   Fund"])
    assert problems == ["book.csv row 2, column name: 'acme fund' is already in the offering"]


def test_names_are_compared_by_their_key() -> None:
    assert name_key("  Müller\tCapital ") == name_key("MU\u0308LLER CAPITAL") == "müller capital"


def test_an_unknown_column_is_reported_by_its_name_in_the_header_row() -> None:
    entries, problems = check("name,shares,Colour\nAcme,100,red")
    assert problems == [
        "book.csv row 1, column Colour: unknown column 'Colour'; "
        f"the columns are {', '.join(BOOK_COLUMNS)}"
    ]
    assert [entry.name for entry in entries] == ["Acme"]


def test_missing_required_columns_are_reported_and_the_rows_still_checked() -> None:
    entries, problems = check("email,fax\nnot-an-email,1")
    assert entries == []
    assert problems[:2] == [
        "book.csv row 1, column name: column is missing",
        "book.csv row 1, column shares: column is missing",
    ]
    assert problems[2].startswith("book.csv row 2, column email: is not a valid email")


def test_header_problems_come_first_then_rows_in_column_order() -> None:
    _, problems = check("shares,name,name\n0,")
    assert problems == [
        "book.csv row 1, column name: column 'name' appears more than once",
        "book.csv row 2, column shares: must be a positive whole number, not '0'",
        "book.csv row 2, column name: is required",
    ]


def test_header_names_are_case_insensitive_and_in_any_order() -> None:
    entries, problems = check("  SHARES ,Email,Name\n10,a@b.co,Acme")
    assert problems == []
    assert (entries[0].name, entries[0].shares, entries[0].email) == ("Acme", 10, "a@b.co")


def test_a_dtc_participant_number_is_zero_padded_to_four_digits() -> None:
    entries, problems = check("name,shares,dtc_participant\nA,1,5\nB,1,123\nC,1,0226\nD,1,")
    assert problems == []
    assert [entry.dtc_participant for entry in entries] == ["0005", "0123", "0226", None]


def test_an_address_splits_into_lines_on_bars_and_newlines() -> None:
    entries, problems = check(
        """
        name,shares,address
        A,1,"1 Main St  |  Suite 5 | New York"
        B,1,"1 Main St
          Suite 5

        New York"
        C,1,"Pipe|Street | x"
        D,1,
        """
    )
    assert problems == []
    assert [entry.address for entry in entries] == [
        ("1 Main St", "Suite 5", "New York"),
        ("1 Main St", "Suite 5", "New York"),
        ("Pipe|Street", "x"),
        (),
    ]


def test_blank_rows_are_skipped() -> None:
    entries, problems = check("name,shares,email\nA,1,\n,,\n   ,  ,\n\nB,2,")
    assert problems == []
    assert [(entry.row, entry.name) for entry in entries] == [(2, "A"), (6, "B")]


def test_text_is_whitespace_normalised_and_empty_optional_values_are_none() -> None:
    entries, _ = check('name,shares,attention,fax\n"  Acme \t Fund\n LP ",1,"  ",')
    assert (entries[0].name, entries[0].attention, entries[0].fax) == ("Acme Fund LP", None, None)


def test_a_row_with_more_cells_than_the_header_is_reported() -> None:
    entries, problems = check("name,shares\nA,1,surprise\nB,2,,\nC")
    assert problems == [
        "book.csv row 2, column #3: has 3 cells but the header has 2 columns",
        "book.csv row 4, column shares: is required",
    ]
    assert [entry.name for entry in entries] == ["B"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1000, "1000"),
        (1000.0, "1000"),
        (1000.5, "1000.5"),
        (None, ""),
        (True, "TRUE"),
        (date(2024, 1, 2), "2024-01-02"),
        (datetime(2024, 1, 2), "2024-01-02"),
        (datetime(2024, 1, 2, 9, 30), "2024-01-02T09:30:00"),
    ],
)
def test_a_spreadsheet_value_reads_as_the_text_a_user_sees(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_spreadsheet_numbers_are_whole_numbers_when_integral() -> None:
    rows = [(2, ["A", cell_text(1000), cell_text(500.0)]), (3, ["B", cell_text(1000.5), ""])]
    entries, problems = validate_book("book.xlsx", ["name", "shares", "warrant_shares"], rows)
    assert [(entry.shares, entry.warrant_shares) for entry in entries] == [(1000, 500)]
    assert [str(problem) for problem in problems] == [
        "book.xlsx row 3, column shares: must be a positive whole number, not '1000.5'"
    ]


# Properties


_PIECES = st.sampled_from(
    ["", " ", "  ", "\n", "\r\n", " | ", "|", "a", "Acme", "1", "0", "123", "1,000", "12345",
     ",", ".", "-", "@", "x@y.com", "--", ".test", "\t", "\xa0", "é", "\0", "K"]
)  # fmt: skip
_CELLS = st.lists(_PIECES, max_size=5).map("".join) | st.text(max_size=12)


@given(
    header=st.lists(st.sampled_from([*BOOK_COLUMNS, "Name", "other", "", " "]), max_size=8),
    rows=st.lists(st.lists(_CELLS, max_size=9), max_size=6),
    existing=st.lists(_CELLS, max_size=3),
)
def test_validate_book_never_raises_whatever_the_cells_hold(
    header: list[str], rows: list[list[str]], existing: list[str]
) -> None:
    entries, problems = validate_book(
        "b.csv", header, list(enumerate(rows, start=2)), existing_names=existing
    )
    rows_with_problems = {int(str(p).split(" row ")[1].split(",")[0]) for p in problems}
    assert not rows_with_problems & {entry.row for entry in entries}


_TYPICAL = {
    "name": ["Acme", "Acme Fund LP", "Müller AG", "x"],
    "shares": [
        "1",
        "1000",
        "1,000",
        "12,345,678",
        "0",
        "1000000000000",
        "1000000000001",
        "9223372036854775807",
        "9" * 20,
    ],
    "warrant_shares": ["", "500", "1,000", "0"],
    "email": ["", "a@b.co", "x.y+z@mail.example.com", "A_B@x-y.io", "a@b.test", "a@b-.io"],
    "address": ["", "1 Main St | New York", "1 Main St\nNew York", "a\r\nb", "x |y", "| a"],
    "dtc_participant": ["", "1", "0226", "123", "12345"],
    "dtc_account": ["", "A-1", "HBV-77201", "00120", " x  y ", "=1", "a" * 36, "A\u202eB"],
    "dtc_reference": ["", "REF-1", "NEO-0312-01", "1/2.3,4", "-1", "@x", "\tR"],
    "attention": ["", "Jane Doe", "CFO", "A\u202eB", "x\x1by", "\u200bz"],
}


@pytest.mark.parametrize("column", sorted(_TYPICAL))
@given(data=st.data())
def test_a_column_read_at_once_gives_what_reading_each_cell_gives(
    column: str, data: st.DataObject
) -> None:
    typical = st.sampled_from(_TYPICAL[column])
    cells = data.draw(st.lists(typical, min_size=1) | st.lists(typical | _CELLS, min_size=1))
    kind = book._KINDS.get(column, book._TEXT)
    values = kind.bulk(list(cells))
    if values is not None:
        assert list(values) == [kind.one(cell) for cell in cells]


_LABEL = st.from_regex(r"[A-Za-z0-9-]{1,3}|[a-z]{60,66}|xn--[a-z]{2}", fullmatch=True)
_ADDRESSES = st.builds(
    "{}@{}.{}".format,
    st.from_regex(r"[A-Za-z0-9_+.'-]{1,6}", fullmatch=True),
    st.lists(_LABEL, min_size=1, max_size=3).map(".".join),
    st.sampled_from(["com", "io", "c0", "x", "test", "LOCAL", "onion", "museum", "a" * 64]),
)


@pytest.mark.slow
@given(address=_ADDRESSES | st.from_regex(book._PLAIN_EMAIL, fullmatch=True))
@example(address="a@" + "b" * 63 + ".com")
@example(address="a@" + "b" * 240 + ".com")
def test_an_address_the_plain_pattern_accepts_email_validator_accepts_too(address: str) -> None:
    try:
        validate_email(address, check_deliverability=False)
        accepted = True
    except EmailNotValidError:
        accepted = False
    assert accepted or not book._is_plain_email(address)
    assert (book._email(address) == address) if accepted else True
