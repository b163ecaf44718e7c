"""Notices: letters addressed the way the form's notice provisions say.

Notices to the company go to its name, the attention of its officer and the officer's
title, its address and its facsimile number; notices to a purchaser go to the purchaser's
name, attention, address and facsimile, and to the e-mail address they gave. A letter is
pure data; it is sent by e-mail (its :func:`notice_text` is the body) or as a PDF.

>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> letter = notice_to_company(terms, subject="Closing", paragraphs=("Funds sent.",),
...                            dated=date(2002, 3, 12), sender=("Alpha Fund",))
>>> print(notice_text(letter))
March 12, 2002
<BLANKLINE>
To:
NeoTherapeutics, Inc.
Attention: Samuel Gulko
Senior Vice President Finance, Chief Financial Officer, Secretary and Treasurer
157 Technology Drive,
Irvine, California 92618
Facsimile: (949) 788-6706
<BLANKLINE>
From:
Alpha Fund
<BLANKLINE>
Re: Closing
<BLANKLINE>
Funds sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.agreement_form import written_date
from closingdesk.domain.documents.forms import Insert, Item
from closingdesk.domain.money import format_shares, format_usd
from closingdesk.domain.offering.terms import NoticeAddress, OfferingTerms
from closingdesk.domain.warrants.warrant import expiry_words, warrant_expiry

NOTICE_FORM: tuple[Item, ...] = (
    t.Lines("from"),  # left out, as every empty line block, when there is no sender
    t.Para("{dated}", indent_first=False),
    t.Lines("to"),
    t.Heading("Re: {subject}"),
    Insert("paragraphs"),
    t.Lines("signature"),
)
"""closingdesk's own form of notice letter (version 1 of the ``notice`` form): the frame
around the paragraphs of a notice, which its writer gives (``@paragraphs``)."""


@dataclass(frozen=True)
class NoticeLetter:
    dated: date
    to_lines: tuple[str, ...]
    from_lines: tuple[str, ...]
    subject: str
    paragraphs: tuple[str, ...]
    signature_lines: tuple[str, ...] = ()
    email: str | None = None  # where it is sent, beside the post
    fax: str | None = None


def notice_context(letter: NoticeLetter) -> t.Context:
    """Every placeholder of a notice form, filled; the paragraphs are ``p0``, ``p1``..."""
    return {
        "from": letter.from_lines,
        "dated": written_date(letter.dated),
        "to": letter.to_lines,
        "subject": letter.subject,
        "signature": letter.signature_lines,
        **{f"p{i}": text for i, text in enumerate(letter.paragraphs)},
    }


def notice_paragraphs(letter: NoticeLetter) -> list[t.Block]:
    """What ``@paragraphs`` stands for in a notice form: the letter's own paragraphs."""
    return [t.Para(f"{{p{i}}}", indent_first=False) for i in range(len(letter.paragraphs))]


def company_lines(notice: NoticeAddress) -> tuple[str, ...]:
    """A notice address as the form sets the company's: attention, then the title under it."""
    return _lines(
        notice.name,
        notice.attention and f"Attention: {notice.attention}",
        notice.title,
        *notice.address,
        notice.fax and f"Facsimile: {notice.fax}",
        notice.email and f"E-mail: {notice.email}",
    )


def purchaser_lines(purchaser: Purchaser) -> tuple[str, ...]:
    return _lines(
        purchaser.name,
        purchaser.attention and f"Attn: {purchaser.attention}",
        *purchaser.address,
        purchaser.fax and f"Facsimile: {purchaser.fax}",
        purchaser.email and f"E-mail: {purchaser.email}",
    )


def _lines(*lines: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in lines if line and line.strip())


def authorised_officer(terms: OfferingTerms) -> tuple[str, str]:
    """Who signs for the company (name, title): the named signer, else the notice attention."""
    if terms.company_signer_name:
        return terms.company_signer_name, terms.company_signer_title or ""
    notice = terms.company_notice
    return notice.attention or "", notice.title or ""


def company_signature(terms: OfferingTerms) -> tuple[str, ...]:
    name, title = authorised_officer(terms)
    return _lines("Very truly yours,", terms.issuer_name, name and f"By: {name}", title)


def notice_to_company(
    terms: OfferingTerms,
    *,
    subject: str,
    paragraphs: Sequence[str],
    dated: date,
    sender: Sequence[str] = (),
) -> NoticeLetter:
    notice = terms.company_notice
    return NoticeLetter(
        dated=dated,
        to_lines=company_lines(notice),
        from_lines=_lines(*sender),
        subject=subject,
        paragraphs=tuple(paragraphs),
        email=notice.email,
        fax=notice.fax,
    )


def notice_to_purchaser(
    purchaser: Purchaser,
    terms: OfferingTerms,
    *,
    subject: str,
    paragraphs: Sequence[str],
    dated: date,
) -> NoticeLetter:
    """A notice from the company to a purchaser, signed by its authorised officer."""
    return NoticeLetter(
        dated=dated,
        to_lines=purchaser_lines(purchaser),
        from_lines=company_lines(terms.company_notice),
        subject=subject,
        paragraphs=tuple(paragraphs),
        signature_lines=company_signature(terms),
        email=purchaser.email,
        fax=purchaser.fax,
    )


def notice_text(letter: NoticeLetter) -> str:
    """The letter as plain text: the body of the e-mail that carries it."""
    parts = [
        written_date(letter.dated),
        "\n".join(("To:", *letter.to_lines)),
        *(["\n".join(("From:", *letter.from_lines))] if letter.from_lines else []),
        f"Re: {letter.subject}",
        *letter.paragraphs,
        *(["\n".join(letter.signature_lines)] if letter.signature_lines else []),
    ]
    return "\n\n".join(parts)


def closing_confirmation(
    purchaser: Purchaser,
    terms: OfferingTerms,
    *,
    warrant_number: str,
    settled_on: date,
    warrant_issued_on: date | None = None,
) -> NoticeLetter:
    """The company's confirmation to a settled purchaser: Shares, price paid, Warrant.

    The warrant's issue date is the settlement date unless another is given.
    """
    issued = warrant_issued_on or settled_on
    expiry = expiry_words(warrant_expiry(issued, terms.warrant_years))
    shares = f"{format_shares(purchaser.shares)} shares of {terms.security_name}"
    warrant_shares = format_shares(purchaser.warrant_shares(terms))
    paragraphs = (
        f"The closing of your purchase of {shares} of {terms.issuer_name} under the Securities "
        f"Purchase Agreement dated {written_date(terms.agreement_date)} took place on "
        f"{written_date(settled_on)}. We received the Purchase Price of "
        f"{format_usd(purchaser.purchase_price(terms))} in full.",
        "We have instructed our transfer agent to credit the Shares, without restrictive "
        f"legend, through DTC's DWAC system to DTC participant {purchaser.dtc_participant}, "
        f"account {purchaser.dtc_account}" + _reference(purchaser) + ".",
        f"Warrant No. {warrant_number}, issued {written_date(issued)}, entitles you to buy up "
        f"to {warrant_shares} shares at an exercise price of {format_usd(terms.exercise_price)} "
        f"per share until {expiry}. A copy is delivered to you today and the original follows "
        "on the next business day.",
    )
    return notice_to_purchaser(
        purchaser,
        terms,
        subject=f"Closing confirmation: {terms.issuer_name}, Warrant No. {warrant_number}",
        paragraphs=paragraphs,
        dated=settled_on,
    )


def _reference(purchaser: Purchaser) -> str:
    return f", reference {purchaser.dtc_reference}" if purchaser.dtc_reference else ""
