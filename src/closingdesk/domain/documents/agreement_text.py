"""The agreement as text: one purchaser's Securities Purchase Agreement, true to the form.

The form is the seed's plain text, 80 columns, ``<PAGE>`` markers and all. Compiled once
for an offering's terms (:func:`compile_form`), it renders the blank form or a purchaser's
filled agreement; :func:`parse_agreement` reads a filled agreement back into the values
that filled it, and says what is wrong with a text that disagrees with itself.

A paragraph keeps the form's line breaks unless a value makes a line longer than the
measure; then the paragraph is broken again, greedily, within the form's margins. Values
are never cut inside a word, so ``parse_agreement(render_agreement(terms, data))`` gives
``data`` back for any data meeting :class:`AgreementData`'s precondition.

>>> from decimal import Decimal
>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> data = AgreementData("Alpha Fund", 1_000_000, Decimal("2.00"), Decimal("2000000.00"),
...                      250_000, Decimal("2.75"), dtc_participant="0226")
>>> text = render_agreement(terms, data)
>>> print(text[text.index("Purchaser DWAC"):].split("\\n\\n")[1])
         DTC No.: 0226
                 ---------------------------------
         Account No.:
                     -----------------------------
         Reference:
                   -------------------------------
>>> parse_agreement(text) == (data, [])
True
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from closingdesk.domain.documents.agreement_form import (
    AgreementData,
    Piece,
    blanks,
    escape,
    form_pieces,
)
from closingdesk.domain.documents.agreement_parse import parse_agreement
from closingdesk.domain.money import format_shares, format_usd
from closingdesk.domain.offering.terms import OfferingTerms

__all__ = [
    "AgreementData",
    "AgreementForm",
    "compile_form",
    "parse_agreement",
    "render_agreement",
    "render_blank",
]


class AgreementForm:
    """The form for one offering's terms, laid out once, ready to fill many times.

    Filling is string formatting, plus re-breaking the paragraphs a value overflows.
    """

    def __init__(self, terms: OfferingTerms) -> None:
        pieces = form_pieces(terms)
        self._pieces: tuple[Piece, ...] = tuple(p for p in pieces if not isinstance(p, str))
        self._format = "\n".join(escape(p) if isinstance(p, str) else "{}" for p in pieces)
        self._blank = self._fill(blanks(terms))

    def blank(self) -> str:
        return self._blank

    def render(self, data: AgreementData) -> str:
        return self._fill(values(data))

    def _fill(self, values: Mapping[str, str]) -> str:
        return self._format.format(*[piece.render(values) for piece in self._pieces])


@lru_cache(maxsize=64)
def compile_form(terms: OfferingTerms) -> AgreementForm:
    """The form for ``terms``, laid out on first use and then reused (terms are frozen)."""
    return AgreementForm(terms)


def render_blank(terms: OfferingTerms) -> str:
    return compile_form(terms).blank()


def render_agreement(terms: OfferingTerms, data: AgreementData) -> str:
    return compile_form(terms).render(data)


def values(data: AgreementData) -> dict[str, str]:
    """What goes in each blank; a blank left out of the result stays empty."""
    filled = {
        "name": data.purchaser_name,
        "purchaser_name": data.purchaser_name,
        "shares": format_shares(data.shares),
        "price": format_usd(data.price_per_share),
        "purchase_price": format_usd(data.purchase_price)[1:],
        "warrant_shares": format_shares(data.warrant_shares),
        "exercise_price": format_usd(data.exercise_price),
        "address": "\n".join(data.address),
    }
    optional = {
        "dtc_participant": data.dtc_participant,
        "dtc_account": data.dtc_account,
        "dtc_reference": data.dtc_reference,
        "attention": data.attention,
        "fax": data.fax,
        "purchaser_signer_name": data.purchaser_signer_name,
        "purchaser_signer_title": data.purchaser_signer_title,
        "company_signer_name": data.company_signer_name,
        "company_signer_title": data.company_signer_title,
    }
    return filled | {key: value for key, value in optional.items() if value is not None}
