"""Bank files in: BAI2, camt.053, camt.054, MT940 and our CSV read into :class:`BankFile`.

``read_bank_file`` reads every transaction of every account in the file, credits and
debits, or refuses the whole file with every problem found (file and line, or XML path);
nothing partial is returned. ``detect_format`` tells the format from the content.
"""

from __future__ import annotations

from collections.abc import Callable

from closingdesk.adapters.bank.bai2_file import read_bai2
from closingdesk.adapters.bank.camt_file import read_camt
from closingdesk.adapters.bank.csv_file import read_csv
from closingdesk.adapters.bank.detect import detect_format
from closingdesk.adapters.bank.mt940_file import read_mt940
from closingdesk.adapters.bank.text import decode, refuse_binary
from closingdesk.domain.funding.bank import FORMATS, BankFile
from closingdesk.domain.problems import InvalidInput, Problem

__all__ = ["detect_format", "read_bank_file"]


def read_bank_file(
    content: bytes,
    *,
    source: str,
    format: str = "auto",
    accept_bad_totals: bool = False,
    default_account: str | None = None,
    decimal: str | None = None,
    keep_account: Callable[[str], bool] | None = None,
) -> BankFile:
    """The transactions of a bank file; ``accept_bad_totals`` reads a file whose own
    control figures (trailers, summaries, balances) disagree with its entries (the
    disagreements become warnings);
    ``default_account`` is the account of a CSV file without an account column, and
    ``decimal`` its decimal separator ("." or ","; None: the amounts tell);
    ``keep_account`` lets a reader leave out the transactions of the accounts it refuses,
    after checking them like the others (BAI2 does; they are counted in ``skipped``)."""
    chosen = detect_format(content, source=source) if format == "auto" else format
    if chosen in ("bai2", "mt940", "csv"):
        refuse_binary(content, source=source, format=chosen)
    if chosen == "bai2":
        return read_bai2(
            decode(content),
            source=source,
            accept_bad_totals=accept_bad_totals,
            keep_account=keep_account,
        )
    if chosen in ("camt053", "camt054"):
        return read_camt(content, source=source, format=chosen, accept_bad_totals=accept_bad_totals)
    if chosen == "mt940":
        return read_mt940(decode(content), source=source, accept_bad_totals=accept_bad_totals)
    if chosen == "csv":
        return read_csv(
            decode(content), source=source, default_account=default_account, decimal=decimal
        )
    known = ", ".join(("auto", *FORMATS))
    what = f"unknown bank file format {format!r}; use one of {known}"
    raise InvalidInput(what, [Problem(source, what)])
