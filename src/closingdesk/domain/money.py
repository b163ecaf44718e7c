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

Amounts from bank files and other input are read by :func:`parse_amount` alone: digits, at
most one decimal separator, at most the currency's minor units (ISO 4217) and at most
13 integer digits; no exponent, no infinity, nothing a bank would not write.

>>> parse_amount("1.000,50", "EUR", decimal=",", group=".")
Decimal('1000.50')
>>> parse_amount("250,75", "EUR", decimal=",")
Decimal('250.75')
>>> parse_amount("100.005", "USD")
Traceback (most recent call last):
...
closingdesk.domain.money.AmountError: '100.005' has more decimals than USD has (2)
>>> parse_amount("1e3", "USD")
Traceback (most recent call last):
...
closingdesk.domain.money.AmountError: '1e3' is not an amount (digits, with '.' before the decimals)
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation

CENT = Decimal("0.01")
MAX_INTEGER_DIGITS = 13  # ten trillion less a cent: more than any wire, far below overflow

# ISO 4217 minor units; every other currency has 2.
_NO_DECIMALS = """BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"""
_THREE_DECIMALS = """BHD IQD JOD KWD LYD OMR TND"""
_FOUR_DECIMALS = """CLF UYW"""
_MINOR_UNITS = {
    **dict.fromkeys(_NO_DECIMALS.split(), 0),
    **dict.fromkeys(_THREE_DECIMALS.split(), 3),
    **dict.fromkeys(_FOUR_DECIMALS.split(), 4),
}


class AmountError(ValueError):
    """The text is not an amount of money in that currency; the message says why."""


def minor_units(currency: str) -> int:
    """How many decimals the currency has (ISO 4217): 2 for USD, 0 for JPY, 3 for KWD."""
    return _MINOR_UNITS.get(currency.upper(), 2)


def parse_amount(
    text: str, currency: str, *, decimal: str = ".", group: str | None = None, signed: bool = False
) -> Decimal:
    """An amount as written (``group`` separates thousands, in threes), or AmountError."""
    raw = text.strip()
    body = raw[1:] if signed and raw[:1] in "+-" else raw
    if group and group in body:
        body = _ungrouped(raw, body, group, decimal)
    whole, _, fraction = body.partition(decimal)
    if not _DIGITS.fullmatch(whole) or (fraction and not _DIGITS.fullmatch(fraction)):
        raise AmountError(
            f"{raw!r} is not an amount (digits, with {decimal!r} before the decimals)"
        )
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise AmountError(f"{raw!r} has more than {MAX_INTEGER_DIGITS} digits before the decimals")
    places = minor_units(currency)
    if len(fraction.rstrip("0")) > places:
        raise AmountError(f"{raw!r} has more decimals than {currency} has ({places})")
    value = Decimal(f"{whole}.{fraction or '0'}").quantize(Decimal(1).scaleb(-places))
    return -value if raw.startswith("-") else value


_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:G[0-9]{3})+")


def _ungrouped(raw: str, body: str, group: str, decimal: str) -> str:
    whole, separator, fraction = body.partition(decimal)
    if not _GROUPED.fullmatch(whole.replace(group, "G")):
        raise AmountError(f"{raw!r} does not group thousands by threes with {group!r}")
    return whole.replace(group, "") + separator + fraction


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
