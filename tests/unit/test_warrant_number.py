"""Warrant numbers: W and a serial, printed W-0001, with python-stdnum's interface."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closingdesk.domain.warrants import warrant_number as wn


@pytest.mark.parametrize("written", ["W-0001", "w1", "W 1", " w-0001 ", "W00001", "W-1"])
def test_every_way_of_writing_a_number_names_the_same_warrant(written: str) -> None:
    assert wn.compact(written) == "W0001"
    assert wn.format(written) == "W-0001"


def test_a_number_is_printed_with_four_digits_or_more_when_needed() -> None:
    assert wn.format("W42") == "W-0042"
    assert wn.format("W12345") == "W-12345"
    assert wn.from_serial(1_000_000) == "W-1000000"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("", "it must start with W"),
        ("X-0001", "it must start with W"),
        ("0001", "it must start with W"),
        ("W", "a serial number must follow the W"),
        ("W-", "a serial number must follow the W"),
        ("W-12a", "only digits may follow the W"),
        ("W-١٢", "only digits may follow the W"),  # Arabic-Indic digits are not ours
        ("W-0000", "the serial number must be 1 or more"),
    ],
)
def test_an_invalid_number_is_refused_with_the_reason(written: str, reason: str) -> None:
    with pytest.raises(wn.InvalidWarrantNumber) as refused:
        wn.validate(written)
    assert refused.value.reason == reason
    assert str(refused.value) == f"{written!r} is not a warrant number: {reason}"
    assert not wn.is_valid(written)


def test_an_invalid_number_is_a_value_error() -> None:
    assert issubclass(wn.InvalidWarrantNumber, ValueError)


@given(st.text())
def test_is_valid_never_raises(text: str) -> None:
    assert wn.is_valid(text) in (True, False)


@given(st.integers(min_value=1, max_value=10**9))
def test_a_printed_number_reads_back_as_its_serial(serial: int) -> None:
    printed = wn.from_serial(serial)
    assert wn.serial(printed) == serial
    assert wn.format(wn.compact(printed)) == printed


def test_the_next_number_follows_the_highest_and_leaves_gaps_void() -> None:
    assert wn.next_number([]) == "W-0001"
    assert wn.next_number(["W-0001", "W-0002"]) == "W-0003"
    assert wn.next_number(["W-0009", "w 2"]) == "W-0010"


def test_the_next_numbers_for_a_batch_are_consecutive() -> None:
    assert wn.next_numbers(["W-9998"], 3) == ("W-9999", "W-10000", "W-10001")
    assert wn.next_numbers(["W-0001"], 0) == ()


def test_a_stored_number_that_is_not_valid_stops_numbering() -> None:
    with pytest.raises(wn.InvalidWarrantNumber):
        wn.next_number(["W-0001", "oops"])
