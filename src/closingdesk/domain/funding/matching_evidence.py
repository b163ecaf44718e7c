"""The evidence that a credit comes from one purchaser, and when it is enough to match.

Each piece of evidence is weighed as a person would: the purchaser's payment reference in
the remittance settles it (score 100); otherwise the name, as the originator or in the
remittance, scores as rapidfuzz says, a little more when the amount is the exact Purchase
Price; an exact amount alone is a hint (50 when no other purchaser has that price, 30 when
a few do), never a match.

A credit is matched automatically only when one purchaser alone is *plausible* (named by a
reference; or paying exactly their price and named at 90 or more, or at 75 or more when no
one else has that price): namesakes are told apart by the one whose price was paid, and
two who were both paid their price are left to a person. A name without the reference or
the price is never enough on its own: namesakes of purchasers send other money to the same
account (in the benchmark's traffic, 2% of the unrelated credits bore a purchaser's name).
Anything else is left to a person, with the candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from closingdesk.domain.funding.matching import Credit, ExpectedPayment

NAME_FLOOR = 70  # below this a name is no evidence: a shared surname scores about 60-70
STRONG_NAME = 90
FAIR_NAME = 75  # enough when the amount is a price no one else has
AMOUNT_BONUS = 10
SHORT_REASON = "a clear name alone, for less than the purchase price: shown as short"
UNIQUE_PRICE, SHARED_PRICE = 50, 30


@dataclass(frozen=True, slots=True)
class Evidence:
    purchaser_id: int
    by_reference: bool
    by_originator: int  # name scores, 0 below NAME_FLOOR
    in_remittance: int
    amount: bool  # the exact purchase price, in the purchaser's currency
    sharing_price: int  # how many purchasers have that price (when `amount`)
    name: int  # the better name score
    score: int

    @property
    def plausible(self) -> bool:
        if self.by_reference:
            return True
        if not self.amount:
            return False
        return self.name >= STRONG_NAME or (self.sharing_price == 1 and self.name >= FAIR_NAME)


def weigh(
    purchaser_id: int,
    *,
    by_reference: bool,
    by_originator: int,
    in_remittance: int,
    amount: bool,
    sharing_price: int,
) -> Evidence:
    name = max(by_originator, in_remittance)
    if by_reference:
        score = 100
    elif name:
        score = min(100, name + (AMOUNT_BONUS if amount else 0))
    elif amount:
        score = UNIQUE_PRICE if sharing_price == 1 else SHARED_PRICE
    else:
        score = 0
    return Evidence(
        purchaser_id, by_reference, by_originator, in_remittance, amount, sharing_price, name, score
    )


def decide(ranked: Sequence[Evidence]) -> int | None:
    """The purchaser the evidence names alone, or None: ``ranked`` is best first."""
    referenced = [e for e in ranked if e.by_reference]
    if referenced:
        return referenced[0].purchaser_id if len(referenced) == 1 else None
    # Plausible without a reference means paid exactly this purchaser's price: a namesake
    # who was not paid their price is no rival, two who were are for a person to tell apart.
    plausible = [e for e in ranked if e.plausible]
    return plausible[0].purchaser_id if len(plausible) == 1 else None


def reasons(evidence: Evidence, credit: Credit, expected: ExpectedPayment) -> tuple[str, ...]:
    """The evidence in words, as a person checking the match reads it."""
    found = []
    if evidence.by_reference:
        found.append(f"reference {expected.reference} in the remittance")
    if evidence.by_originator:
        found.append(
            f"originator '{credit.originator}' is {evidence.by_originator}% like '{expected.name}'"
        )
    if evidence.in_remittance == 100:
        found.append(f"the remittance names '{expected.name}'")
    elif evidence.in_remittance:
        found.append(f"the remittance is {evidence.in_remittance}% like '{expected.name}'")
    if evidence.amount:
        found.append(_amount_reason(evidence.sharing_price))
    if credit.currency != expected.currency:
        found.append(f"paid in {credit.currency}, the price is in {expected.currency}")
    return tuple(found)


def _amount_reason(sharing_price: int) -> str:
    if sharing_price <= 1:
        return "amount is the exact purchase price"
    return f"amount is the exact purchase price (as for {sharing_price - 1} other purchasers)"
