"""The binder's tables: the per-purchaser schedule, every delivery proof, the bank evidence.

Each is made from what the store recorded (instructions, warrants, signatures, deliveries,
bank transactions and the event log), never from what a page showed, and each row names its
source: the delivery's message id or tracking number, the bank file and line of a wire.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from closingdesk.adapters.store.funding_repository import StoredTransaction
from closingdesk.adapters.store.settlement_repository import (
    DeliveryRecord,
    InstructionRecord,
    WarrantRecord,
)
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.money import format_shares, format_usd
from closingdesk.domain.signing.signatures import SignatureRecord
from closingdesk.services.funding.reconciliation import FundingReport

NONE = "—"
SCHEDULE = ("Purchaser", "Shares / price", "Warrant", "Wires received", "DWAC", "Dates")
SCHEDULE_WIDTHS = (0.19, 0.13, 0.13, 0.2, 0.17, 0.18)
DELIVERIES = ("When (UTC)", "What", "To", "How", "Status", "Proof")
DELIVERY_WIDTHS = (0.14, 0.16, 0.2, 0.1, 0.1, 0.3)
BANK = ("Purchaser", "Bank file, line", "Value date", "Amount", "Originator", "References", "Match")
BANK_WIDTHS = (0.16, 0.15, 0.1, 0.11, 0.14, 0.2, 0.14)


@dataclass(frozen=True)
class Closing:
    """What the tables are made of, read in one unit of work."""

    purchasers: Sequence[Purchaser]
    instructions: Sequence[InstructionRecord]
    warrants: Sequence[WarrantRecord]
    signatures: Mapping[tuple[int, str], SignatureRecord]
    deliveries: Sequence[DeliveryRecord]
    events: Sequence[ChainedEvent]
    instructed_on: Mapping[int, str]  # settlement run id -> the day it instructed
    bank_files: Mapping[int, str]  # bank file id -> its name as imported


Row = tuple[str, ...]


def schedule_rows(closing: Closing, report: FundingReport) -> list[Row]:
    """One row per purchaser: shares and price, warrant, wires, DWAC, and the dates."""
    instructions = {i.purchaser_id: i for i in closing.instructions}
    warrants = {w.purchaser_id: w for w in closing.warrants}
    funding = {f.purchaser_id: f for f in report.result.purchasers}
    wires = _wires_by_purchaser(report.transactions.values())
    rows: list[Row] = []
    for p in closing.purchasers:
        f, w, i = funding.get(p.id), warrants.get(p.id), instructions.get(p.id)
        price = f"{format_shares(p.shares)} shares\n{format_usd(f.expected)}" if f else NONE
        warrant = f"{w.number}\n{format_shares(w.shares)} shares" if w else "not issued"
        paid = [f"#{t.id} {format_usd(t.bank.amount)} on {t.bank.value_date}" for t in wires[p.id]]
        received = f"\nreceived {format_usd(f.received)}, {f.state}" if f else ""
        rows.append(
            (
                p.name,
                price,
                warrant,
                "\n".join(paid) + received,
                _dwac(i),
                _dates(closing, p.id, i, w),
            )
        )
    return rows


def _dwac(instruction: InstructionRecord | None) -> str:
    if instruction is None:
        return "not instructed"
    i = instruction
    confirmed = (
        f"confirmed {i.confirmed_at} ({i.confirmation_reference or 'no reference'})"
        if i.confirmed_at
        else "not confirmed"
    )
    return f"{i.dtc_participant} / {i.dtc_account}\nref. {i.dtc_reference or NONE}\n{confirmed}"


def _dates(closing: Closing, pid: int, i: InstructionRecord | None, w: WarrantRecord | None) -> str:
    signed = {side: closing.signatures.get((pid, side)) for side in ("purchaser", "company")}
    lines = [
        f"signed {_at(signed['purchaser'])}",
        f"countersigned {_at(signed['company'])}",
        f"instructed {closing.instructed_on.get(i.settlement_run_id, NONE) if i else NONE}",
        f"warrant issued {w.issue_date if w else NONE}",
    ]
    return "\n".join(lines)


def _at(signature: SignatureRecord | None) -> str:
    return NONE if signature is None else signature.signed_at_utc.strftime("%Y-%m-%d %H:%M UTC")


def delivery_rows(closing: Closing) -> list[tuple[str, ...]]:
    """Every copy sent (mail, fax), every original dispatched, every prospectus delivered."""
    names = {p.id: p.name for p in closing.purchasers}
    rows: list[Row] = [
        (
            d.sent_at,
            _what(d.kind.replace("_", " "), names.get(d.purchaser_id or 0)),
            f"{d.addressee}\n{d.sent_to or NONE}",
            d.via,
            d.status,
            "\n".join(x for x in (d.message_id, d.smtp_response, d.error) if x) or NONE,
        )
        for d in closing.deliveries
    ]
    rows += [
        (
            w.dispatched_at or "not dispatched",
            f"original warrant {w.number}\n{names.get(w.purchaser_id, '')}",
            names.get(w.purchaser_id, NONE),
            w.carrier or NONE,
            "dispatched" if w.dispatched_at else "pending",
            (f"tracking {w.tracking}; " if w.tracking else "") + f"due {w.original_due}",
        )
        for w in closing.warrants
    ]
    rows += [_event_row(e, names) for e in closing.events if _is_receipt(e)]
    return sorted(rows, key=lambda row: row[0])


def _what(kind: str, name: str | None) -> str:
    return f"{kind}\n{name}" if name else kind


def _is_receipt(event: ChainedEvent) -> bool:
    """A recorded receipt: a prospectus opened or sent, or any ``*.delivered`` evidence."""
    return event.kind == "prospectus.delivered" or (
        event.kind.endswith(".delivered") and not event.kind.startswith("prospectus.")
    )


def _event_row(event: ChainedEvent, names: Mapping[int, str]) -> Row:
    p = event.payload
    who = event.subject.removeprefix("purchaser:")
    name = names.get(int(who), event.subject) if who.isdigit() else event.subject
    proof = "; ".join(f"{k} {v}" for k, v in sorted(p.items()) if isinstance(v, str | int) and v)
    return (
        str(p.get("delivered_at") or event.at),
        f"{event.kind}\n{name}",
        name,
        str(p.get("how") or p.get("via") or NONE),
        "delivered",
        f"event {event.seq}: {proof}",
    )


def bank_rows(report: FundingReport, bank_files: Mapping[int, str]) -> list[Row]:
    """Each credit as the bank's statement gives it: the purchaser's, then no one's."""
    names = report.names
    credits = [t for t in report.transactions.values() if t.bank.direction == "credit"]
    ordered = sorted(
        credits, key=lambda t: (t.purchaser_id is None, names.get(t.purchaser_id or 0, ""), t.id)
    )
    return [_bank_row(t, names, bank_files) for t in ordered]


def _bank_row(t: StoredTransaction, names: Mapping[int, str], bank_files: Mapping[int, str]) -> Row:
    b = t.bank
    when = f"{b.value_date}" + (f" {b.value_time}" if b.value_time else "")
    amount = f"{b.amount:,.2f} {b.currency}"
    if t.refunded_amount > Decimal(0):
        amount += f"\nrefunded {t.refunded_amount:,.2f} ({t.refund_reference or NONE})"
    refs = [
        f"{k} {v}" for k, v in (("ref", b.bank_reference), ("IMAD", b.imad), ("UETR", b.uetr)) if v
    ]
    refs += [b.remittance] if b.remittance else []
    who = names.get(t.purchaser_id, NONE) if t.purchaser_id else "unidentified"
    match = f"{t.matched_by or 'not matched'}" + (f": {t.match_note}" if t.match_note else "")
    file_name = PurePath(bank_files.get(t.bank_file_id, f"bank file {t.bank_file_id}")).name
    source = f"{file_name}, {b.where or NONE}\ntransaction #{t.id}"
    return (who, source, when, amount, b.originator or NONE, "\n".join(refs) or NONE, match)


def _wires_by_purchaser(
    transactions: Iterable[StoredTransaction],
) -> dict[int, list[StoredTransaction]]:
    out = _DefaultList()
    for t in sorted(transactions, key=lambda t: t.id):
        if t.purchaser_id is not None and t.bank.direction == "credit":
            out.setdefault(t.purchaser_id, []).append(t)
    return out


class _DefaultList(dict[int, list[StoredTransaction]]):
    def __missing__(self, key: int) -> list[StoredTransaction]:
        return []
