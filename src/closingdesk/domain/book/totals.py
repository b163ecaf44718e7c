"""Money totals of an offering, exact to the cent.

Each purchaser's Purchase Price is rounded to the cent on its own, so an offering's total is
the sum of the rounded prices. When the price per share has at most two decimals no
rounding ever happens and the total is simply shares x price.

>>> total_price([3, 3], Decimal("0.3333"))
Decimal('2.00')
>>> total_price([1000, 2000], Decimal("2.00"))
Decimal('6000.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from closingdesk.domain.money import CENT, purchase_price


def rounds_per_purchaser(price_per_share: Decimal) -> bool:
    exponent = price_per_share.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -2


def total_price(shares: Iterable[int], price_per_share: Decimal) -> Decimal:
    return sum((purchase_price(n, price_per_share) for n in shares), Decimal("0.00"))


def price_of_total_shares(total_shares: int, price_per_share: Decimal) -> Decimal:
    """The total price of shares when no purchaser's price needs rounding."""
    if rounds_per_purchaser(price_per_share):
        raise ValueError("prices with more than two decimals must be totalled per purchaser")
    return (price_per_share * total_shares).quantize(CENT)
