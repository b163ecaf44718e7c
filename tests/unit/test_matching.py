"""Matching credits to purchasers: automatic only when the evidence names one alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closingdesk.domain.funding.matching import Credit, ExpectedPayment, Matcher, Suggestion
from closingdesk.domain.funding.matching_names import name_score, normalised_name
from closingdesk.domain.funding.payment_reference import payment_reference

SLUG = "neotherapeutics-2002"


def book(*rows: tuple[str, str]) -> list[ExpectedPayment]:
    """Purchasers 1, 2, ... as (name, price) pairs, in dollars."""
    return [
        ExpectedPayment(i, name, payment_reference(SLUG, i), Decimal(price), "USD")
        for i, (name, price) in enumerate(rows, start=1)
    ]


BOOK = book(
    ("Alpha Fund, L.P.", "500000.00"),
    ("Beta Capital Partners LLC", "250000.00"),
    ("Zürich Life Sciences GmbH", "120000.00"),
    ("Jean-Luc O'Brien", "10000.00"),
    ("Gamma Opportunity Fund Ltd.", "75000.00"),
)


def suggest(
    *,
    originator: str | None = None,
    remittance: str = "",
    amount: str = "1.00",
    currency: str = "USD",
    expected: list[ExpectedPayment] = BOOK,
) -> Suggestion:
    credit = Credit(99, Decimal(amount), currency, originator, remittance)
    return Matcher(expected, slug=SLUG).suggest(credit)


def test_the_reference_in_the_remittance_matches_automatically() -> None:
    suggestion = suggest(originator="SOMEONE ELSE", remittance="WIRE REF NEOTHERA-00002")
    assert suggestion.matched == 2
    assert suggestion.candidates[0].score == 100
    assert "reference NEOTHERA-00002 in the remittance" in suggestion.candidates[0].reasons


def test_two_references_in_one_remittance_match_nobody_automatically() -> None:
    suggestion = suggest(remittance="NEOTHERA-00001 NEOTHERA-00002")
    assert suggestion.matched is None
    assert {c.purchaser_id for c in suggestion.candidates} == {1, 2}


def test_a_reference_to_no_purchaser_is_no_evidence() -> None:
    assert suggest(remittance="NEOTHERA-00777").candidates == ()


@pytest.mark.parametrize(
    ("originator", "purchaser_id"),
    [
        ("ALPHA FUND LP", 1),
        ("THE ALPHA FUND L P", 1),
        ("BETA CAPITAL PARTNERS, L.L.C.", 2),
        ("ZURICH LIFE SCIENCES AG", 3),
        ("JEAN LUC OBRIEN", 4),
        ("O'BRIEN JEAN-LUC", 4),
        ("GAMMA OPPORTUNITY FUND LIMITED", 5),
    ],
)
def test_the_originators_name_matches_whatever_its_case_accents_punctuation_and_legal_form(
    originator: str, purchaser_id: int
) -> None:
    price = str(BOOK[purchaser_id - 1].amount)
    assert suggest(originator=originator, amount=price).matched == purchaser_id


def test_a_name_alone_without_the_price_only_suggests() -> None:
    # namesakes of purchasers send other money to the same account
    suggestion = suggest(originator="ALPHA FUND LP", amount="1234.00")
    assert suggestion.matched is None
    assert suggestion.candidates[0].purchaser_id == 1


def test_a_misspelt_originator_still_matches_when_no_one_else_comes_close() -> None:
    suggestion = suggest(originator="GAMMA OPORTUNITY FUND", amount="75000.00")
    assert suggestion.matched == 5
    assert suggestion.candidates[0].score >= 90


def test_a_name_misspelt_in_every_telling_word_is_not_looked_for() -> None:
    # the index finds candidates by their words: no shared word, no fuzzy comparison
    assert suggest(originator="GAMA OPORTUNITY FUND").candidates == ()


def test_the_reason_says_how_alike_the_names_are() -> None:
    reasons = suggest(originator="ALPHA FUND LP").candidates[0].reasons
    assert reasons == ("originator 'ALPHA FUND LP' is 100% like 'Alpha Fund, L.P.'",)


def test_the_purchasers_name_in_the_remittance_matches() -> None:
    suggestion = suggest(
        originator="JPMORGAN CHASE", remittance="FFC BETA CAPITAL PARTNERS", amount="250000.00"
    )
    assert suggestion.matched == 2
    assert "the remittance names 'Beta Capital Partners LLC'" in suggestion.candidates[0].reasons


def test_the_amount_alone_only_suggests() -> None:
    suggestion = suggest(originator="J SMITH", amount="75000.00")
    assert suggestion.matched is None
    assert suggestion.candidates[0].purchaser_id == 5
    assert suggestion.candidates[0].reasons == ("amount is the exact purchase price",)


def test_two_close_names_are_offered_not_matched() -> None:
    expected = book(("Alpha Fund", "100.00"), ("Alpha Funds", "200.00"))
    suggestion = suggest(originator="ALPHA FUND", amount="150.00", expected=expected)
    assert suggestion.matched is None
    assert [c.purchaser_id for c in suggestion.candidates] == [1, 2]


def test_a_price_no_one_else_has_confirms_a_fair_name() -> None:
    expected = book(("Alice Smithfield", "700.00"), ("Bob Jones", "800.00"))
    assert suggest(originator="A SMITHFIELD", amount="700.00", expected=expected).matched == 1
    assert suggest(originator="A SMITHFIELD", amount="650.00", expected=expected).matched is None


def test_namesakes_are_told_apart_by_the_price_one_of_them_was_paid() -> None:
    expected = book(("John Smith", "1000.00"), ("John Smith", "2000.00"))
    assert suggest(originator="JOHN SMITH", amount="2000.00", expected=expected).matched == 2
    assert suggest(originator="JOHN SMITH", amount="1500.00", expected=expected).matched is None


def test_namesakes_sharing_the_price_paid_are_left_to_a_person() -> None:
    expected = book(("John Smith", "1000.00"), ("John Smith", "1000.00"))
    suggestion = suggest(originator="JOHN SMITH", amount="1000.00", expected=expected)
    assert suggestion.matched is None
    assert len(suggestion.candidates) == 2


def test_a_credit_in_another_currency_is_suggested_not_matched_and_says_so() -> None:
    suggestion = suggest(originator="ALPHA FUND LP", amount="500000.00", currency="EUR")
    assert suggestion.matched is None
    assert suggestion.candidates[0].purchaser_id == 1
    assert "paid in EUR, the price is in USD" in suggestion.candidates[0].reasons
    assert "amount is the exact purchase price" not in suggestion.candidates[0].reasons


def test_a_credit_that_names_nobody_has_no_candidates() -> None:
    suggestion = suggest(originator="ACME PAYROLL SERVICES", remittance="INV 4411")
    assert suggestion == Suggestion(99, None, ())


def test_at_most_five_candidates_are_offered_best_first() -> None:
    expected = book(*((f"Omega Partners {n}", "10.00") for n in "ABCDEFG"))
    suggestion = suggest(originator="OMEGA PARTNERS", amount="10.00", expected=expected)
    scores = [c.score for c in suggestion.candidates]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)


def test_the_matched_purchaser_comes_first_among_equals() -> None:
    expected = book(*(("Delta Fund", "10.00") for _ in range(6)), ("Delta Fund", "99.00"))
    suggestion = suggest(originator="DELTA FUND", amount="99.00", expected=expected)
    assert suggestion.matched == 7
    assert suggestion.candidates[0].purchaser_id == 7


def test_names_compare_without_accents_legal_forms_or_punctuation() -> None:
    assert normalised_name("Société Générale S.A.") == "societe generale"
    assert normalised_name("Smith & Co., Ltd.") == "smith"
    assert name_score("MULLER HOLDINGS GMBH", "Müller Holdings") == 100
    assert name_score("SMITH JOHN", "John Smith") == 100
    assert name_score("Alpha Fund", "Omega Partners") < 60


NAMES = st.sampled_from(
    ["Alpha Fund", "Alpha Funds", "Beta LLC", "John Smith", "Zoë Müller", "Gamma Ltd.", "Delta"]
)
PRICES = st.decimals(
    min_value=Decimal("1.00"),
    max_value=Decimal("5000.00"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[ExpectedPayment], list[Credit]]:
    rows = draw(st.lists(st.tuples(NAMES, PRICES), min_size=1, max_size=8))
    expected = book(*((name, str(price)) for name, price in rows))
    remittances = st.sampled_from(["", "SUBSCRIPTION", *(e.reference for e in expected)])
    credits = [
        Credit(i, amount, "USD", originator, remittance)
        for i, (amount, originator, remittance) in enumerate(
            draw(st.lists(st.tuples(PRICES, st.none() | NAMES, remittances), max_size=10))
        )
    ]
    return expected, credits


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_each_credit_goes_to_at_most_one_known_purchaser_shown_first(
    scenario: tuple[list[ExpectedPayment], list[Credit]],
) -> None:
    expected, credits = scenario
    matcher = Matcher(expected, slug=SLUG)
    known = {e.purchaser_id for e in expected}
    for credit in credits:
        suggestion = matcher.suggest(credit)
        ids = [c.purchaser_id for c in suggestion.candidates]
        assert len(ids) == len(set(ids)) <= 5
        assert all(0 < c.score <= 100 and c.reasons for c in suggestion.candidates)
        assert set(ids) <= known
        if suggestion.matched is not None:
            assert ids[0] == suggestion.matched
