"""Any purchaser's agreement reads back to the values it was rendered from."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closingdesk.domain.documents.agreement_layout import WIDTH
from closingdesk.domain.documents.agreement_text import (
    AgreementData,
    parse_agreement,
    render_agreement,
)
from closingdesk.domain.money import purchase_price
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, OfferingTerms
from tests.unit.test_agreement_text import ACME_2024

FORM_LIKE = [
    '("Purchaser"),',
    '("Purchaser"), and NeoTherapeutics, Inc. ("Company"), whereby the parties agree as follows:',
    "by and between",
    "shares",
    '(the "Shares")',
    "$2.00",
    "_________________",
    "---------",
    "Exhibit A.",
    "Purchaser Name:",
    "Address:",
    "Title:",
    "By:",
    "<PAGE>",
]
"""Text that looks like the form, to be read back as part of a value."""

characters = st.one_of(
    st.characters(categories=["L", "Nd"]),  # letters and digits of every script
    st.sampled_from(",.&'-()\"_$/#"),
)
words = st.one_of(st.text(characters, min_size=1, max_size=20), st.sampled_from(FORM_LIKE))


def texts(longest: int) -> st.SearchStrategy[str]:
    """Whitespace-normalized text: words joined by single spaces, at most ``longest`` long."""
    joined = st.lists(words, min_size=1, max_size=longest // 4).map(" ".join)
    return joined.map(lambda text: text[:longest].rstrip(" "))


optional = st.none() | texts(60)
amounts = st.one_of(
    st.integers(100, 10**9).map(lambda cents: Decimal(cents).scaleb(-2)),  # $1.00 and up
    st.integers(1, 999_999).map(lambda n: Decimal(n).scaleb(-6)),  # under $1, all digits
)


@st.composite
def agreements(draw: st.DrawFn) -> AgreementData:
    shares, price = draw(st.integers(1, 10**10)), draw(amounts)
    return AgreementData(
        purchaser_name=draw(texts(200)),
        shares=shares,
        price_per_share=price,
        purchase_price=purchase_price(shares, price),
        warrant_shares=draw(st.integers(0, 10**10)),
        exercise_price=draw(amounts),
        dtc_participant=draw(st.none() | st.integers(0, 9999).map("{:04d}".format)),
        dtc_account=draw(optional),
        dtc_reference=draw(optional),
        attention=draw(optional),
        address=tuple(draw(st.lists(texts(80), max_size=5))),
        fax=draw(optional),
        purchaser_signer_name=draw(optional),
        purchaser_signer_title=draw(optional),
        company_signer_name=draw(optional),
        company_signer_title=draw(optional),
    )


@pytest.mark.slow
@settings(max_examples=300)
@given(data=agreements(), terms=st.sampled_from([NEOTHERAPEUTICS_2002, ACME_2024]))
def test_an_agreement_reads_back_to_the_values_it_was_rendered_from(
    data: AgreementData, terms: OfferingTerms
) -> None:
    text = render_agreement(terms, data)
    assert parse_agreement(text) == (data, [])
    assert max(len(line) for line in text.split("\n")) <= WIDTH  # no word is that long here
    assert text.startswith("<PAGE>\n") and "\n\n\n<PAGE>\n\n         Purchaser DWAC" in text
    assert "\n\n<PAGE>\n\nAGREED AND ACCEPTED" in text
