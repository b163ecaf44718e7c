"""Funding exceptions: money that does not simply fund a purchaser, each with its next step.

Every exception has a ``kind`` from :data:`KINDS`, the purchaser and the wire it concerns
where there is one, the money at stake, what is wrong in words, and what to do next, naming
the ``closingdesk funding`` command that does it where one exists.

>>> e = unknown(txn_id=9, amount=Decimal("1500.00"), currency="USD", originator="ACME CORP")
>>> e.what
'wire 9 of 1,500.00 USD from ACME CORP matches no purchaser'
>>> e.next_step.split(": ")[1].split(";")[0]
'closingdesk funding match 9 PURCHASER'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

KINDS: tuple[str, ...] = (
    "short",
    "over",
    "duplicate",
    "unknown",
    "wrong_currency",
    "late",
    "returned",
)


@dataclass(frozen=True)
class FundingException:
    kind: str  # one of KINDS
    purchaser_id: int | None
    txn_id: int | None
    amount: Decimal  # the money at stake, in the currency the `what` names
    what: str
    next_step: str


@dataclass(frozen=True)
class Payer:
    """The purchaser an exception is about, as its words name them."""

    purchaser_id: int
    name: str
    price: Decimal
    currency: str

    def __str__(self) -> str:
        return f"purchaser {self.purchaser_id} ({self.name})"


def money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def _refund(txn_id: int) -> str:
    return f"closingdesk funding mark-refunded {txn_id} --reference ..."


def short(payer: Payer, *, received: Decimal, last_txn: int | None) -> FundingException:
    missing = payer.price - received
    what = f"{payer} paid {money(received, payer.currency)} of {money(payer.price, payer.currency)}"
    step = (
        f"ask {payer} for the missing {money(missing, payer.currency)}, or match a wire of "
        f"theirs: closingdesk funding match TXN {payer.purchaser_id}"
    )
    return FundingException("short", payer.purchaser_id, last_txn, missing, what, step)


def over(payer: Payer, *, excess: Decimal, txn_id: int) -> FundingException:
    what = (
        f"{payer} paid {money(excess, payer.currency)} more than the purchase price "
        f"of {money(payer.price, payer.currency)}"
    )
    step = (
        f"refund the excess and record it: {_refund(txn_id)}; or, if wire {txn_id} "
        f"is not theirs: closingdesk funding unmatch {txn_id}"
    )
    return FundingException("over", payer.purchaser_id, txn_id, excess, what, step)


def duplicate(payer: Payer, *, txn_id: int) -> FundingException:
    what = (
        f"wire {txn_id} is a second full payment of {money(payer.price, payer.currency)} by {payer}"
    )
    step = f"refund wire {txn_id} and record it: {_refund(txn_id)}"
    return FundingException("duplicate", payer.purchaser_id, txn_id, payer.price, what, step)


def unknown(
    *, txn_id: int, amount: Decimal, currency: str, originator: str | None
) -> FundingException:
    sender = originator or "an unnamed originator"
    what = f"wire {txn_id} of {money(amount, currency)} from {sender} matches no purchaser"
    step = (
        f"find who sent it and match it: closingdesk funding match {txn_id} PURCHASER; "
        f"or send it back and record it: {_refund(txn_id)}"
    )
    return FundingException("unknown", None, txn_id, amount, what, step)


def wrong_currency(
    payer: Payer, *, txn_id: int, amount: Decimal, currency: str
) -> FundingException:
    what = (
        f"wire {txn_id} of {money(amount, currency)} is matched to {payer}, whose price is "
        f"in {payer.currency}; it is not counted"
    )
    step = (
        f"send it back and ask for {money(payer.price, payer.currency)}, and record it: "
        f"{_refund(txn_id)}; or, if it is not theirs: closingdesk funding unmatch {txn_id}"
    )
    return FundingException("wrong_currency", payer.purchaser_id, txn_id, amount, what, step)


def late(
    payer: Payer, *, txn_id: int, amount: Decimal, arrived: str, close_of_business: datetime
) -> FundingException:
    deadline = close_of_business.strftime("%H:%M %Z on %Y-%m-%d").strip()
    what = (
        f"wire {txn_id} of {money(amount, payer.currency)} for {payer} arrived {arrived}, "
        f"after the close of business ({deadline})"
    )
    step = (
        "the company decides whether to accept it, with a reason: closingdesk funding "
        f"accept-late {txn_id} --reason ...; if not, send it back and record it: {_refund(txn_id)}"
    )
    return FundingException("late", payer.purchaser_id, txn_id, amount, what, step)


def returned(
    *, txn_id: int, amount: Decimal, currency: str, purchaser_id: int | None, debit_id: int
) -> FundingException:
    what = (
        f"wire {txn_id} of {money(amount, currency)} was returned or recalled "
        f"(debit {debit_id}); it is not counted"
    )
    if purchaser_id is None:
        step = "nothing to refund: the money went back to the sender"
    else:
        step = (
            f"ask purchaser {purchaser_id} to wire the purchase price again, and acknowledge "
            f"the return: closingdesk funding acknowledge-return {txn_id} --reason ..."
        )
    return FundingException("returned", purchaser_id, txn_id, amount, what, step)
