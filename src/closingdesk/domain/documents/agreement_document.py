"""The agreement typeset as counsel sends it: the form's own wording, set as blocks.

The paragraphs are the text form's (:mod:`closingdesk.domain.documents.agreement_form`), the values
are the text form's (:func:`closingdesk.domain.documents.agreement_text.values`), so the text, the
Word and the PDF agreement say the same thing. Exhibit A is the form of warrant filled
with this purchaser's warrant; Exhibit B is the offering's stored prospectus supplement,
whose pages the PDF attaches after a cover page naming its version and SHA-256; before one
is stored, the cover page says that it is not attached.

>>> from decimal import Decimal
>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> data = AgreementData("Alpha Fund", 1_000_000, Decimal("2.00"), Decimal("2000000.00"),
...                      250_000, Decimal("2.75"), dtc_participant="0226")
>>> text = as_text(AGREEMENT, agreement_context(terms, data, version=2))
>>> "1,000,000 shares" in text and "price of $2,000,000.00" in text and "DTC No.: 0226" in text
True
>>> agreement_footer(agreement_context(terms, data, version=2))
'Securities Purchase Agreement — Alpha Fund — v2'
>>> "is not attached" in exhibit_b_text(terms, None)
True
>>> exhibit_b_text(terms, ExhibitB(2, "ab" * 32, 7)).split(": ")[1][:41]
'version 2 as stored, 7 pages, SHA-256 aba'
"""

from __future__ import annotations

from dataclasses import dataclass

from closingdesk.domain.documents import agreement_form as form
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.documents.agreement_text import values
from closingdesk.domain.documents.forms import Insert, Item, expand
from closingdesk.domain.documents.typeset import (
    Block,
    Context,
    Fields,
    Heading,
    Lines,
    PageBreak,
    Para,
    Signature,
    Title,
    as_text,
)
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.warrants.warrant import warrant_context, warrant_for_agreement
from closingdesk.domain.warrants.warrant_form import WARRANT_FORM

__all__ = ["AGREEMENT", "ExhibitB", "agreement_context", "agreement_footer", "as_text"]

FOOTER = "Securities Purchase Agreement — {purchaser_name} — v{version}"
OPTIONAL = (
    "dtc_participant", "dtc_account", "dtc_reference", "attention", "fax",
    "purchaser_signer_name", "purchaser_signer_title",
    "company_signer_name", "company_signer_title",
)  # fmt: skip


SUPPLEMENT = (
    "The prospectus supplement on Form {rule} regarding the issuance and sale of the Shares"
    " and the Warrant, under the Company's registration statement on Form {form}, File No."
    " {file_number}"
)


@dataclass(frozen=True)
class ExhibitB:
    """The stored prospectus supplement attached to an agreement as Exhibit B."""

    version: int
    sha256: str
    pages: int


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _one_level(template: str) -> str:
    """The form's two-level template ("{date}" for terms, "{{name}}" for values) as one."""
    return template.format_map(_Fields())


def _para(template: str) -> Para:
    return Para(_one_level(template))


BODY: tuple[Block, ...] = (
    Title("SECURITIES PURCHASE AGREEMENT"),
    _para(form.OPENING),
    _para(form.PURCHASE),
    _para(form.REGISTRATION),
    Para("Prior to the close of business on the date hereof:"),
    Para(_one_level(form.WIRE_ITEM), number="1."),
    Heading("Company Wire Transfer Instructions:"),
    Lines("wire_lines", boxed=True),
    Para(_one_level(form.DELIVERY_ITEM), number="2."),
    Heading("Purchaser DWAC Instructions:"),
    Fields(
        (
            ("DTC No.:", "dtc_participant"),
            ("Account No.:", "dtc_account"),
            ("Reference:", "dtc_reference"),
        )
    ),
    Heading("Notices to the Company shall be delivered to:"),
    Lines("company_notice_lines"),
    Heading("Notices to Purchaser shall be delivered to:"),
    Fields(
        (
            ("Purchaser Name:", "purchaser_name"),
            ("Attn:", "attention"),
            ("Address:", "address"),
            ("Facsimile:", "fax"),
        )
    ),
    _para(form.GENERAL),
    PageBreak(),
    Para(form.ACCEPTANCE, indent_first=False),
    Signature(
        "{issuer}",
        (("By:", None), ("Name:", "company_signer_name"), ("Title:", "company_signer_title")),
        lead="COMPANY:",
        signer="company",
    ),
    Signature(
        "{purchaser_name}",
        (("By:", None), ("Name:", "purchaser_signer_name"), ("Title:", "purchaser_signer_title")),
        lead="PURCHASER:",
        signer="purchaser",
    ),
)
EXHIBITS_FORM: tuple[Item, ...] = (
    PageBreak(),
    Heading("EXHIBIT A — FORM OF WARRANT", centered=True),
    Insert("warrant"),
    PageBreak(),
    Title("EXHIBIT B", "PROSPECTUS SUPPLEMENT"),
    Para("{exhibit_b}", indent_first=False),
)
AGREEMENT_FORM: tuple[Item, ...] = BODY + EXHIBITS_FORM
"""closingdesk's own agreement form (version 1 of the ``agreement`` form): ``@warrant``
stands for the form of warrant in use with it."""
EXHIBITS: tuple[Block, ...] = tuple(expand(EXHIBITS_FORM, {"warrant": lambda: WARRANT_FORM}))
AGREEMENT: tuple[Block, ...] = BODY + EXHIBITS
"""The whole typeset agreement of closingdesk's own forms, exhibits included."""


def agreement_context(
    terms: OfferingTerms, data: AgreementData, *, version: int, exhibit_b: ExhibitB | None = None
) -> Context:
    """Every field of :data:`AGREEMENT` filled for one purchaser; a value left out is ""."""
    warrant = warrant_context(warrant_for_agreement(terms, data))
    return {
        "exhibit_b": exhibit_b_text(terms, exhibit_b),
        **dict.fromkeys(OPTIONAL, ""),
        **warrant,
        **form.term_texts(terms),
        **values(data),
        "wire_lines": tuple(form.wire_texts(terms.wire)),
        "company_notice_lines": tuple(form.notice_texts(terms.company_notice)),
        "version": str(version),
    }


def agreement_footer(context: Context) -> str:
    return FOOTER.format_map(context)


def exhibit_b_text(
    terms: OfferingTerms, exhibit: ExhibitB | None, *, pages_follow: bool = True
) -> str:
    """What Exhibit B's cover page says: which supplement follows, or that none does yet.
    ``pages_follow`` False: a copy that cannot carry the pages (Word) names the PDF's."""
    supplement = SUPPLEMENT.format_map(form.term_texts(terms))
    if exhibit is None:
        return (
            f"{supplement}, has not yet been stored with this agreement, so it is not attached"
            " to this copy. The Purchaser should not sign until a copy with it attached is"
            " provided."
        )
    pages = f"{exhibit.pages} page{'s' if exhibit.pages != 1 else ''}"
    where = (
        "It is the pages that follow this page"
        if pages_follow
        else "Its pages follow this page in the PDF of this agreement"
    )
    return (
        f"{supplement}, is attached hereto as Exhibit B. {where}:"
        f" version {exhibit.version} as stored, {pages}, SHA-256 {exhibit.sha256}."
    )
