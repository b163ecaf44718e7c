"""The closing's state rebuilt from events alone (domain.replay), and the rows that differ."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from closingdesk.domain.audit.event_chain import GENESIS, ChainedEvent, chain_event
from closingdesk.domain.audit.replay import PurchaserRow, SettledRow, WireRow, differences, replay
from closingdesk.domain.checklist import CHECKLIST


def log(*entries: tuple[str, str, dict[str, Any]]) -> list[ChainedEvent]:
    events, prev = [], GENESIS
    for seq, (kind, subject, payload) in enumerate(entries, start=1):
        event = chain_event(
            prev, seq=seq, at="2002-03-12T16:00:00Z", actor="t", kind=kind, subject=subject,
            payload=payload,
        )  # fmt: skip
        events.append(event)
        prev = event.hash
    return events


BOOK = (
    "book.imported",
    "offering:1",
    {"added": [{"id": 1, "shares": 1000, "warrant_shares": None}], "updated": []},
)
BANK = (
    "bank.imported",
    "offering:1",
    {
        "transactions": [[10, "credit", "2000.00"], [11, "credit", "50.00"]],
        "matched": [[10, 1]],
        "returns": [],
        "funded": [1],
        "no_longer_funded": [],
    },
)


def checklist(**done: bool) -> dict[str, bool]:
    return {key: done.get(key, False) for key in CHECKLIST}


def test_a_later_import_changes_the_shares_and_undoes_the_drafted_agreement() -> None:
    drafted = ("agreement.drafted", "purchaser:1", {"agreement_generated": True})
    changed = (
        "book.imported",
        "offering:1",
        {"added": [], "updated": [{"id": 1, "changes": {"shares": 1500}}]},
    )
    facts = replay(log(BOOK, drafted, changed)).purchasers[1]
    assert facts.shares == 1500
    assert facts.checklist["agreement_generated"] is False


def test_matches_unmatches_and_refunds_are_replayed_onto_each_wire() -> None:
    events = log(
        BOOK,
        BANK,
        ("funding.matched", "purchaser:1", {"transaction_id": 11, "purchaser_id": 1}),
        ("funding.refunded", "purchaser:1", {"transaction_id": 11, "amount": "20.00"}),
        ("funding.refunded", "purchaser:1", {"transaction_id": 11, "amount": "30.00"}),
        (
            "funding.unmatched",
            "purchaser:1",
            {"transaction_id": 10, "purchaser_id": 1, "no_longer_funded": [1]},
        ),
    )
    state = replay(events)
    assert (state.wires[10].purchaser_id, state.wires[11].purchaser_id) == (None, 1)
    assert state.wires[11].refunded == Decimal("50.00")
    assert state.purchasers[1].checklist["funded"] is False


def test_rows_that_agree_with_the_events_give_no_difference() -> None:
    settled = (
        "purchaser.settled",
        "purchaser:1",
        {"shares": 1000, "warrant_number": "W-0001", "warrant_shares": 250},
    )
    state = replay(log(BOOK, BANK, settled))
    rows = [PurchaserRow(1, 1000, None, checklist(funded=True, shares_instructed=True,
                                                   warrant_issued=True))]  # fmt: skip
    wires = [
        WireRow(10, "credit", Decimal("2000"), 1, Decimal(0), None),
        WireRow(11, "credit", Decimal("50.00"), None, Decimal(0), None),
    ]
    warrants = [
        SettledRow("dwac_instructions", 1, 1, 1000),
        SettledRow("warrants", 1, 1, 250, "W-0001"),
    ]
    assert differences(state, rows, wires, warrants) == []


def test_a_row_no_event_made_and_a_row_that_vanished_are_both_reported() -> None:
    state = replay(log(BOOK, BANK))
    rows = [PurchaserRow(2, 10, None, checklist())]  # 1 vanished, 2 appeared
    found = [(d.table, d.row, d.in_table) for d in differences(state, rows, [], [])]
    assert ("purchasers", 1, "no row") in found
    assert ("purchasers", 2, "present") in found
    assert ("bank_transactions", 10, "no row") in found


def test_a_bank_import_logged_before_amounts_were_is_compared_for_its_match_only() -> None:
    old = ("bank.imported", "offering:1", {"matched": [[10, 1]], "funded": [1]})
    state = replay(log(BOOK, old))
    assert state.notes and "compared for their match only" in state.notes[0]
    wires = [WireRow(10, "credit", Decimal("123.45"), 1, Decimal(0), None)]
    rows = [PurchaserRow(1, 1000, None, checklist(funded=True))]
    assert differences(state, rows, wires, []) == []
