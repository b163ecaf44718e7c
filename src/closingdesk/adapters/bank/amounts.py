"""Amounts as bank files write them: minor units with the decimals implied by the currency.

BAI2 writes 123456 for USD 1,234.56 and for JPY 123,456: the number of decimals is the
currency's ISO 4217 exponent (:func:`closingdesk.domain.money.minor_units`).

>>> from_minor_units(123456, "USD"), from_minor_units(123456, "JPY")
(Decimal('1234.56'), Decimal('123456'))
>>> shown(Decimal("1234.5"), "USD")
'1,234.50'
"""

from __future__ import annotations

from decimal import Decimal

from closingdesk.domain.money import minor_units


def exponent(currency: str) -> int:
    return minor_units(currency)


def from_minor_units(units: int, currency: str) -> Decimal:
    return Decimal(units).scaleb(-exponent(currency))


def shown(amount: Decimal, currency: str) -> str:
    places = exponent(currency)
    return f"{amount:,.{places}f}"
