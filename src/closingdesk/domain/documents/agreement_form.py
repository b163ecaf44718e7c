"""The form Securities Purchase Agreement: the seed's wording, its blanks and what fills them.

The wording is the seed's (EDGAR exhibit 10.1 of NeoTherapeutics, Inc., March 12, 2002),
typos included; every term it states comes from :class:`OfferingTerms`, and every blank
is filled from one purchaser's :class:`AgreementData`. :func:`form_pieces` lays the form
out for one offering as lines of text and blanks still to fill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from closingdesk.domain.documents.agreement_layout import (
    NOTICE_WIDTH,
    AddressBlank,
    Blank,
    Paragraph,
    lines_of,
)
from closingdesk.domain.money import format_usd
from closingdesk.domain.offering.terms import NoticeAddress, OfferingTerms, WireInstructions


@dataclass(frozen=True)
class AgreementData:
    """One purchaser's values as they appear in the filled form.

    Precondition: every text is whitespace-normalized (``value == " ".join(value.split())``:
    no leading, trailing or repeated whitespace, no line breaks) and not empty; an absent
    value is ``None`` (an absent address is ``()``). Amounts of $1 or more are whole cents:
    the form prints cents, and a smaller amount with all its digits ($.001). The prices are
    normally the offering's; the agreement prints the ones given here.
    """

    purchaser_name: str
    shares: int
    price_per_share: Decimal
    purchase_price: Decimal
    warrant_shares: int
    exercise_price: Decimal
    dtc_participant: str | None = None  # e.g. "0123" (already zero-padded)
    dtc_account: str | None = None
    dtc_reference: str | None = None
    attention: str | None = None
    address: tuple[str, ...] = ()  # notice address lines
    fax: str | None = None
    purchaser_signer_name: str | None = None
    purchaser_signer_title: str | None = None
    company_signer_name: str | None = None
    company_signer_title: str | None = None


class Piece(Protocol):
    def render(self, values: Mapping[str, str]) -> str: ...


BLANKS = {
    "name": "_" * 17,
    "shares": "_" * 7,
    "purchase_price": "_" * 9,
    "warrant_shares": "_" * 10,
}
"""The blanks of the paragraphs, as the form prints them empty."""


def rule(start: int, end: int = 50) -> str:
    return " " * start + "-" * (end - start)


def _blank(label: str, key: str, end: int = 50) -> Blank:
    return Blank(label, rule(len(label), end), key)


TITLE = " " * 26 + "SECURITIES PURCHASE AGREEMENT"
DWAC_HEADING = "         Purchaser DWAC Instructions:"
COMPANY_NOTICES = "     Notices to the Company shall be delivered to:"
PURCHASER_NOTICES = "     Notices to Purchaser shall be delivered to:"
ACCEPTANCE = "AGREED AND ACCEPTED, as of the date indicated above:"
SIGN_HERE = "By:\n" + rule(3, 37)
DWAC = (
    _blank("         DTC No.:", "dtc_participant"),
    _blank("         Account No.:", "dtc_account"),
    _blank("         Reference:", "dtc_reference"),
)
NOTICE_NAME = _blank("         Purchaser Name:", "purchaser_name")
ATTENTION = _blank("         Attn:", "attention")
ADDRESS = AddressBlank("         Address:", rule(17), rule(9))
FAX = _blank("         Facsimile:", "fax")
COMPANY_SIGNER = (
    _blank("Name:", "company_signer_name", 37),
    _blank("Title:", "company_signer_title", 37),
)
PURCHASER = Blank("Purchaser Name:", rule(17, 37), "purchaser_name")
PURCHASER_SIGNER = (
    _blank("Name:", "purchaser_signer_name", 37),
    _blank("Title:", "purchaser_signer_title", 37),
)

OPENING = (
    'This Securities Purchaser Agreement (the "Agreement") is made as of {date} by and between'
    ' {{name}} ("Purchaser"), and {issuer} ("Company"), whereby the parties agree as follows:'
)
PURCHASE = (
    "The Purchaser shall buy from the Company and the Company agrees to sell to the Purchaser:"
    ' (i) {{shares}} shares (the "Shares") of the Company\'s {security}, par value {par} per'
    ' share (the "Common Stock"), at a price of {{price}} per share for an aggregate purchase'
    ' price of ${{purchase_price}} (the "Purchase Price"), and (ii) a {years} warrant to'
    ' purchase up to {{warrant_shares}} shares of Common Stock (the "Warrant"), at an exercise'
    " price of {{exercise_price}} per share, in the form attached hereto as Exhibit A."
)
REGISTRATION = (
    "The Shares and the Warrant are being issued and sold pursuant to a registration statement"
    " on Form {form}, File No. {file_number}, which registration statement has been declared"
    " effective by the Securities and Exchange Commission. The Company is delivering herewith"
    " a prospectus supplement on Form {rule} regarding the issuance and sale of the Shares and"
    " the Warrant prior to funding, a copy of which is attached hereto as Exhibit B. The Shares"
    " and Warrant are free of restrictive legends and the Shares and the shares of Common Stock"
    " issuable upon exercise of the Warrant, when issued upon exercise of the Warrant in"
    " accordance with its terms and as described in the prospectus supplement, will be free of"
    " any resale restrictions."
)
WIRE_ITEM = (
    "The Purchaser shall wire the Purchase Price to the Company to the account set forth below."
)
DELIVERY_ITEM = (
    "The Company shall (A) deliver a facsimile copy of the Warrant to the Purchaser at the"
    " address for notices set forth below, with the original Warrant to be delivered to such"
    " address on the next following business day,and (B) cause its transfer agent to transmit"
    " the Shares electronically to the Purchaser by crediting the account set forth below"
    " through the Deposit Withdrawal Agent Commission system."
)
GENERAL = (
    "Delivery of an executed copy of a signature page to this Agreement by facsimile"
    " transmission shall be effective as delivery of a manually executed copy of this Agreement"
    " and shall be effective and enforceable as the original. This Agreement may be executed in"
    " one or more counterparts, each of which shall be deemed an original, but all of which"
    " together shall constitute one and the same instrument. This Agreement shall be governed"
    " and construed in accordance with the internal laws of the State of {state} without giving"
    " effect to the conflicts of law principles thereunder."
)

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
NUMBERS = (
    "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip


def written_date(day: date) -> str:
    """The date as the form writes it.

    >>> written_date(date(2002, 3, 12))
    'March 12, 2002'
    """
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def years(count: int) -> str:
    """The warrant's term as the form writes it.

    >>> years(5)
    'five-year'
    """
    return f"{NUMBERS[count - 1] if 0 < count <= len(NUMBERS) else count}-year"


def blanks(terms: OfferingTerms) -> dict[str, str]:
    """The paragraphs' blanks as printed empty; the prices are the terms'."""
    prices = {"price": terms.price_per_share, "exercise_price": terms.exercise_price}
    return {**BLANKS, **{key: format_usd(amount) for key, amount in prices.items()}}


def term_texts(terms: OfferingTerms) -> dict[str, str]:
    """The terms as the paragraphs write them."""
    return {
        "date": written_date(terms.agreement_date),
        "issuer": terms.issuer_name,
        "security": terms.security_name,
        "par": format_usd(terms.par_value),
        "years": years(terms.warrant_years),
        "form": terms.registration_form,
        "file_number": terms.registration_file_number,
        "rule": terms.prospectus_rule,
        "state": terms.governing_law,
    }


def term_words(terms: OfferingTerms) -> dict[str, str]:
    """The terms as the paragraphs write them, escaped for :meth:`str.format`."""
    return {key: escape(text) for key, text in term_texts(terms).items()}


def escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def wire_texts(wire: WireInstructions) -> list[str]:
    """The company's wire instructions, a text per line of the form."""
    digits = wire.aba_routing_number
    aba = " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))  # "021 000 021"
    texts = [wire.bank_name, *wire.bank_address, f"ABA # {aba}", f"FBO {wire.fbo_name}"]
    texts += [f"A/C # {wire.fbo_account}", "For Further Credit to:", wire.ffc_name]
    return [*texts, f"A/C # {wire.ffc_account}"]


def wire_lines(wire: WireInstructions) -> list[str]:
    return [line for text in wire_texts(wire) for line in lines_of(text, " " * 13)]


def notice_texts(notice: NoticeAddress) -> list[str]:
    """The company's address for notices, a text per line of the form."""
    texts = [notice.name, *_prefixed("Attention: ", notice.attention), *_prefixed("", notice.title)]
    texts += [*notice.address, *_prefixed("Facsimile: ", notice.fax)]
    return [*texts, *_prefixed("E-mail: ", notice.email)]


def notice_lines(notice: NoticeAddress) -> list[str]:
    texts = notice_texts(notice)
    return [line for text in texts for line in lines_of(text, " " * 5, width=NOTICE_WIDTH)]


def _prefixed(label: str, value: str | None) -> list[str]:
    return [] if value is None else [label + value]


def form_pieces(terms: OfferingTerms) -> list[str | Piece]:
    """The form for ``terms``, line by line: text, paragraphs and labelled blanks."""
    words, empty = term_words(terms), blanks(terms)

    def paragraph(first: str, rest: str, text: str) -> str | Piece:
        laid_out = Paragraph(first, rest, text.format_map(words), empty)
        return laid_out.static() or laid_out

    return [
        "<PAGE>", " " * 68 + "EXHIBIT 10.1", "", "", TITLE, "", "",
        paragraph(" " * 9, "", OPENING), "",
        paragraph(" " * 9, "", PURCHASE), "",
        paragraph(" " * 9, "", REGISTRATION), "",
        " " * 9 + "Prior to the close of business on the date hereof:", "",
        paragraph(" " * 9 + "1.  ", " " * 13, WIRE_ITEM), "",
        " " * 13 + "Company Wire Transfer Instructions:", "",
        *wire_lines(terms.wire), "",
        paragraph(" " * 10 + "2. ", " " * 13, DELIVERY_ITEM), "", "",
        "<PAGE>", "", DWAC_HEADING, "", *DWAC, "",
        COMPANY_NOTICES, "", *notice_lines(terms.company_notice), "",
        PURCHASER_NOTICES, "", NOTICE_NAME, ATTENTION, ADDRESS, FAX, "",
        paragraph(" " * 9, "", GENERAL), "",
        "<PAGE>", "", ACCEPTANCE, "", *lines_of(terms.issuer_name, ""), "", "",
        SIGN_HERE, *COMPANY_SIGNER, "", "",
        PURCHASER, "", "",
        SIGN_HERE, *PURCHASER_SIGNER,
    ]  # fmt: skip
