"""One line of each sort, for the rule of wire actions seen through each interface.

On the seed's offering with THREE_PURCHASERS (the close of business is 17:00 in Los
Angeles, 01:00 UTC the next day):

- wire 1: Alpha Fund's exact price, at 18:30: matched by its reference, and late;
- wire 2: Beta Partners' exact price, on time: matched by its reference, then returned
- debit 3: the bank's return of wire 2;
- wire 4: 25.00 from ACME CORP, naming no one.

What the rule allows on each (the domain's docstring says why): wire 1 may be unmatched,
refunded or accepted late; wire 2 only has its return acknowledged (returned money is
neither unmatched nor refunded); the debit allows nothing; wire 4 may be matched, refunded
or voided.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.store.funding_repository import FundingRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from tests.funding_scenarios import ACCOUNT, HEADER, import_rows

ROWS = (
    f"{ACCOUNT},2002-03-12,18:30,2000000.00,USD,ALPHA FUND,NEOTHERA-00001,FW001\n"
    f"{ACCOUNT},2002-03-12,10:00,500000.00,USD,BETA PARTNERS,NEOTHERA-00002,FW002\n"
    f"{ACCOUNT},2002-03-12,12:00,-500000.00,USD,BETA PARTNERS,RETURN,FW003\n"
    f"{ACCOUNT},2002-03-12,11:00,25.00,USD,ACME CORP,SUBSCRIPTION,FW004\n"
)
CSV = HEADER + ROWS
LATE, RETURNED, RETURN_DEBIT, UNKNOWN = 1, 2, 3, 4
ALLOWED = {
    LATE: ["unmatch", "refund", "accept_late"],
    RETURNED: ["acknowledge_return"],
    UNKNOWN: ["match", "refund", "void"],
}


def returned_by_the_bank(engine: Engine) -> None:
    """The bank's debit 3 names wire 2 (as a return file would)."""
    with UnitOfWork(engine) as uow:
        FundingRepository(uow.connection).set_reverses([(RETURN_DEBIT, RETURNED)])
        uow.commit()


def one_of_each(engine: Engine, folder: Path) -> None:
    """The four lines, on an offering whose three purchasers are already in."""
    import_rows(engine, folder, ROWS, name="one-of-each.csv")
    returned_by_the_bank(engine)


def actions_in(document: dict[str, object]) -> dict[int, list[str]]:
    """transaction id -> actions, from a reconciliation document (API or `reconcile --json`)."""
    exceptions = document["exceptions"]
    unmatched = document["unmatched"]
    assert isinstance(exceptions, list) and isinstance(unmatched, list)
    found = {e["transaction_id"]: e["actions"] for e in exceptions if e["transaction_id"]}
    found.update({t["id"]: t["actions"] for t in unmatched})
    return found
