"""Generated purchaser books for benchmarks: N realistic rows, every column filled."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from closingdesk.domain.book.purchaser_book import BOOK_COLUMNS

FIRST = (
    "Harbor",
    "Cedar",
    "Summit",
    "Meridian",
    "Oak",
    "Pine",
    "Granite",
    "Bluewater",
    "Sakura",
    "Zürich",
    "Nordic",
    "Atlas",
    "Redwood",
    "Orion",
    "Lindqvist",
    "Παπαδόπουλος",
)
SECOND = (
    "Capital",
    "Partners",
    "Opportunity Fund",
    "Healthcare Fund",
    "Family Office",
    "Trust",
    "Master Fund Ltd.",
    "Ventures",
    "Life Sciences L.P.",
    "Holdings AG",
)


def book_rows(n: int, *, seed: int = 2002) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {i:06d}"
        rows.append(
            {
                "name": name,
                "shares": str(rng.randrange(1, 500) * 1000),
                "warrant_shares": str(rng.randrange(1, 100) * 1000) if i % 3 == 0 else "",
                "email": f"ops{i}@fund{i % 97}.example",
                "attention": "Trade Operations",
                "address": f"{i} Market Street, Suite {i % 900} | San Francisco, CA 94105",
                "fax": f"(415) 555-{i % 10000:04d}",
                "dtc_participant": str(rng.randrange(1, 9999)),
                "dtc_account": f"ACC-{i:08d}",
                "dtc_reference": f"REF-{i:08d}",
                "signer_name": "Alex Morgan",
                "signer_title": "Managing Director",
            }
        )
    return rows


def write_book(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(BOOK_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path
