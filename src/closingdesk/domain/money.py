"""Money and share counts as the form writes them.

Money is a :class:`~decimal.Decimal` in a currency, never a float; share counts are ``int``.

>>> format_usd(Decimal("2000000"))
'$2,000,000.00'
>>> format_usd(Decimal("0.001"))
'$.001'
>>> format_shares(1000000)
'1,000,000'
>>> to_cents_string(Decimal("2000000"))
'2000000.00'
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

CENT = Decimal("0.01")


def format_usd(amount: Decimal) -> str:
    """Dollars the way the form prints them: two decimals, or all the digits a par value has."""
    if amount < 1 and amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return "$" + format(amount.normalize(), "f").removeprefix("0")
    return f"${amount.quantize(CENT):,.2f}"


def format_shares(shares: int) -> str:
    return f"{shares:,}"


def to_cents_string(amount: Decimal) -> str:
    """Money as the JSON contract writes it: a string with two decimals."""
    return str(amount.quantize(CENT))


def parse_decimal(text: str) -> Decimal | None:
    """A decimal from user text ("2.00", "$2,000.00"), or None when it is not a number."""
    cleaned = text.strip().replace(",", "").removeprefix("$")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def purchase_price(shares: int, price_per_share: Decimal) -> Decimal:
    return (price_per_share * shares).quantize(CENT)


def warrant_shares_for(shares: int, coverage: Decimal) -> int:
    """Warrant shares = shares x coverage, rounded down to a whole share."""
    return int((coverage * shares).to_integral_value(rounding=ROUND_DOWN))
