"""Amounts as bank files write them: minor units with the decimals implied by the currency.

BAI2 writes 123456 for USD 1,234.56 and for JPY 123,456: the number of decimals is the
currency's ISO 4217 exponent (2 unless listed here).

>>> from_minor_units(123456, "USD"), from_minor_units(123456, "JPY")
(Decimal('1234.56'), Decimal('123456'))
>>> shown(Decimal("1234.5"), "USD")
'1,234.50'
"""

from __future__ import annotations

from decimal import Decimal

_ZERO = ("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI")
_ZERO_TOO = ("VND", "VUV", "XAF", "XOF", "XPF")
_THREE = ("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND")
_EXPONENTS = {**dict.fromkeys((*_ZERO, *_ZERO_TOO), 0), **dict.fromkeys(_THREE, 3)}


def exponent(currency: str) -> int:
    return _EXPONENTS.get(currency, 2)


def from_minor_units(units: int, currency: str) -> Decimal:
    return Decimal(units).scaleb(-exponent(currency))


def shown(amount: Decimal, currency: str) -> str:
    places = exponent(currency)
    return f"{amount:,.{places}f}"
