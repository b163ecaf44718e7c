"""Offering terms as a plain mapping: written out, read back, every problem reported."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from stdnum import cusip
from stdnum.us import rtn

from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress, OfferingTerms
from closingdesk.domain.offering.terms_mapping import terms_from_mapping, terms_to_mapping

SOURCE = "terms.toml"


def example_mapping(**changes: Any) -> dict[str, Any]:
    """The example's mapping with some top-level keys changed (None removes the key)."""
    mapping: dict[str, Any] = copy.deepcopy(terms_to_mapping(NEOTHERAPEUTICS_2002))
    for key, value in changes.items():
        if value is None:
            mapping.pop(key, None)
        else:
            mapping[key] = value
    return mapping


def problems_in(mapping: dict[str, Any]) -> dict[str, str]:
    terms, problems = terms_from_mapping(mapping, source=SOURCE)
    assert terms is None
    return {problem.where.removeprefix(f"{SOURCE}: "): problem.what for problem in problems}


def read(mapping: dict[str, Any]) -> OfferingTerms:
    terms, problems = terms_from_mapping(mapping, source=SOURCE)
    assert problems == []
    assert terms is not None
    return terms


def test_every_problem_in_the_terms_is_reported_at_once() -> None:
    mapping = example_mapping(
        price_per_share="-2.00",
        exercise_price=2.75,
        agreement_date="2002-02-30",
        timezone="America/Irvine",
        colour="blue",
    )
    mapping["wire"]["aba_routing_number"] = "021 000 022"

    problems = problems_in(mapping)

    assert problems.keys() == {
        "price_per_share",
        "exercise_price",
        "agreement_date",
        "timezone",
        "colour",
        "wire.aba_routing_number",
    }
    assert "more than zero" in problems["price_per_share"]
    assert "in quotes" in problems["exercise_price"]
    assert "float" in problems["exercise_price"]
    assert "not a real date" in problems["agreement_date"]
    assert "'America/Irvine' is not a time zone" in problems["timezone"]
    assert "unknown key 'colour'" in problems["colour"]
    assert "check digit" in problems["wire.aba_routing_number"]


def test_a_problem_says_the_file_and_the_key() -> None:
    mapping = example_mapping()
    mapping["wire"]["aba_routing_number"] = "021000022"

    _, problems = terms_from_mapping(mapping, source=SOURCE)

    assert [problem.where for problem in problems] == ["terms.toml: wire.aba_routing_number"]


def test_the_example_terms_survive_a_round_trip() -> None:
    assert terms_from_mapping(terms_to_mapping(NEOTHERAPEUTICS_2002), source=SOURCE) == (
        NEOTHERAPEUTICS_2002,
        [],
    )


def test_the_mapping_writes_decimals_dates_and_times_as_the_terms_give_them() -> None:
    mapping = terms_to_mapping(NEOTHERAPEUTICS_2002)

    assert mapping["par_value"] == "0.001"
    assert mapping["price_per_share"] == "2.00"
    assert mapping["warrant_coverage"] == "0.25"
    assert mapping["agreement_date"] == "2002-03-12"
    assert mapping["close_of_business"] == "17:00"
    assert mapping["wire"]["bank_address"] == ["1 Chase Plaza", "New York, NY 10004"]  # type: ignore[index]
    assert isinstance(mapping["assumptions"], list)


def test_the_mapping_leaves_out_what_the_terms_do_not_state_and_is_json() -> None:
    mapping = terms_to_mapping(NEOTHERAPEUTICS_2002)

    assert "cusip" not in mapping
    assert "transfer_agent" not in mapping
    assert "email" not in mapping["company_notice"]  # type: ignore[operator]
    assert json.loads(json.dumps(mapping)) == mapping


def test_the_mapping_puts_the_tables_after_every_scalar() -> None:
    keys = list(terms_to_mapping(NEOTHERAPEUTICS_2002))

    assert keys[-3:] == ["wire", "company_notice", "company"]


def test_every_missing_required_key_is_reported() -> None:
    problems = problems_in(example_mapping(slug=None, issuer_name=None, wire=None))

    assert problems == {
        "slug": "is required",
        "issuer_name": "is required",
        "wire": "is required",
    }


def test_an_empty_value_is_a_problem() -> None:
    mapping = example_mapping(governing_law="  ")
    mapping["company_notice"]["address"] = []

    assert problems_in(mapping) == {
        "governing_law": "is empty",
        "company_notice.address": "is empty",
    }


def test_an_unknown_key_in_a_table_is_named_with_its_table_and_a_suggestion() -> None:
    mapping = example_mapping()
    mapping["wire"]["aba_routing"] = "021000021"

    assert problems_in(mapping) == {
        "wire.aba_routing": "unknown key 'aba_routing': did you mean 'aba_routing_number'?"
    }


def test_a_table_given_as_text_is_a_problem() -> None:
    assert problems_in(example_mapping(company_notice="NeoTherapeutics")) == {
        "company_notice": "must be a table"
    }


def test_a_slug_with_capitals_or_spaces_is_a_problem() -> None:
    assert problems_in(example_mapping(slug="Neo 2002")).keys() == {"slug"}


def test_an_integer_price_is_taken_as_whole_dollars() -> None:
    assert read(example_mapping(price_per_share=2)).price_per_share == Decimal(2)


def test_a_float_price_is_refused_with_a_hint_to_quote_it() -> None:
    assert "quotes" in problems_in(example_mapping(par_value=0.001))["par_value"]


def test_a_price_of_zero_is_a_problem_but_a_warrant_coverage_of_zero_is_not() -> None:
    assert problems_in(example_mapping(par_value="0")).keys() == {"par_value"}
    assert read(example_mapping(warrant_coverage="0")).warrant_coverage == Decimal(0)


def test_a_negative_warrant_coverage_is_a_problem() -> None:
    assert problems_in(example_mapping(warrant_coverage="-0.25")).keys() == {"warrant_coverage"}


def test_warrant_years_must_be_a_positive_whole_number() -> None:
    assert problems_in(example_mapping(warrant_years=0)).keys() == {"warrant_years"}
    assert problems_in(example_mapping(warrant_years="five")).keys() == {"warrant_years"}
    assert problems_in(example_mapping(warrant_years=True)).keys() == {"warrant_years"}


def test_toml_dates_and_times_are_accepted() -> None:
    terms = read(example_mapping(agreement_date=date(2002, 3, 12), close_of_business=time(16)))

    assert terms.agreement_date == date(2002, 3, 12)
    assert terms.close_of_business == time(16, 0)


def test_close_of_business_is_five_pm_when_left_out() -> None:
    assert read(example_mapping(close_of_business=None)).close_of_business == time(17, 0)


def test_close_of_business_must_be_hours_and_minutes() -> None:
    assert problems_in(example_mapping(close_of_business="5pm")).keys() == {"close_of_business"}
    assert problems_in(example_mapping(close_of_business="24:00")).keys() == {"close_of_business"}


def test_a_currency_must_be_a_three_letter_code() -> None:
    assert read(example_mapping(currency="eur")).currency == "EUR"
    assert problems_in(example_mapping(currency="US$")).keys() == {"currency"}


def test_an_aba_routing_number_with_spaces_and_dashes_is_stored_compact() -> None:
    mapping = example_mapping()
    mapping["wire"]["aba_routing_number"] = "021-000 021"

    assert read(mapping).wire.aba_routing_number == "021000021"


def test_a_cusip_is_checked_and_stored_compact() -> None:
    assert read(example_mapping(cusip="640656 104")).cusip == "640656104"
    assert "check digit" in problems_in(example_mapping(cusip="640656105"))["cusip"]


def test_a_transfer_agent_with_a_bad_email_is_a_problem() -> None:
    agent = {"name": "Example Stock Transfer Company", "address": ["1 Example Plaza"]}

    terms = read(example_mapping(transfer_agent=agent))
    problems = problems_in(example_mapping(transfer_agent={**agent, "email": "dwac@"}))

    assert terms.transfer_agent == NoticeAddress(
        "Example Stock Transfer Company", None, None, ("1 Example Plaza",), None
    )
    assert problems.keys() == {"transfer_agent.email"}


def test_an_address_may_be_one_string_of_lines() -> None:
    mapping = example_mapping()
    mapping["company_notice"]["address"] = "157 Technology Drive, | Irvine, California 92618"

    assert read(mapping) == NEOTHERAPEUTICS_2002


# Hypothesis: any valid terms come back from their mapping unchanged.

texts = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=20)
clean_texts = texts.map(str.strip).filter(bool)
prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(10**9), places=4)
coverages = st.decimals(min_value=Decimal(0), max_value=Decimal(10), places=4)
lines = st.lists(clean_texts, min_size=1, max_size=3).map(tuple)
routing_numbers = st.from_regex(r"[0-9]{8}", fullmatch=True).map(
    lambda digits: digits + rtn.calc_check_digit(digits)
)
cusips = st.from_regex(r"[0-9A-Z]{8}", fullmatch=True).map(
    lambda body: body + cusip.calc_check_digit(body)
)
# no two dots in a row: email-validator rightly refuses "a..b@x.com"
emails = st.from_regex(
    r"[a-z][a-z0-9]{0,4}(\.[a-z0-9]{1,3})?[a-z]@[a-z]{1,10}\.(com|org|net)", fullmatch=True
)
notices = st.builds(
    NoticeAddress,
    name=clean_texts,
    attention=st.none() | clean_texts,
    title=st.none() | clean_texts,
    address=lines,
    fax=st.none() | clean_texts,
    email=st.none() | emails,
)
valid_terms = st.builds(
    replace,
    st.just(NEOTHERAPEUTICS_2002),
    slug=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    issuer_name=clean_texts,
    par_value=prices,
    price_per_share=prices,
    currency=st.from_regex(r"[A-Z]{3}", fullmatch=True),
    warrant_years=st.integers(min_value=1, max_value=30),
    exercise_price=prices,
    warrant_coverage=coverages,
    agreement_date=st.dates(),
    close_of_business=st.builds(time, st.integers(0, 23), st.integers(0, 59)),
    timezone=st.timezone_keys(),
    wire=st.builds(replace, st.just(NEOTHERAPEUTICS_2002.wire), aba_routing_number=routing_numbers),
    company_notice=notices,
    company_signer_name=st.none() | clean_texts,
    cusip=st.none() | cusips,
    transfer_agent=st.none() | notices,
    assumptions=st.lists(clean_texts, max_size=3).map(tuple),
)


@given(valid_terms)
def test_any_valid_terms_come_back_from_their_mapping_unchanged(terms: OfferingTerms) -> None:
    assert terms_from_mapping(terms_to_mapping(terms), source=SOURCE) == (terms, [])
