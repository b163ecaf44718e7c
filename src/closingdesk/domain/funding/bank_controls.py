"""A bank file's own control figures, and whether what is read from it agrees with them.

Each format states what an account's entries add up to: BAI2 its 03 summary (type 100
total credits, 400 total debits, each with its count) and its trailers; camt.053 its
``TxsSummry`` (``TtlNtries``, ``TtlCdtNtries``, ``TtlDbtNtries``) and its opening and
closing balances; MT940 its opening (``:60F:``/``:60M:``) and closing (``:62F:``/``:62M:``)
balances. The entries read, exactly those that would be stored, are tallied and compared:
a disagreement names both figures, and the file is refused unless the user accepts it.

>>> from datetime import date
>>> day = date(2002, 3, 12)
>>> read = [BankTransaction("1", "credit", Decimal("700.00"), "USD", day),
...         BankTransaction("1", "debit", Decimal("200.00"), "USD", day)]
>>> tally = Tally.of(read)
>>> tally.credits, tally.credited, tally.net
(1, Decimal('700.00'), Decimal('500.00'))
>>> stated = Stated("TtlCdtNtries", "credit", count=2, amount=Decimal("1400.00"))
>>> disagreements("f /Stmt[1]", [stated], tally, "USD")[0].what
"TtlCdtNtries states 2 credits of 1,400.00 USD but the file's entries are 1 credit of 700.00 USD"
>>> print(balance_disagreement("f", Decimal("100"), Decimal("650"), tally, "USD").what)
the opening balance 100.00 USD and the entries (net 500.00 USD) make 600.00 USD, but the ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from closingdesk.domain.funding.bank import BankTransaction
from closingdesk.domain.money import minor_units
from closingdesk.domain.problems import Problem

ZERO = Decimal(0)


@dataclass(frozen=True)
class Tally:
    """What a set of entries adds up to; an entry booked as several transactions (a camt
    batch) is one entry."""

    credits: int = 0
    credited: Decimal = ZERO
    debits: int = 0
    debited: Decimal = ZERO

    @classmethod
    def of(cls, transactions: Iterable[BankTransaction]) -> Tally:
        entries: dict[str, set[str]] = {"credit": set(), "debit": set()}
        sums = {"credit": ZERO, "debit": ZERO}
        for number, txn in enumerate(transactions):
            entries[txn.direction].add(txn.entry or f"#{number}")
            sums[txn.direction] += txn.amount
        return cls(len(entries["credit"]), sums["credit"], len(entries["debit"]), sums["debit"])

    @property
    def net(self) -> Decimal:
        return self.credited - self.debited

    def of_direction(self, direction: str | None) -> tuple[int, Decimal]:
        if direction == "credit":
            return self.credits, self.credited
        if direction == "debit":
            return self.debits, self.debited
        return self.credits + self.debits, self.credited + self.debited


@dataclass(frozen=True)
class Stated:
    """A control figure: how many entries (None: not stated) of a direction (None: all)
    and their sum (None: not stated)."""

    label: str  # as the file names it: "TtlCdtNtries", "03 summary 100 (total credits)"
    direction: str | None
    count: int | None = None
    amount: Decimal | None = None


def disagreements(
    where: str, stated: Sequence[Stated], tally: Tally, currency: str
) -> list[Problem]:
    found = []
    for figure in stated:
        count, amount = tally.of_direction(figure.direction)
        wrong_count = figure.count is not None and figure.count != count
        wrong_amount = figure.amount is not None and figure.amount != amount
        if wrong_count or wrong_amount:
            said = _figures(figure.count, figure.amount, figure.direction, currency)
            read = _figures(count, amount, figure.direction, currency)
            what = f"{figure.label} states {said} but the file's entries are {read}"
            found.append(Problem(where, what))
    return found


def balance_disagreement(
    where: str, opening: Decimal, closing: Decimal, tally: Tally, currency: str
) -> Problem | None:
    if opening + tally.net == closing:
        return None
    what = (
        f"the opening balance {_money(opening, currency)} and the entries "
        f"(net {_money(tally.net, currency)}) make {_money(opening + tally.net, currency)}, "
        f"but the closing balance is {_money(closing, currency)}"
    )
    return Problem(where, what)


def _figures(
    count: int | None, amount: Decimal | None, direction: str | None, currency: str
) -> str:
    noun = {"credit": "credit", "debit": "debit"}.get(direction or "", "entr")
    plural = {"entr": ("entry", "entries")}.get(noun, (noun, noun + "s"))
    parts = []
    if count is not None:
        parts.append(f"{count} {plural[0] if count == 1 else plural[1]}")
    if amount is not None:
        parts.append(("of " if parts else "") + _money(amount, currency))
    return " ".join(parts)


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.{minor_units(currency)}f} {currency}"
