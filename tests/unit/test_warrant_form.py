"""The form of warrant (Exhibit A) has the clauses a registered-direct warrant has, and the
terms switch its ownership limitation on (off by default, as in the seed's era)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from closingdesk.domain.documents.agreement_document import AGREEMENT, agreement_context
from closingdesk.domain.documents.typeset import Heading, as_text
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.domain.offering.terms_mapping import terms_from_mapping, terms_to_mapping
from closingdesk.domain.warrants.warrant import warrant_text
from closingdesk.domain.warrants.warrant_form import WARRANT_FORM
from tests.unit.test_agreement_document import ALPHA as AGREEMENT_DATA
from tests.unit.test_warrant import ALPHA


def words(text: str) -> str:
    return " ".join(text.split())


CLAUSES = {
    "splits, combinations, stock dividends": (
        "the number of Warrant Shares is multiplied, and the Exercise Price divided, by the"
        " same fraction",
        "The aggregate Exercise Price of this Warrant is therefore unchanged",
    ),
    "reclassifications": ("Reclassifications. If the Company reclassifies",),
    "fundamental transactions": (
        "all or substantially all of its assets",
        "the securities, cash and other property that a holder of one share of Common Stock"
        " received in the Fundamental Transaction",
        "unless the successor assumes in writing",
    ),
    "pro rata distributions": (
        "Pro rata distributions. If the Company distributes to all holders of its Common Stock",
    ),
    "notice of adjustments": ("Notice of adjustments. After each adjustment",),
    "amendments and waivers": (
        "may be amended, and any of its provisions waived, only by a written instrument signed"
        " by the Company and the Holder",
    ),
    "registration covenant": (
        "keep a registration statement under the Securities Act of 1933 covering the issuance"
        " of the Warrant Shares",
        "the cashless exercise of Section 1(d) is available only while it is not",
    ),
    "last day": (
        "the action may be taken or the right exercised on the next business day",
        "the Expiration Time is instead 5:00 p.m., New York City time, on the next trading day",
    ),
}


def test_the_warrant_names_one_time_zone_new_york_city_time_wherever_it_states_a_time() -> None:
    text = words(warrant_text(ALPHA))
    assert "New York City time" in text
    assert "New York time" not in text


@pytest.mark.parametrize("clause", sorted(CLAUSES))
def test_the_warrant_has_the_clause(clause: str) -> None:
    text = words(warrant_text(ALPHA))
    for wording in CLAUSES[clause]:
        assert wording in text, wording


def test_the_form_keeps_exhibit_as_structure_its_sections_numbered_in_order() -> None:
    headings = [b.text for b in WARRANT_FORM if isinstance(b, Heading)]
    numbers = [h.split(".")[0] for h in headings]
    assert numbers == [str(n) for n in range(1, 10)]
    text = warrant_text(ALPHA)
    assert text.index("COMMON STOCK PURCHASE WARRANT") < text.index("1. Exercise")
    assert text.index("IN WITNESS WHEREOF") < text.index("ANNEX 1") < text.index("ANNEX 2")


def test_without_the_option_the_warrant_states_no_ownership_limitation() -> None:
    text = words(warrant_text(ALPHA))
    assert "is not subject to any limitation on exercise" in text
    assert "4.99%" not in text and "9.99%" not in text


def test_the_option_puts_the_ownership_limitation_in_the_warrant() -> None:
    text = words(warrant_text(replace(ALPHA, ownership_limitation=True)))
    assert "would beneficially own more than 4.99% (or, if the Holder so elects" in text
    assert "9.99%" in text and "on the 61st day after the Company receives the notice" in text
    assert "is not subject to any limitation on exercise" not in text


def exhibit_a(**terms: Any) -> str:
    context = agreement_context(replace(NEOTHERAPEUTICS_2002, **terms), AGREEMENT_DATA, version=1)
    text = words(as_text(AGREEMENT, context))
    return text[text.index("EXHIBIT A") : text.index("EXHIBIT B")]


def test_the_terms_option_reaches_exhibit_a_of_the_agreement_and_is_off_by_default() -> None:
    assert NEOTHERAPEUTICS_2002.warrant_ownership_limitation is False
    assert "4.99%" not in exhibit_a()
    assert "4.99%" in exhibit_a(warrant_ownership_limitation=True)


def test_the_option_is_read_from_the_terms_as_true_or_false_only() -> None:
    mapping = terms_to_mapping(NEOTHERAPEUTICS_2002)
    terms, problems = terms_from_mapping(
        {**mapping, "warrant_ownership_limitation": True}, source="t"
    )
    assert not problems and terms is not None and terms.warrant_ownership_limitation
    absent = {k: v for k, v in mapping.items() if k != "warrant_ownership_limitation"}
    terms, _ = terms_from_mapping(absent, source="t")
    assert terms is not None and not terms.warrant_ownership_limitation
    _, problems = terms_from_mapping({**mapping, "warrant_ownership_limitation": "yes"}, source="t")
    assert [p.where for p in problems] == ["t: warrant_ownership_limitation"]
