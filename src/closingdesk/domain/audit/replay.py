"""Replaying the event log: the closing's state rebuilt from the events alone, and every
table row that differs from it.

The hash chain proves the log was not edited; replay proves the tables still say what the
log says, so a direct edit of a table (a purchaser's shares, a wire's amount, a warrant's
shares) is caught. What is rebuilt:

- each purchaser's shares and warrant-share override (``book.imported``) and every
  checklist item (the events that tick them: see ``TICKS``; ``funded`` from the
  ``funded``/``no_longer_funded`` lists of the bank and funding events);
- each bank transaction's direction and amount (``bank.imported``), the purchaser it is
  matched to (``bank.imported``, ``funding.matched``/``unmatched``), the amount refunded
  (``funding.refunded``) and the credit a return reverses;
- each settled purchaser's DWAC instruction and warrant: shares, warrant number and
  warrant shares (``purchaser.settled``). A run settles in phases: ``settlement.run`` lists
  the purchasers it decided (their instruction, ``shares_instructed``, and the warrant
  number allocated), each ``purchaser.settled`` follows once their warrant is attached
  (``warrant_issued``), and ``settlement.completed`` once the run's letter and CSV are; a
  purchaser decided whose warrant is not attached yet has no warrant row, rightly. Runs
  logged before the phases have no list in ``settlement.run``.

>>> from closingdesk.domain.audit.event_chain import GENESIS, chain_event
>>> e = chain_event(GENESIS, seq=1, at="t", actor="a", kind="book.imported", subject="offering:1",
...     payload={"added": [{"id": 7, "shares": 1000, "warrant_shares": None}], "updated": []})
>>> replay([e]).purchasers[7].shares
1000
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.checklist import CHECKLIST

# The events that tick one checklist item of the purchaser they are about. An event whose
# payload has "ticks" says itself which item it ticked (None: none); these are the events
# of before (a copy sent by one of two means ticks nothing yet; a dispatched original, since
# delivery is what counts, neither).
TICKS: Mapping[str, str] = {
    "prospectus.delivered": "prospectus_delivered",
    "agreement.signed": "purchaser_signed",
    "agreement.countersigned": "company_signed",
    "shares.confirmed": "shares_confirmed",
    "warrant_copy.sent": "warrant_copy_delivered",
    "warrant.original_dispatched": "warrant_original_delivered",
}
SETTLED_ITEMS = ("shares_instructed", "warrant_issued")


@dataclass
class PurchaserFacts:
    shares: int | None = None
    warrant_shares: int | None = None  # the book's override, None: the terms' coverage
    checklist: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(CHECKLIST, False))


@dataclass
class WireFacts:
    direction: str | None  # None (with amount): imported before the log carried amounts
    amount: Decimal | None
    purchaser_id: int | None = None
    refunded: Decimal = Decimal(0)
    reverses_id: int | None = None


@dataclass(frozen=True)
class SettledFacts:
    shares: int
    warrant_number: str
    warrant_shares: int


@dataclass
class Replayed:
    purchasers: dict[int, PurchaserFacts] = field(default_factory=dict)
    wires: dict[int, WireFacts] = field(default_factory=dict)
    settled: dict[int, SettledFacts] = field(default_factory=dict)  # by purchaser
    warrant_pending: set[int] = field(default_factory=set)  # decided, warrant not attached yet
    notes: list[str] = field(default_factory=list)  # what could not be replayed, and why


def replay(events: Iterable[ChainedEvent]) -> Replayed:
    state = Replayed()
    for event in events:
        _apply(state, event)
    return state


def _apply(state: Replayed, event: ChainedEvent) -> None:
    kind, payload = event.kind, event.payload
    subject = _purchaser_of(event.subject)
    if kind == "book.imported":
        _book(state, payload)
    elif kind == "agreement.drafted" and subject is not None:
        if payload.get("agreement_generated"):
            _purchaser(state, subject).checklist["agreement_generated"] = True
    elif subject is not None and ("ticks" in payload or kind in TICKS):
        item = payload["ticks"] if "ticks" in payload else TICKS[kind]
        if item is not None:
            _purchaser(state, subject).checklist[str(item)] = True
    elif kind == "purchaser.settled" and subject is not None:
        state.settled[subject] = SettledFacts(
            int(payload["shares"]), str(payload["warrant_number"]), int(payload["warrant_shares"])
        )
        state.warrant_pending.discard(subject)
        for item in SETTLED_ITEMS:
            _purchaser(state, subject).checklist[item] = True
    elif kind == "settlement.run":
        for decided in payload.get("purchasers", ()):
            pid = int(decided["purchaser_id"])
            state.settled[pid] = SettledFacts(
                int(decided["shares"]),
                str(decided["warrant_number"]),
                int(decided["warrant_shares"]),
            )
            state.warrant_pending.add(pid)
            _purchaser(state, pid).checklist["shares_instructed"] = True
    elif kind == "bank.imported":
        _bank(state, event)
    elif kind == "funding.matched":
        _wire(state, payload["transaction_id"]).purchaser_id = int(payload["purchaser_id"])
    elif kind == "funding.unmatched":
        _wire(state, payload["transaction_id"]).purchaser_id = None
    elif kind == "funding.refunded":
        _wire(state, payload["transaction_id"]).refunded += Decimal(str(payload["amount"]))
    if kind.startswith(("bank.", "funding.")):
        for pid in payload.get("funded", ()):
            _purchaser(state, int(pid)).checklist["funded"] = True
        for pid in payload.get("no_longer_funded", ()):
            _purchaser(state, int(pid)).checklist["funded"] = False


def _book(state: Replayed, payload: Mapping[str, Any]) -> None:
    for added in payload.get("added", ()):
        facts = _purchaser(state, int(added["id"]))
        facts.shares = int(added["shares"])
        facts.warrant_shares = _optional_int(added.get("warrant_shares"))
    for updated in payload.get("updated", ()):
        facts = _purchaser(state, int(updated["id"]))
        changes = updated.get("changes", {})
        if "shares" in changes:
            facts.shares = int(changes["shares"])
        if "warrant_shares" in changes:
            facts.warrant_shares = _optional_int(changes["warrant_shares"])
        facts.checklist["agreement_generated"] = False  # a changed row is drafted again


def _bank(state: Replayed, event: ChainedEvent) -> None:
    payload = event.payload
    listed = payload.get("transactions")
    if listed is None:
        state.notes.append(
            f"event {event.seq} (bank.imported) predates amounts in the log: the wires it "
            "added are compared for their match only"
        )
    for txn_id, direction, amount in listed or ():
        state.wires[int(txn_id)] = WireFacts(str(direction), Decimal(str(amount)))
    for txn_id, purchaser_id in payload.get("matched", ()):
        _wire(state, txn_id).purchaser_id = int(purchaser_id)
    for debit_id, credit_id in payload.get("returns", ()):
        _wire(state, debit_id).reverses_id = int(credit_id)


def _purchaser(state: Replayed, purchaser_id: int) -> PurchaserFacts:
    return state.purchasers.setdefault(purchaser_id, PurchaserFacts())


def _wire(state: Replayed, txn_id: Any) -> WireFacts:
    return state.wires.setdefault(int(txn_id), WireFacts(None, None))


def _purchaser_of(subject: str) -> int | None:
    kind, _, number = subject.partition(":")
    return int(number) if kind == "purchaser" and number.isdigit() else None


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


# --- the tables, as read, and how they differ from the replay -----------------------------


@dataclass(frozen=True)
class PurchaserRow:
    id: int
    shares: int
    warrant_shares: int | None
    checklist: Mapping[str, bool]


@dataclass(frozen=True)
class WireRow:
    id: int
    direction: str
    amount: Decimal
    purchaser_id: int | None
    refunded: Decimal
    reverses_id: int | None


@dataclass(frozen=True)
class SettledRow:
    """A row of dwac_instructions (warrant fields None) or of warrants (shares None)."""

    table: str
    id: int
    purchaser_id: int
    shares: int
    warrant_number: str | None = None


@dataclass(frozen=True, order=True)
class Difference:
    table: str
    row: int
    column: str
    in_table: str
    from_events: str

    def __str__(self) -> str:
        return (
            f"{self.table} row {self.row}, {self.column}: the table says {self.in_table}, "
            f"the events say {self.from_events}"
        )


def differences(
    replayed: Replayed,
    purchasers: Iterable[PurchaserRow],
    wires: Iterable[WireRow],
    settled: Iterable[SettledRow],
) -> list[Difference]:
    """Every table row (column) that says something other than the events."""
    found: list[Difference] = []
    purchasers = list(purchasers)
    for p in purchasers:
        facts = replayed.purchasers.get(p.id)
        if facts is None or facts.shares is None:
            found.append(Difference("purchasers", p.id, "(row)", "present", "no import added it"))
            continue
        _differ(found, "purchasers", p.id, "shares", p.shares, facts.shares)
        _differ(found, "purchasers", p.id, "warrant_shares", p.warrant_shares, facts.warrant_shares)
        for item in CHECKLIST:
            _differ(found, "purchasers", p.id, item, p.checklist[item], facts.checklist[item])
    wires = list(wires)
    for w in wires:
        fact = replayed.wires.get(w.id)
        if fact is None:
            found.append(
                Difference("bank_transactions", w.id, "(row)", "present", "no import added it")
            )
            continue
        if fact.amount is not None:
            _differ(found, "bank_transactions", w.id, "direction", w.direction, fact.direction)
            _differ(found, "bank_transactions", w.id, "amount", w.amount, fact.amount)
        _differ(found, "bank_transactions", w.id, "purchaser_id", w.purchaser_id, fact.purchaser_id)
        _differ(found, "bank_transactions", w.id, "refunded_amount", w.refunded, fact.refunded)
        _differ(found, "bank_transactions", w.id, "reverses_id", w.reverses_id, fact.reverses_id)
    seen: dict[str, set[int]] = {"dwac_instructions": set(), "warrants": set()}
    for s in settled:
        seen[s.table].add(s.purchaser_id)
        fact_s = replayed.settled.get(s.purchaser_id)
        if fact_s is None:
            found.append(Difference(s.table, s.id, "(row)", "present", "no settlement made it"))
            continue
        if s.table == "warrants":
            _differ(found, s.table, s.id, "shares", s.shares, fact_s.warrant_shares)
            _differ(found, s.table, s.id, "number", s.warrant_number, fact_s.warrant_number)
        else:
            _differ(found, s.table, s.id, "shares", s.shares, fact_s.shares)
    for table, purchaser_ids in seen.items():
        pending = replayed.warrant_pending if table == "warrants" else set()
        for pid in sorted(set(replayed.settled) - purchaser_ids - pending):
            what = f"purchaser {pid} was settled"
            found.append(Difference(table, 0, f"(purchaser {pid})", "no row", what))
    imported = {tid for tid, fact in replayed.wires.items() if fact.amount is not None}
    for tid in sorted(imported - {w.id for w in wires}):
        found.append(Difference("bank_transactions", tid, "(row)", "no row", "an import added it"))
    added = {pid for pid, facts in replayed.purchasers.items() if facts.shares is not None}
    for pid in sorted(added - {p.id for p in purchasers}):
        found.append(Difference("purchasers", pid, "(row)", "no row", "an import added it"))
    return sorted(found)


def _differ(
    found: list[Difference], table: str, row: int, column: str, in_table: Any, from_events: Any
) -> None:
    if in_table != from_events:
        found.append(Difference(table, row, column, _shown(in_table), _shown(from_events)))


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "done" if value else "not done"
    return str(value)
