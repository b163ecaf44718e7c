"""The demo's bank statement: the day's BAI2 file for the offering's account.

Most purchasers wire exactly, quoting their payment reference; two give only their name; one
wires short, one wires twice, one after the close of business, two not at all yet, and one
wire names no purchaser. The bank's report also carries a fee and another account's
traffic, as real files do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from closingdesk.domain.funding.payment_reference import payment_reference
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.examples.bai2_writer import Detail, bai2_text


@dataclass(frozen=True)
class Payer:
    purchaser_id: int
    name: str
    price: Decimal


# Purchasers by their place in the demo book (1-based).
SHORT, TWICE, LATE = 2, 5, 7
BY_NAME_ONLY = {3: "ZURICH LEBENSWISSENSCHAFTEN BETEILIGUNGEN", 11: "BLUEWATER RETIREMENT PLAN"}
NOT_YET = {13, 14}
SHORT_BY = Decimal("5000.00")


def demo_bank_statement(terms: OfferingTerms, payers: Sequence[Payer]) -> str:
    day = terms.agreement_date
    details: list[Detail] = []
    for number, p in enumerate(payers, start=1):
        if number in NOT_YET:
            continue
        amount = p.price - SHORT_BY if number == SHORT else p.price
        time = "1830" if number == LATE else f"{9 + number // 3:02d}{(number * 7) % 60:02d}"
        details.append(_wire(terms, p, amount, sequence=number, time=time, number=number))
        if number == TWICE:
            details.append(
                _wire(terms, p, amount, sequence=90 + number, time="1415", number=number)
            )
    unknown = _text("20020312QMGFT001000099", "ZETA HOLDINGS LTD", "INVOICE 4411 CONSULTING")
    details.append(Detail("195", 7700000, "FW0312099", unknown, value_time="1512"))
    details.append(Detail("699", 2500, "FEE0312", "OUTGOING WIRE FEES"))
    other = {"066-555123": [Detail("175", 1250000, "DEP0312", "CHECK DEPOSIT")]}
    accounts = {terms.wire.ffc_account: details, **other}
    created = datetime(day.year, day.month, day.day, 23, 55)
    return bai2_text(
        sender="CHASUS33", receiver="NEOTHERAPEU", created=created, as_of=day, accounts=accounts
    )


def _wire(
    terms: OfferingTerms, payer: Payer, amount: Decimal, *, sequence: int, time: str, number: int
) -> Detail:
    imad = f"{terms.agreement_date:%Y%m%d}QMGFT001{sequence:06d}"
    originator = BY_NAME_ONLY.get(number, payer.name.upper()[:35])
    remittance = (
        "PURCHASE OF SHARES"
        if number in BY_NAME_ONLY
        else f"{payment_reference(terms.slug, payer.purchaser_id)} SPA PURCHASE PRICE"
    )
    cents = int(amount * 100)
    text = _text(imad, originator, remittance)
    return Detail("195", cents, f"FW{sequence:07d}", text, value_time=time)


def _text(imad: str, originator: str, remittance: str) -> str:
    return f"FEDWIRE CREDIT IMAD: {imad} ORG={originator}; OBI={remittance}"
