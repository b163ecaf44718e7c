"""Generated bank traffic for the reconcile and settle benchmarks: N purchasers with
realistic fund names, their wires, and nine times as much other traffic, as one BAI2 file.

Names are built from three word lists (no serial numbers: a fuzzy matcher must earn its
matches); originators are written the way banks print them (upper case, legal suffixes
shortened, some cut at 35 characters, the Fedwire field width). Most wires quote the
purchaser's payment reference; a fifth give only a name.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from closingdesk.domain.funding.payment_reference import payment_reference
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.examples.bai2_writer import Detail, bai2_text

PLACES = (
    "Harbor",
    "Cedar",
    "Summit",
    "Meridian",
    "Oakmont",
    "Pinecrest",
    "Granite",
    "Bluewater",
    "Sakura",
    "Zürich",
    "Nordic",
    "Atlas",
    "Redwood",
    "Orion",
    "Lakeshore",
    "Beacon",
    "Copper",
    "Silverline",
    "Northfield",
    "Westbrook",
    "Eastgate",
    "Southport",
    "Highland",
    "Riverbend",
    "Stonebridge",
    "Maplewood",
    "Ironwood",
    "Falcon",
    "Kestrel",
    "Osprey",
    "Sequoia",
    "Aspen",
    "Juniper",
    "Willow",
    "Hawthorne",
    "Magnolia",
    "Cypress",
    "Sterling",
    "Crescent",
    "Pioneer",
    "Liberty",
    "Heritage",
    "Keystone",
    "Frontier",
    "Horizon",
    "Evergreen",
    "Bayview",
    "Clearwater",
    "Rockport",
    "Fairhaven",
    "Glenmore",
    "Ashford",
    "Brightwater",
    "Cobalt",
    "Driftwood",
    "Ember",
)
SURNAMES = (
    "Whitcombe",
    "Okafor",
    "Lindqvist",
    "Watanabe",
    "Raman",
    "Ortiz",
    "Baptiste",
    "Chen",
    "Müller",
    "Papadopoulos",
    "Featherstone",
    "Ellsworth",
    "Northcott",
    "Harrington",
    "Kowalski",
    "Delacroix",
    "Fitzgerald",
    "Abernathy",
    "Castellano",
    "Dubois",
    "Eriksson",
    "Gallagher",
    "Hoffmann",
    "Ivanova",
    "Jablonski",
    "Kaminski",
    "Laurent",
    "Moreau",
    "Nakamura",
    "O'Brien",
    "Petrov",
    "Quinlan",
    "Rossi",
    "Schneider",
    "Takahashi",
    "Underwood",
    "Valdez",
    "Weber",
    "Yamamoto",
    "Zimmerman",
)
KINDS = (
    "Capital Partners L.P.",
    "Opportunity Fund",
    "Healthcare Fund L.P.",
    "Family Office",
    "Irrevocable Trust",
    "Master Fund Ltd.",
    "Ventures LLC",
    "Life Sciences L.P.",
    "Holdings AG",
    "Partners II L.P.",
    "Global Equity Fund",
    "Small Cap Value Fund",
    "Retirement Plan",
    "Investment Company",
    "Asset Management LLC",
    "Biotech Fund",
    "Growth Equity L.P.",
    "Strategic Fund Ltd.",
    "Income Trust",
    "Foundation",
    "Endowment",
    "Pension Fund",
    "Charitable Trust",
    "Capital LLC",
    "Advisors L.P.",
    "Offshore Fund Ltd.",
    "Select Fund",
    "Tactical Fund",
    "Special Situations Fund",
    "Long/Short Fund",
    "Absolute Return Fund",
    "Multi-Strategy Fund",
    "Private Equity L.P.",
    "Co-Investment Fund",
    "Credit Partners",
    "Opportunities Master Fund",
    "Healthcare Partners",
    "Innovation Fund",
    "Discovery Fund",
    "Frontier Fund",
    "Sciences Trust",
    "Medical Fund",
    "Research Partners",
    "Alpha Fund",
    "Equity Partners",
)
OTHER_PAYERS = (
    "ACME SUPPLY CO",
    "GLOBEX CORP",
    "INITECH LLC",
    "UMBRELLA SERVICES",
    "STARK LOGISTICS",
    "WAYNE ENTERPRISES",
    "HOOLI INC",
    "VANDELAY INDUSTRIES",
    "MASSIVE DYNAMIC",
    "SOYLENT FOODS",
)
ACCOUNT = NEOTHERAPEUTICS_2002.wire.ffc_account
OTHER_ACCOUNTS = ("066-198038-01", "066-198038-02", "561-04051-19-200")
DAY = date(2002, 3, 12)


def purchaser_names(n: int, *, seed: int = 2002) -> list[str]:
    """N distinct fund names; past the word lists' combinations, a series numeral is added."""
    combos = list(itertools.product(PLACES, SURNAMES, KINDS))
    random.Random(seed).shuffle(combos)
    names = []
    for i in range(n):
        place, surname, kind = combos[i % len(combos)]
        series = f" {['', 'II', 'III', 'IV', 'V'][i // len(combos) % 5]}".rstrip()
        names.append(f"{place} {surname} {kind}{series}")
    return names


def book_csv(names: list[str], *, dwac: bool = False) -> str:
    # settling needs DWAC details and a notice e-mail (or fax) for the warrant's copy
    header = "name,shares" + (",dtc_participant,dtc_account,email" if dwac else "")
    rows = [
        f'"{name}",{(i % 400 + 1) * 1000}'
        + (f",{i % 9000 + 100:04d},ACC-{i:08d},ops{i}@fund.example" if dwac else "")
        for i, name in enumerate(names)
    ]
    return "\n".join([header, *rows]) + "\n"


def price_of(index: int) -> Decimal:
    return NEOTHERAPEUTICS_2002.price_per_share * ((index % 400 + 1) * 1000)


def bank_file(
    names: list[str], *, other_traffic: bool = True, all_quote: bool = False, seed: int = 2002
) -> str:
    """A BAI2 day: each purchaser's wire, then 9 x N other transactions over four accounts;
    with ``all_quote`` every wire quotes its reference (all are matched)."""
    rng = random.Random(seed)
    ours = [_purchaser_wire(i, name, rng, all_quote) for i, name in enumerate(names)]
    others: dict[str, list[Detail]] = {a: [] for a in OTHER_ACCOUNTS}
    if other_traffic:
        for j, detail in zip(range(9 * len(names)), _other_traffic(rng), strict=False):
            if j % 9 == 0:
                ours.append(detail)  # a ninth of it lands on the offering's own account
            else:
                others[OTHER_ACCOUNTS[j % len(OTHER_ACCOUNTS)]].append(detail)
    created = datetime(DAY.year, DAY.month, DAY.day, 23, 50)
    accounts = {ACCOUNT: ours, **{a: d for a, d in others.items() if d}}
    return bai2_text(
        sender="CHASUS33", receiver="NEOTHERAPEU", created=created, as_of=DAY, accounts=accounts
    )


def _purchaser_wire(i: int, name: str, rng: random.Random, all_quote: bool) -> Detail:
    originator = _as_banks_print(name, rng)
    reference = payment_reference(NEOTHERAPEUTICS_2002.slug, i + 1)
    quotes = all_quote or i % 5
    remittance = f"{reference} SPA" if quotes else f"SUBSCRIPTION {originator}"
    imad = f"{DAY:%Y%m%d}QMGFT001{i:06d}"
    text = f"FEDWIRE CREDIT IMAD: {imad} ORG={originator}; OBI={remittance}"
    cents = int(price_of(i) * 100)
    clock = f"{9 + i % 8:02d}{i % 60:02d}"
    return Detail("195", cents, f"FW{i:09d}", text, value_time=clock)


def _as_banks_print(name: str, rng: random.Random) -> str:
    printed = name.upper().replace("L.P.", "LP").replace("LTD.", "LTD").replace(",", "")
    if rng.random() < 0.2:
        printed = printed.replace(" FUND", " FD").replace(" PARTNERS", " PTNRS")
    return printed[:35]


def _other_traffic(rng: random.Random) -> Iterator[Detail]:
    for k in itertools.count():
        payer = rng.choice(OTHER_PAYERS)
        cents = rng.randrange(100, 50_000_000)
        if k % 2:
            yield Detail("495", cents, f"OUT{k:09d}", f"WIRE OUT BNF={payer}; OBI=INV {k}")
        else:
            text = f"FEDWIRE CREDIT IMAD: {DAY:%Y%m%d}QMGFT002{k:06d} ORG={payer}; OBI=INVOICE {k}"
            yield Detail("195", cents, f"IN{k:09d}", text)
