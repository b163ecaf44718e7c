"""Settlement scenarios: the seed's offering with a CUSIP and a transfer agent, three
purchasers, each signed, countersigned and paid as a test needs.

Signatures are set on the checklist directly: how purchasers sign is the signing tests'
business (and the demo's, end to end); here only their outcome matters. Money comes in
through a real bank file import.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress, OfferingTerms
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.scenarios import ACTOR, NOW, book_file

CUSIP = "99999Z107"  # fictional, with a valid check digit; the form itself gives none
TRANSFER_AGENT = NoticeAddress(
    name="Example Stock Transfer Company",
    attention="DWAC Desk",
    title=None,
    address=("1 Registry Plaza", "New York, NY 10004"),
    fax="(212) 555-0199",
    email="dwac@transfer-agent.example",
)
TERMS: OfferingTerms = dataclasses.replace(
    NEOTHERAPEUTICS_2002,
    cusip=CUSIP,
    transfer_agent=TRANSFER_AGENT,
    company_signer_name="Samuel Gulko",
    company_signer_title="Chief Financial Officer",
)

# Alpha and Beta give DWAC details; Gamma does not.
BOOK = """\
name,shares,email,fax,dtc_participant,dtc_account,dtc_reference
Alpha Fund,1000000,ops@alpha.example,(617) 555-0100,0226,A-1,REF-1
Beta Partners,250000,,(212) 555-0142,0352,B-2,
Gamma Trust,5000,gamma@trust.example,,,,
"""
PRICES = {1: "2000000.00", 2: "500000.00", 3: "10000.00"}


def closing(engine: Engine, folder: Path, terms: OfferingTerms = TERMS) -> None:
    create_offering(engine, terms, actor=ACTOR, now=NOW)
    import_book(engine, book_file(folder, BOOK), offering=None, actor=ACTOR, now=NOW)


def signed(engine: Engine, *ids: int, company: bool = True) -> None:
    with UnitOfWork(engine) as uow:
        uow.purchasers.set_checklist(ids, "purchaser_signed", done=True)
        if company:
            uow.purchasers.set_checklist(ids, "company_signed", done=True)
        uow.commit()


def paid(engine: Engine, folder: Path, *ids: int, amounts: dict[int, str] | None = None) -> None:
    """A bank file with each purchaser's wire quoting their reference (the price by default)."""
    amounts = amounts or {}
    rows = "".join(
        f"{ACCOUNT},2002-03-12,10:{i:02d},{amounts.get(i, PRICES[i])},USD,Payer {i},"
        f"NEOTHERA-{i:05d},FW{i:03d}-{len(amounts)}\n"
        for i in ids
    )
    import_rows(engine, folder, rows, name=f"bank-{'-'.join(map(str, ids))}.csv")


def ready(engine: Engine, folder: Path) -> None:
    """Alpha and Beta signed by both sides and paid exactly; Gamma nothing."""
    closing(engine, folder)
    signed(engine, 1, 2)
    paid(engine, folder, 1, 2)
