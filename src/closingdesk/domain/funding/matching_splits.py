"""Split payments: two or more wires from one payer that add up exactly to one purchaser's
Purchase Price (a fund that wires its price in parts, from one or several of its accounts).

The wires of one file are grouped by their originator (as normalised for matching); in
each group, every combination of two or more wires in the purchaser's currency whose sum
is exactly the price of a purchaser the originator names is a *split*. One split alone,
for a purchaser named strongly, is matched automatically; otherwise each split is offered
to a person, as one candidate on each of its wires.

>>> from closingdesk.domain.funding.matching import ExpectedPayment
>>> book = [ExpectedPayment(1, "Extremely Long Named Biotech Master Fund Ltd", "NEO-00001",
...                         Decimal("3000.00"), "USD")]
>>> matcher = Matcher(book, slug="neo")
>>> wires = [Credit(0, Decimal("1000.00"), "USD", "EXTREMELY LONG NAMED BIOTECH MASTER FD LTD", ""),
...          Credit(1, Decimal("2000.00"), "USD", "EXTREMELY LONG NAMED BIOTECH MASTER FD LTD", ""),
...          Credit(2, Decimal("2000.00"), "USD", "SOMEONE ELSE", "")]
>>> [(s.purchaser_id, s.credits, s.automatic) for s in find_splits(wires, matcher)]
[(1, (0, 1), True)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from closingdesk.domain.funding.matching import Credit, Matcher
from closingdesk.domain.funding.matching_evidence import NAME_FLOOR, STRONG_NAME
from closingdesk.domain.funding.matching_names import normalised_name

MOST_PARTS = 8  # more wires from one payer are left to a person (2^8 combinations at most)


@dataclass(frozen=True)
class Split:
    purchaser_id: int
    credits: tuple[int, ...]  # the credits' txn_id, in order
    name: int  # how strongly the originator names the purchaser
    automatic: bool  # the only split of these wires and of this purchaser, named strongly

    def reason(self, total: Decimal, currency: str) -> str:
        parts = ", ".join(f"#{c}" for c in self.credits)
        return (
            f"split payment: {len(self.credits)} wires ({parts}) from this payer add up to "
            f"{total:,.2f} {currency}, the exact purchase price"
        )


def find_splits(credits: Sequence[Credit], matcher: Matcher) -> list[Split]:
    groups: defaultdict[str, list[Credit]] = defaultdict(list)
    for credit in credits:
        key = normalised_name(credit.originator or "")
        if key:
            groups[key].append(credit)
    found: list[tuple[int, tuple[int, ...], int]] = []
    for group in groups.values():
        if 2 <= len(group) <= MOST_PARTS:
            found += _group_splits(group, matcher)
    return _decided(found)


def _group_splits(group: list[Credit], matcher: Matcher) -> list[tuple[int, tuple[int, ...], int]]:
    named = matcher.named_by(group[0].originator or "")
    found = []
    for pid, score in named.items():
        if score < NAME_FLOOR:
            continue
        price = matcher.expected(pid)
        wires = [c for c in group if c.currency == price.currency and c.amount < price.amount]
        for size in range(2, len(wires) + 1):
            for parts in combinations(wires, size):
                if sum((c.amount for c in parts), Decimal(0)) == price.amount:
                    found.append((pid, tuple(c.txn_id for c in parts), score))
    return found


def _decided(found: list[tuple[int, tuple[int, ...], int]]) -> list[Split]:
    by_purchaser: defaultdict[int, int] = defaultdict(int)
    by_credit: defaultdict[int, int] = defaultdict(int)
    for pid, credits, _ in found:
        by_purchaser[pid] += 1
        for credit in credits:
            by_credit[credit] += 1
    return [
        Split(
            pid,
            credits,
            score,
            score >= STRONG_NAME
            and by_purchaser[pid] == 1
            and all(by_credit[c] == 1 for c in credits),
        )
        for pid, credits, score in found
    ]
