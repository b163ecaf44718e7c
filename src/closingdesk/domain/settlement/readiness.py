"""Whether one purchaser is ready to settle, and every reason why not.

A purchaser settles (the transfer agent is instructed to credit their Shares and their
Warrant is issued) only when both sides have signed, exactly the Purchase Price was
received, and the transfer agent can act: the purchaser's DTC participant and account are
known, and the terms name the CUSIP and the transfer agent with an e-mail address to send
the instruction to. Every missing piece is a problem; all of them are listed at once.

>>> from decimal import Decimal
>>> from closingdesk.domain.book.purchaser import Purchaser, empty_checklist
>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> alpha = Purchaser(1, 1, "Alpha Fund", 1000, None, "ops@alpha.example", None, (), None,
...                   "0123", "A-1", None, None, None, empty_checklist())
>>> for problem in settlement_problems(alpha, terms, received=Decimal("1500.00")):
...     print(problem.where, "|", problem.what.split(":")[0])
purchaser 1 (Alpha Fund) | has not signed the agreement
purchaser 1 (Alpha Fund) | the company has not countersigned the agreement
purchaser 1 (Alpha Fund) | not funded exactly
terms | no CUSIP
terms | no transfer agent
"""

from __future__ import annotations

from decimal import Decimal

from stdnum import cusip as stdnum_cusip

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.money import format_usd
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.problems import Problem

TERMS = "terms"
TEMPLATE = "(see `closingdesk terms-template`)"
DWAC_DETAILS = (
    ("dtc_participant", "DTC participant number"),
    ("dtc_account", "DTC account number"),
)


def settlement_problems(
    purchaser: Purchaser, terms: OfferingTerms, *, received: Decimal
) -> tuple[Problem, ...]:
    """Every reason the purchaser cannot settle yet; empty when they can."""
    where = f"purchaser {purchaser.id} ({purchaser.name})"
    reasons = [
        *_signatures(purchaser),
        *_funding(purchaser, terms, received),
        *_dwac_details(purchaser),
        *_notice_means(purchaser),
    ]
    return (*(Problem(where, what) for what in reasons), *terms_problems(terms))


def is_ready(purchaser: Purchaser, terms: OfferingTerms, *, received: Decimal) -> bool:
    return not settlement_problems(purchaser, terms, received=received)


def terms_problems(terms: OfferingTerms) -> tuple[Problem, ...]:
    """What the terms lack for any purchaser to settle: the same for all of them."""
    reasons = [*_cusip(terms.cusip), *_transfer_agent(terms)]
    return tuple(Problem(TERMS, what) for what in reasons)


def _signatures(purchaser: Purchaser) -> list[str]:
    reasons = []
    if not purchaser.checklist.get("purchaser_signed", False):
        reasons.append("has not signed the agreement")
    if not purchaser.checklist.get("company_signed", False):
        reasons.append("the company has not countersigned the agreement")
    return reasons


def _funding(purchaser: Purchaser, terms: OfferingTerms, received: Decimal) -> list[str]:
    expected = purchaser.purchase_price(terms)
    if received == expected:
        return []
    gap = abs(received - expected)
    side = "short by" if received < expected else "over by"
    amounts = f"received {format_usd(received)}, expected {format_usd(expected)}"
    return [f"not funded exactly: {amounts} ({side} {format_usd(gap)})"]


def _dwac_details(purchaser: Purchaser) -> list[str]:
    return [
        f"DWAC details missing: no {name} (the `{field}` column of the purchaser book)"
        for field, name in DWAC_DETAILS
        if not (getattr(purchaser, field) or "").strip()
    ]


def _notice_means(purchaser: Purchaser) -> list[str]:
    """The warrant's copy goes to the notice address by e-mail or facsimile: one is needed."""
    if (purchaser.email or "").strip() or (purchaser.fax or "").strip():
        return []
    return [
        "no e-mail address or facsimile number for notices: the copy of the warrant cannot be "
        "delivered (the `email` or `fax` column of the purchaser book)"
    ]


def _cusip(cusip: str | None) -> list[str]:
    if cusip is None or not cusip.strip():
        return [f"no CUSIP: set the `cusip` key in the terms TOML {TEMPLATE}"]
    if not stdnum_cusip.is_valid(cusip):
        return [f"the CUSIP {cusip!r} is not valid: correct the `cusip` key in the terms TOML"]
    return []


def _transfer_agent(terms: OfferingTerms) -> list[str]:
    agent = terms.transfer_agent
    if agent is None:
        return [f"no transfer agent: set the `transfer_agent` table in the terms TOML {TEMPLATE}"]
    if not (agent.email or "").strip():
        return [
            f"the transfer agent {agent.name} has no e-mail address to send the DWAC "
            f"instruction to: set `transfer_agent.email` in the terms TOML {TEMPLATE}"
        ]
    return []


def settled_money_problem(
    purchaser: Purchaser, terms: OfferingTerms, *, received: Decimal, after: Decimal
) -> str | None:
    """Why a change that brings what counts for this purchaser from ``received`` to
    ``after`` is refused, or None.

    Once a purchaser's shares are instructed, the Purchase Price paid for them stays:
    only money over it may be refunded or unmatched.

    >>> from closingdesk.domain.book.purchaser import Purchaser, empty_checklist
    >>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
    >>> settled = {**empty_checklist(), "shares_instructed": True}
    >>> alpha = Purchaser(1, 1, "Alpha Fund", 1000, None, None, None, (), None,
    ...                   "0123", "A-1", None, None, None, settled)
    >>> settled_money_problem(alpha, terms, received=Decimal("2500.00"), after=Decimal("2000"))
    >>> why = settled_money_problem(alpha, terms, received=Decimal("2500"), after=Decimal("0"))
    >>> why.split("; ")[1]
    'only the excess over it, $500.00, may be refunded or unmatched'
    """
    if not purchaser.checklist.get("shares_instructed", False):
        return None
    price = purchaser.purchase_price(terms)
    if after >= price or after >= received:
        return None
    excess = max(received - price, Decimal("0.00"))
    return (
        f"purchaser {purchaser.id} ({purchaser.name}) is settled: their shares were instructed "
        f"on the Purchase Price of {format_usd(price)}, which stays; only the excess over it, "
        f"{format_usd(excess)}, may be refunded or unmatched"
    )
