"""A BAI2 file written from random wires reads back the same amounts, payers and references."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.integration.bank.conftest import read

_WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÉÜ0123456789", min_size=1, max_size=12)
_NAME = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)
_WIRE = st.tuples(st.integers(min_value=1, max_value=10**12), _NAME, _WORD)


def bai2_file(wires: list[tuple[int, str, str]]) -> str:
    total = sum(cents for cents, _, _ in wires)
    lines = ["01,BANK,US,020312,1700,1,,,2/", "02,US,BANK,1,020312,1700,USD,2/", "03,561,USD,,/"]
    for number, (cents, name, remittance) in enumerate(wires):
        lines.append(f"16,195,{cents},0,REF{number},,IMAD: 20020312QMGFT0{number:08d} ORG={name}")
        lines.append(f"88,OBI={remittance}")
    records = 2 + 2 * len(wires)
    lines += [
        f"49,{total},{records}/",
        f"98,{total},1,{records + 2}/",
        f"99,{total},1,{records + 4}/",
    ]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WIRE, min_size=1, max_size=8))
def test_wires_written_as_bai2_read_back_the_same(wires: list[tuple[int, str, str]]) -> None:
    found = read(bai2_file(wires), "random.bai2").transactions
    assert [(t.amount, t.originator, t.remittance) for t in found] == [
        (Decimal(cents).scaleb(-2), name, remittance) for cents, name, remittance in wires
    ]
    assert [t.bank_reference for t in found] == [f"REF{n}" for n in range(len(wires))]
