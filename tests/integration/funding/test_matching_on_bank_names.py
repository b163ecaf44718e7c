"""Matching on what banks send: abbreviated and truncated payer names, split payments,
and a clear-name wire for less than the price shown as short."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from closingdesk.services.book.purchasers import import_book
from closingdesk.services.funding.bank_import import import_bank_file
from closingdesk.services.funding.reconciliation import funding_report, report_document
from tests.funding_scenarios import ACCOUNT
from tests.scenarios import ACTOR, NOW, book_file, example_offering

FUND = "Extremely Long Named Biotech Master Fund, Ltd."
BOOK = f"""\
name,shares,email,address,dtc_participant,dtc_account,dtc_reference
"{FUND}",150000,,,,,
Beta Partners,250000,,,,,
"""  # $300,000.00 and $500,000.00


def _statement(tmp_path: Path, details: list[tuple[int, str, str]]) -> Path:
    lines = ["01,021000021,CD,020312,1700,1,,,2/", "02,CD,021000021,1,020312,1700,USD,2/"]
    lines.append(f"03,{ACCOUNT},USD/")
    for number, (cents, reference, text) in enumerate(details, 1):
        lines.append(f"16,195,{cents},0,FW{number},{reference},{text}/")
    total = sum(cents for cents, _, _ in details)
    lines += [f"49,{total},{len(details) + 2}/", f"98,{total},1,{len(details) + 4}/"]
    lines.append(f"99,{total},1,{len(details) + 6}/")
    path = tmp_path / "s.bai2"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _book(engine: Engine, tmp_path: Path) -> None:
    example_offering(engine)
    import_book(engine, book_file(tmp_path, BOOK), offering=None, actor=ACTOR, now=NOW)


def test_two_wires_from_an_abbreviated_fund_adding_up_to_its_price_fund_it(
    engine: Engine, tmp_path: Path
) -> None:
    _book(engine, tmp_path)
    name = "ORG=EXTREMELY LONG NAMED BIOTECH MASTER FD LTD"
    path = _statement(tmp_path, [(10000000, "", name), (20000000, "", name)])
    result = import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
    assert result.matched == 2
    states = {
        f.purchaser_id: f.state for f in funding_report(engine, offering=None).result.purchasers
    }
    assert states[1] == "funded"


def test_a_name_cut_at_35_characters_still_names_its_fund(engine: Engine, tmp_path: Path) -> None:
    _book(engine, tmp_path)
    path = _statement(tmp_path, [(30000000, "", "B/O: EXTREMELY LONG NAMED BIOTECH MAST")])
    result = import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
    assert result.matched == 1


def test_a_clear_name_wire_for_less_than_the_price_is_short_against_its_purchaser(
    engine: Engine, tmp_path: Path
) -> None:
    _book(engine, tmp_path)
    path = _statement(tmp_path, [(40000000, "", "ORG=BETA PTNRS")])
    import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
    document = report_document(funding_report(engine, offering=None))
    assert [(e["kind"], e["purchaser_id"], str(e["amount"])) for e in document["exceptions"]] == [
        ("short", 2, "100000.00")
    ]
    assert [p["state"] for p in document["purchasers"]] == ["unpaid", "unpaid"]
    assert document["totals"]["funded"] == 0
