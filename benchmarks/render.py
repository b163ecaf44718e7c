"""render: N filled text agreements rendered from the form.

Timed: ``compile_form(terms).render(data)`` for N purchasers of varied data, the call the
agreements service makes. Floor: plain ``str.format`` of the same form with the same values
(the seed's text with a format field at each blank), which cannot re-wrap anything.
"""

from __future__ import annotations

import time

from closingdesk.domain.documents.agreement_text import AgreementData, compile_form
from closingdesk.domain.money import purchase_price, warrant_shares_for
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002

TERMS = NEOTHERAPEUTICS_2002


def data(n: int) -> list[AgreementData]:
    return [
        AgreementData(
            purchaser_name=f"Meridian Life Sciences Master Fund {i:06d} Ltd.",
            shares=(i % 500 + 1) * 1000,
            price_per_share=TERMS.price_per_share,
            purchase_price=purchase_price((i % 500 + 1) * 1000, TERMS.price_per_share),
            warrant_shares=warrant_shares_for((i % 500 + 1) * 1000, TERMS.warrant_coverage),
            exercise_price=TERMS.exercise_price,
            dtc_participant=f"{i % 9999:04d}",
            dtc_account=f"ACC-{i:08d}",
            dtc_reference=f"REF-{i:08d}",
            attention="Trade Operations",
            address=(f"{i} Market Street, Suite 400", "San Francisco, CA 94105"),
            fax="(415) 555-0100",
            purchaser_signer_name="Alex Morgan",
            purchaser_signer_title="Managing Director",
        )
        for i in range(n)
    ]


def run(n: int) -> dict[str, object]:
    agreements = data(n)
    form = compile_form(TERMS)
    start = time.perf_counter()
    for agreement in agreements:
        form.render(agreement)
    seconds = time.perf_counter() - start
    floor = _floor(agreements)
    return {
        "name": "render",
        "n": n,
        "seconds": round(seconds, 3),
        "per_second": round(n / seconds),
        "floor_seconds": round(floor, 3),
        "ratio": round(seconds / floor, 2),
    }


def _floor_template() -> str:
    blank = compile_form(TERMS).blank()
    template = blank.replace("{", "{{").replace("}", "}}")
    for old, new in (
        ("between _________________", "between {name}"),
        ("(i) _______ shares", "(i) {shares} shares"),
        ("$_________ (the", "${price} (the"),
        ("up to __________ shares", "up to {warrants} shares"),
        ("DTC No.:", "DTC No.: {dtc}"),
        ("Account No.:", "Account No.: {account}"),
        ("Reference:", "Reference: {reference}"),
        ("Attn:", "Attn: {attention}"),
        ("Address:", "Address: {address}"),
        ("Facsimile:\n", "Facsimile: {fax}\n"),
    ):
        template = template.replace(old, new, 1)
    return template


def _floor(agreements: list[AgreementData]) -> float:
    template = _floor_template()
    start = time.perf_counter()
    for a in agreements:
        template.format(
            name=a.purchaser_name,
            shares=f"{a.shares:,}",
            price=f"{a.purchase_price:,.2f}",
            warrants=f"{a.warrant_shares:,}",
            dtc=a.dtc_participant,
            account=a.dtc_account,
            reference=a.dtc_reference,
            attention=a.attention,
            address="\n                  ".join(a.address),
            fax=a.fax,
        )
    return time.perf_counter() - start
