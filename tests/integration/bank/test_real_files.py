"""Real public sample files of BAI2, camt.053 and MT940 (sources and licences in
tests/fixtures/bank/README.md), read exactly: per account and currency, how many credits
and debits and their sums. Each expected figure is worked out from the file itself (its
03 summaries with their item counts, its balances) or by a reference reader (the ``bai2``
and ``mt-940`` libraries), never from our own output. A file whose own figures disagree
with its entries is refused, naming both, and read with a warning only on request."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.integration.bank.conftest import FIXTURES, problems_of, read, refusal
from tests.integration.bank.reference import by_bai2_library, by_mt940_library, ours

REAL = FIXTURES / "real"
NONE = D(0)

# file -> {(account, currency): (credits, credit sum, debits, debit sum)}, and how it was
# worked out.
CONSISTENT = {
    # 03/88 summaries: 100 = 2,085.00 in 3 items, 400 = 2,085.00 in 8; then 1,115.00 in 2
    # and 1,115.00 in 4 (the bai2 library agrees)
    "moov-io_bai2_sample1.bai2": {("10200123456", "CAD"): (5, D("3200.00"), 12, D("3200.00"))},
    # by hand: one 115 detail of 4,500.00; one 115 of 5,000.00; a 218 of 200,000.00 and a
    # 195 of 100,000.00 (the summaries state no item counts; the trailers add up)
    "moov-io_bai2_sample2.bai2": {
        ("0123456789", "USD"): (1, D("4500.00"), 0, NONE),
        ("9876543210", "USD"): (1, D("5000.00"), 0, NONE),
        ("4589761203", "USD"): (2, D("300000.00"), 0, NONE),
    },
    # 03 summaries with counts: 1111111: 100 = 31.00 (3); 400 = 32.00 (3) + 307.03 (2);
    # 11111111: 100 = 37.00 (3) + 3.20 (2) + 325.93 (5); 400 = 186.51 (3) + 59.44 (2) + 9.20 (3)
    "moov-io_bai2_sample3.bai2": {
        ("1111111", "USD"): (3, D("31.00"), 5, D("339.03")),
        ("11111111", "USD"): (10, D("366.13"), 8, D("255.15")),
    },
    # 88 summaries: 100 = 4,901.96 (1) and 9,058.00 (1); 400 = 0 (0) (the library agrees)
    "mojbai2_svb_us_example.bai2": {("1234567890", "USD"): (2, D("13959.96"), 0, NONE)},
    # 88 summary: 400 = 27.65 GBP in 4 items, 100 = 0.89 GBP in 1 (the library agrees)
    "mojbai2_nwb_example.bai2": {("88888888 600004", "GBP"): (1, D("0.89"), 4, D("27.65"))},
    # :60F: 17,376.67 to :62F: 16,233.92: 1,142.75 out, in 3 debits (the library agrees)
    "wolph_citi.mt940": {("123456789", "USD"): (0, NONE, 3, D("1142.75"))},
    # OPBD 21,081,222.58 to CLBD 21,903,960.39: net 822,737.81 = 828,531.98 in, 0.20 and
    # 5,793.97 out; the second statement has no entries
    "subite_camt053_2024-03-07.xml": {
        ("LT625883379695428516", "EUR"): (1, D("828531.98"), 2, D("5794.17"))
    },
}

# Files whose own balances contradict their entries: refused unless accepted.
CONTRADICTED = {
    # :60F: 0.00 and one 12.35 debit, but :62F: 0.00 (the library reads the one debit)
    "jejik_commerzbank.mt940": (
        {("25040066/0123456789", "EUR"): (0, NONE, 1, D("12.35"))},
        "the closing balance is 0.00 EUR",
    ),
    # :60F: 0.00, credits of 3.99 and 0.01, but :62M: 5.87 (the library reads the two)
    "zilverline_deutsche_bank.mt940": (
        {("233025/40069462", "EUR"): (2, D("4.00"), 0, NONE)},
        "the closing balance is 5.87 EUR",
    ),
    # OPBD 18.15 EUR and one 8.85 credit, but CLBD 27.00 *debit*
    "genkgo_camt053.v2.minimal.xml": (
        {("NL26VAYB8060476890", "EUR"): (1, D("8.85"), 0, NONE)},
        "the closing balance is -27.00 EUR",
    ),
}


@pytest.mark.parametrize("name", sorted(CONSISTENT))
def test_a_real_file_is_read_exactly_as_its_own_figures_say(name: str) -> None:
    found = read((REAL / name).read_bytes(), name)
    assert ours(found) == CONSISTENT[name]
    assert found.warnings == ()


@pytest.mark.parametrize("name", sorted(CONTRADICTED))
def test_a_real_file_contradicting_its_balances_is_refused_unless_accepted(name: str) -> None:
    expected, figure = CONTRADICTED[name]
    content = (REAL / name).read_bytes()
    [(_, what)] = problems_of(refusal(content, name))
    assert figure in what
    accepted = read(content, name, accept_bad_totals=True)
    assert ours(accepted) == expected
    assert len(accepted.warnings) == 1


@pytest.mark.parametrize(
    "name",
    ["moov-io_bai2_sample1.bai2", "mojbai2_svb_us_example.bai2", "mojbai2_nwb_example.bai2"],
)
def test_where_the_bai2_library_reads_a_real_file_we_agree_with_it(name: str) -> None:
    text = (REAL / name).read_text(encoding="utf-8")
    assert ours(read(text, name)) == by_bai2_library(text)


@pytest.mark.parametrize(
    "name", ["wolph_citi.mt940", "jejik_commerzbank.mt940", "zilverline_deutsche_bank.mt940"]
)
def test_where_the_mt940_library_reads_a_real_file_we_agree_with_it(name: str) -> None:
    text = (REAL / name).read_text(encoding="utf-8")
    assert ours(read(text, name, accept_bad_totals=True)) == by_mt940_library(text)


def test_a_real_file_imported_again_is_the_same_entries() -> None:
    first = read((REAL / "moov-io_bai2_sample3.bai2").read_bytes(), "a")
    again = read((REAL / "moov-io_bai2_sample3.bai2").read_bytes(), "b")
    assert [t.identity_keys() for t in first.transactions] == [
        t.identity_keys() for t in again.transactions
    ]
