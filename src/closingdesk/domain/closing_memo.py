"""The closing memorandum: what the closing came to, as counsel files it in the binder.

It states the totals (shares sold, money received against money expected, purchasers
settled and not, warrants issued), every exception with how it was resolved (or that it is
still open), and what the binder holds. The memo is data; :func:`memo_sections` lays it out
as headed figures and tables for a renderer, and :func:`memo_text` as plain text.

>>> memo = ClosingMemo(
...     issuer="NeoTherapeutics, Inc.", offering="neotherapeutics-2002",
...     closing_date=date(2002, 3, 12), shares_sold=1_500_000,
...     money_received=Decimal("2999000.00"), money_expected=Decimal("3000000.00"),
...     purchasers_settled=2, purchasers_not_settled=1, warrants_issued=2,
...     warrant_shares=375_000,
...     exceptions=(MemoException(kind="short wire", purchaser="Müller AG",
...                               amount=Decimal("1000.00"), what="wired $999,000.00"),),
...     documents=(("Executed agreements", 3), ("Warrants", 2)))
>>> print(memo_text(memo))
CLOSING MEMORANDUM
NeoTherapeutics, Inc. (neotherapeutics-2002), closing of March 12, 2002
<BLANKLINE>
Totals
  Shares sold: 1,500,000
  Money received: $2,999,000.00
  Money expected: $3,000,000.00
  Difference: short by $1,000.00
  Purchasers settled: 2
  Purchasers not settled: 1
  Warrants issued: 2, for 375,000 warrant shares
<BLANKLINE>
Exceptions
  1 exception, 1 open.
  # | Kind | Purchaser | Amount | What | Resolution
  1 | short wire | Müller AG | $1,000.00 | wired $999,000.00 | open
<BLANKLINE>
Documents in this binder
  Section | Documents
  Executed agreements | 3
  Warrants | 2
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from closingdesk.domain.agreement_form import written_date
from closingdesk.domain.money import format_shares, format_usd

TITLE = "CLOSING MEMORANDUM"
OPEN = "open"
NONE = "—"
EXCEPTION_COLUMNS = ("#", "Kind", "Purchaser", "Amount", "What", "Resolution")
DOCUMENT_COLUMNS = ("Section", "Documents")


@dataclass(frozen=True)
class MemoException:
    """An exception of the closing; ``resolution`` None while it is still open."""

    kind: str  # "short wire", "unknown wire", "late original"...
    purchaser: str | None
    amount: Decimal | None
    what: str
    resolution: str | None = None  # e.g. "refunded, reference OUT-77"


@dataclass(frozen=True)
class ClosingMemo:
    issuer: str
    offering: str  # the offering's slug
    closing_date: date
    shares_sold: int
    money_received: Decimal
    money_expected: Decimal
    purchasers_settled: int
    purchasers_not_settled: int
    warrants_issued: int
    warrant_shares: int
    exceptions: tuple[MemoException, ...] = ()
    documents: tuple[tuple[str, int], ...] = ()  # (binder section, documents), in binder order


@dataclass(frozen=True)
class MemoSection:
    """A heading over labelled figures, a sentence, and a table (columns, then its rows)."""

    heading: str
    figures: tuple[tuple[str, str], ...] = ()
    note: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def memo_subtitle(memo: ClosingMemo) -> str:
    return f"{memo.issuer} ({memo.offering}), closing of {written_date(memo.closing_date)}"


def memo_sections(memo: ClosingMemo) -> tuple[MemoSection, ...]:
    return (_totals(memo), _exceptions(memo), _documents(memo))


def memo_text(memo: ClosingMemo) -> str:
    lines = [TITLE, memo_subtitle(memo)]
    for section in memo_sections(memo):
        lines += ["", section.heading]
        lines += [f"  {label}: {value}" for label, value in section.figures]
        lines += [f"  {section.note}"] if section.note else []
        if section.rows:
            lines += ["  " + " | ".join(row) for row in (section.columns, *section.rows)]
    return "\n".join(lines)


def difference(memo: ClosingMemo) -> str:
    """Money received against money expected, in words: "short by", "over by" or "none"."""
    gap = memo.money_received - memo.money_expected
    if gap == 0:
        return "none"
    return f"{'short' if gap < 0 else 'over'} by {format_usd(abs(gap))}"


def open_exceptions(memo: ClosingMemo) -> int:
    return sum(1 for exception in memo.exceptions if exception.resolution is None)


def _totals(memo: ClosingMemo) -> MemoSection:
    warrants = f"{memo.warrants_issued:,}, for {format_shares(memo.warrant_shares)} warrant shares"
    figures = (
        ("Shares sold", format_shares(memo.shares_sold)),
        ("Money received", format_usd(memo.money_received)),
        ("Money expected", format_usd(memo.money_expected)),
        ("Difference", difference(memo)),
        ("Purchasers settled", f"{memo.purchasers_settled:,}"),
        ("Purchasers not settled", f"{memo.purchasers_not_settled:,}"),
        ("Warrants issued", warrants),
    )
    return MemoSection("Totals", figures=figures)


def _exceptions(memo: ClosingMemo) -> MemoSection:
    count = len(memo.exceptions)
    if not count:
        return MemoSection("Exceptions", note="None.")
    note = f"{count:,} exception{'' if count == 1 else 's'}, {open_exceptions(memo):,} open."
    rows = tuple(_exception_row(i, e) for i, e in enumerate(memo.exceptions, start=1))
    return MemoSection("Exceptions", note=note, columns=EXCEPTION_COLUMNS, rows=rows)


def _exception_row(number: int, exception: MemoException) -> tuple[str, ...]:
    amount = NONE if exception.amount is None else format_usd(exception.amount)
    return (
        str(number),
        exception.kind,
        exception.purchaser or NONE,
        amount,
        exception.what,
        exception.resolution or OPEN,
    )


def _documents(memo: ClosingMemo) -> MemoSection:
    heading = "Documents in this binder"
    if not memo.documents:
        return MemoSection(heading, note="None.")
    rows = tuple((section, f"{count:,}" if count else "none") for section, count in memo.documents)
    return MemoSection(heading, columns=DOCUMENT_COLUMNS, rows=rows)
