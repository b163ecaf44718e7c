"""Writing BAI2 files, for the demo's bank statement and the benchmarks' large ones.

Only what a bank writes for a day of wires: one group, accounts with detail (16) records,
text over continuation (88) records, and the trailers' control totals and record counts,
computed as the specification says (a trailer counts its own records, headers included).

>>> text = bai2_text(sender="CHASUS33", receiver="NEOT", created=datetime(2002, 3, 12, 18, 5),
...                  as_of=date(2002, 3, 12), accounts={"561-04051-19-103": [
...     Detail("195", 100000, "FW1", "IMAD: 20020312B1QGC01C000001 ORG=ALPHA; OBI=NEO-1")]})
>>> print(text, end='')
01,CHASUS33,NEOT,020312,1805,1,80,,2/
02,NEOT,CHASUS33,1,020312,1805,USD,2/
03,561-04051-19-103,USD/
16,195,100000,Z,FW1,,IMAD: 20020312B1QGC01C000001 ORG=ALPHA; OBI=NEO-1
49,100000,3/
98,100000,1,5/
99,100000,1,7/
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

WIDTH = 80  # the physical record length this writer keeps to


@dataclass(frozen=True)
class Detail:
    type_code: str  # "195" incoming money transfer, "495" outgoing, "555" returned item...
    cents: int
    bank_reference: str
    text: str
    value_time: str | None = None  # "1830": funds type V, value-dated on the as-of date


def bai2_text(
    *,
    sender: str,
    receiver: str,
    created: datetime,
    as_of: date,
    accounts: Mapping[str, Sequence[Detail]],
    currency: str = "USD",
) -> str:
    stamp = f"{created:%y%m%d},{created:%H%M}"
    lines = [f"01,{sender},{receiver},{stamp},1,{WIDTH},,2/"]
    group = [f"02,{receiver},{sender},1,{as_of:%y%m%d},{created:%H%M},{currency},2/"]
    group_total = 0
    for account, details in accounts.items():
        records = [f"03,{account},{currency}/"]
        for detail in details:
            records.extend(_detail_records(detail, as_of))
        total = sum(d.cents for d in details)
        records.append(f"49,{total},{len(records) + 1}/")
        group.extend(records)
        group_total += total
    group.append(f"98,{group_total},{len(accounts)},{len(group) + 1}/")
    lines.extend(group)
    lines.append(f"99,{group_total},1,{len(lines) + 1}/")
    return "\n".join(lines) + "\n"


def _detail_records(detail: Detail, as_of: date) -> Iterable[str]:
    funds = f"V,{as_of:%y%m%d},{detail.value_time}" if detail.value_time else "Z"
    head = f"16,{detail.type_code},{detail.cents},{funds},{detail.bank_reference},,"
    room = WIDTH - len(head)
    text = detail.text
    yield head + text[:room]
    rest = text[room:]
    while rest:
        # the text goes on in 88 records exactly where the line ends, mid-word if need be
        piece = rest[: WIDTH - 3]
        yield "88," + piece
        rest = rest[len(piece) :]
