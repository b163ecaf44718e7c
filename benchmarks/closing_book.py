"""The closing benchmark's book: N purchasers as a desk would import them, every column a
closing needs filled (an e-mail for the invitation, an individual signer for the fund, DWAC
details for the shares), named and sized as the bank file of :mod:`benchmarks.bank_statements`
expects, so that each purchaser's wire is their exact Purchase Price.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from benchmarks.bank_statements import purchaser_names
from closingdesk.domain.book.purchaser_book import BOOK_COLUMNS

SIGNERS = ("Alex Morgan", "Priya Raman", "Jonas Lindqvist", "Maria Ortiz", "Kenji Watanabe")
TITLES = ("Managing Director", "General Partner", "Chief Operating Officer", "Authorised Signatory")


def write_closing_book(path: Path, n: int, *, seed: int = 2002) -> list[str]:
    """Write the book of N purchasers to ``path``; their names, in the book's order."""
    names = purchaser_names(n, seed=seed)
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(BOOK_COLUMNS))
        writer.writeheader()
        for i, name in enumerate(names):
            writer.writerow(
                {
                    "name": name,
                    "shares": str((i % 400 + 1) * 1000),  # as bank_statements.price_of
                    "warrant_shares": "",
                    "email": f"ops{i}@fund{i % 97}.example",
                    "attention": "Trade Operations",
                    "address": f"{i + 1} Market Street, Suite {i % 900 + 1} | New York, NY 10005",
                    "fax": f"(212) 555-{i % 10000:04d}",
                    "dtc_participant": f"{i % 9000 + 100:04d}",
                    "dtc_account": f"ACC-{i:08d}",
                    "dtc_reference": f"REF-{i:08d}",
                    "signer_name": rng.choice(SIGNERS),
                    "signer_title": rng.choice(TITLES),
                }
            )
    return names
