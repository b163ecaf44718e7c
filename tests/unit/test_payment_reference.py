"""The payment reference each purchaser quotes on the wire, and finding it in free text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closingdesk.domain.funding import payment_reference as ref
from closingdesk.domain.funding.payment_reference import (
    InvalidReference,
    payment_reference,
    prefix,
    references_in,
)

SEED = "neotherapeutics-2002"


def test_the_seeds_reference_is_its_first_eight_letters_and_a_five_digit_number() -> None:
    assert payment_reference(SEED, 3) == "NEOTHERA-00003"


def test_a_purchaser_id_beyond_five_digits_keeps_all_its_digits() -> None:
    assert payment_reference(SEED, 123456) == "NEOTHERA-123456"


@pytest.mark.parametrize(
    ("slug", "expected"),
    [("neotherapeutics-2002", "NEOTHERA"), ("ab-2024", "AB2024"), ("x", "X"), ("a-b-c-d", "ABCD")],
)
def test_the_prefix_is_the_slugs_letters_and_digits_upper_cased(slug: str, expected: str) -> None:
    assert prefix(slug) == expected


@pytest.mark.parametrize(
    "text",
    [
        "NEOTHERA-00003",
        "neothera 3",
        "NEOTHERA-0003",
        "NEOTHERA00003",
        "Neothera.00003",
        "REF:NEOTHERA - 3 PURCHASE",
        "/RFB/NEOTHERA/00003",
        "NEOTHERAPEUTICS-2002-00003",
        "neotherapeutics 2002 3",
    ],
)
def test_a_reference_is_found_however_loosely_it_is_typed(text: str) -> None:
    assert references_in(text, SEED) == {3}


def test_a_longer_number_is_never_read_as_a_shorter_one() -> None:
    assert references_in("NEOTHERA-000031", SEED) == {31}
    assert references_in("NEOTHERA-3100", SEED) == {3100}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "NEOTHERAPEUTICS SUBSCRIPTION",
        "XNEOTHERA-00003",
        "INVOICE 00003",
        "NEOTHERA-ONE",
        "NEOTHERA-1234567890123",  # thirteen digits: no purchaser id
    ],
)
def test_text_without_a_reference_names_nobody(text: str) -> None:
    assert references_in(text, SEED) == set()


def test_several_references_in_one_text_are_all_found() -> None:
    assert references_in("NEOTHERA-00001 AND NEOTHERA-00002", SEED) == {1, 2}


def test_an_offering_whose_prefix_ends_in_digits_still_reads_its_numbers() -> None:
    assert payment_reference("ab-2024", 7) == "AB2024-00007"
    assert references_in("AB202400007", "ab-2024") == {7}
    assert references_in("ab 2024 7", "ab-2024") == {7}
    assert references_in("AB-2024", "ab-2024") == set()


def test_a_reference_has_the_python_stdnum_shape() -> None:
    assert ref.compact(" neothera-0.0003 ") == "NEOTHERA00003"
    assert ref.validate("neothera 3", slug=SEED) == "NEOTHERA3"
    assert ref.format("neothera 3", slug=SEED) == "NEOTHERA-00003"
    assert ref.purchaser_of("NEOTHERA-00042", slug=SEED) == 42
    assert ref.is_valid("NEOTHERA-00042", slug=SEED)


@pytest.mark.parametrize("text", ["", "NEOTHERA", "NEOTHERA-x3", "OTHER-00003", "NEOTHERA-3 extra"])
def test_a_malformed_reference_is_refused_with_the_expected_shape(text: str) -> None:
    assert not ref.is_valid(text, slug=SEED)
    with pytest.raises(InvalidReference) as refused:
        ref.validate(text, slug=SEED)
    assert "NEOTHERA-00001" in str(refused.value)


@given(
    slug=st.from_regex(r"[a-z][a-z0-9]{0,11}(-[a-z0-9]{1,6}){0,2}", fullmatch=True),
    purchaser_id=st.integers(min_value=0, max_value=10**9),
    before=st.sampled_from(["", "WIRE ", "ref: ", "PAYMENT/"]),
    after=st.sampled_from(["", " THANK YOU", "/END", ", SUBSCRIPTION"]),
)
def test_every_reference_printed_is_found_again_in_a_remittance(
    slug: str, purchaser_id: int, before: str, after: str
) -> None:
    text = before + payment_reference(slug, purchaser_id) + after
    assert purchaser_id in references_in(text, slug)
    assert ref.purchaser_of(payment_reference(slug, purchaser_id), slug=slug) == purchaser_id
