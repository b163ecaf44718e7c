"""The closing memorandum: what the closing came to, as counsel files it in the binder.

It states the totals (shares sold, purchasers settled and not, warrants issued), the money
(:class:`MemoMoney`: expected, received, and apart, what was paid exactly, over (to refund),
short, not at all, and what came in from no one known: never netted, so an overpayment
never hides a shortfall), every exception with how it was resolved (or that it is still
open), and what the binder holds. The memo is data; :func:`memo_sections` lays it out as
headed figures and tables for a renderer, and :func:`memo_text` as plain text.

>>> money = money_of([(Decimal("2000000.00"), Decimal("2000000.00")),
...                   (Decimal("1000000.00"), Decimal("999000.00"))], [])
>>> memo = ClosingMemo(
...     issuer="NeoTherapeutics, Inc.", offering="neotherapeutics-2002",
...     closing_date=date(2002, 3, 12), shares_sold=1_500_000, money=money,
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
  Purchasers settled: 2
  Purchasers not settled: 1
  Warrants issued: 2, for 375,000 warrant shares
<BLANKLINE>
Money
  Expected from purchasers: $3,000,000.00 (2 purchasers)
  Received from purchasers: $2,999,000.00
  Paid exactly: $2,000,000.00 (1 purchaser)
  Over, to refund: none
  Short: $1,000.00 short (1 purchaser)
  Nothing received: none
  Unidentified (no purchaser): none
  Each line stands alone: money over from one purchaser never makes up for money short \
from another, and money from no one known is counted for no one.
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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from closingdesk.domain.documents.agreement_form import written_date
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
class Tally:
    """How many (purchasers or wires) and how much money."""

    count: int
    amount: Decimal


@dataclass(frozen=True)
class MemoMoney:
    """The closing's money, each figure apart: nothing here is netted against anything."""

    expected: Tally  # every purchaser's Purchase Price
    received: Decimal  # matched to purchasers, net of refunds
    exact: Tally  # purchasers who paid their price exactly, and that money
    over: Tally  # purchasers who paid more, and the excess still to refund
    short: Tally  # purchasers who paid part, and what they are short
    missing: Tally  # purchasers who paid nothing, and what they owe
    unidentified: Tally  # credits matched to no purchaser, and their money


def money_of(
    purchasers: Sequence[tuple[Decimal, Decimal]], unidentified: Sequence[Decimal]
) -> MemoMoney:
    """The money from each purchaser's (expected, received) and the unmatched credits."""

    def tally(pairs: Sequence[tuple[Decimal, Decimal]], amount: Callable[..., Decimal]) -> Tally:
        return Tally(len(pairs), sum((amount(e, r) for e, r in pairs), Decimal(0)))

    zero = Decimal(0)
    return MemoMoney(
        expected=tally(purchasers, lambda e, r: e),
        received=sum((r for _, r in purchasers), zero),
        exact=tally([(e, r) for e, r in purchasers if r == e], lambda e, r: r),
        over=tally([(e, r) for e, r in purchasers if r > e], lambda e, r: r - e),
        short=tally([(e, r) for e, r in purchasers if zero < r < e], lambda e, r: e - r),
        missing=tally([(e, r) for e, r in purchasers if r <= zero < e], lambda e, r: e),
        unidentified=Tally(len(unidentified), sum(unidentified, zero)),
    )


@dataclass(frozen=True)
class ClosingMemo:
    issuer: str
    offering: str  # the offering's slug
    closing_date: date
    shares_sold: int
    money: MemoMoney
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
    return (_totals(memo), _money(memo.money), _exceptions(memo), _documents(memo))


def memo_text(memo: ClosingMemo) -> str:
    lines = [TITLE, memo_subtitle(memo)]
    for section in memo_sections(memo):
        lines += ["", section.heading]
        lines += [f"  {label}: {value}" for label, value in section.figures]
        lines += [f"  {section.note}"] if section.note else []
        if section.rows:
            lines += ["  " + " | ".join(row) for row in (section.columns, *section.rows)]
    return "\n".join(lines)


def open_exceptions(memo: ClosingMemo) -> int:
    return sum(1 for exception in memo.exceptions if exception.resolution is None)


def _totals(memo: ClosingMemo) -> MemoSection:
    warrants = f"{memo.warrants_issued:,}, for {format_shares(memo.warrant_shares)} warrant shares"
    figures = (
        ("Shares sold", format_shares(memo.shares_sold)),
        ("Purchasers settled", f"{memo.purchasers_settled:,}"),
        ("Purchasers not settled", f"{memo.purchasers_not_settled:,}"),
        ("Warrants issued", warrants),
    )
    return MemoSection("Totals", figures=figures)


APART = (
    "Each line stands alone: money over from one purchaser never makes up for money short"
    " from another, and money from no one known is counted for no one."
)


def _money(money: MemoMoney) -> MemoSection:
    figures = (
        ("Expected from purchasers", _tally(money.expected, "purchaser")),
        ("Received from purchasers", format_usd(money.received)),
        ("Paid exactly", _tally(money.exact, "purchaser")),
        ("Over, to refund", _tally(money.over, "purchaser", "over")),
        ("Short", _tally(money.short, "purchaser", "short")),
        ("Nothing received", _tally(money.missing, "purchaser", "owed")),
        ("Unidentified (no purchaser)", _tally(money.unidentified, "wire")),
    )
    return MemoSection("Money", figures=figures, note=APART)


def _tally(tally: Tally, noun: str, what: str = "") -> str:
    if not tally.count:
        return "none"
    amount = f"{format_usd(tally.amount)} {what}".rstrip()
    return f"{amount} ({tally.count:,} {noun}{'' if tally.count == 1 else 's'})"


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
