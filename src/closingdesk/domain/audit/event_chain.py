"""The event chain: each event carries the hash of the one before it.

An event's hash covers its sequence number, time, actor, kind, subject, payload and the
previous event's hash, so editing, removing or reordering any event breaks the chain from
that point on. :func:`first_break` finds where.

>>> e1 = chain_event(GENESIS, seq=1, at="2002-03-12T17:00:00Z", actor="cli", kind="k",
...                  subject="s", payload={"a": 1})
>>> e2 = chain_event(e1.hash, seq=2, at="2002-03-12T17:00:01Z", actor="cli", kind="k",
...                  subject="s", payload={})
>>> first_break([e1, e2]) is None
True
>>> first_break([e2]).seq
2
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainedEvent:
    seq: int
    at: str  # ISO 8601 UTC
    actor: str
    kind: str
    subject: str
    payload: Mapping[str, Any]
    prev_hash: str
    hash: str
    payload_json: str  # the exact text the hash covers; what the store keeps


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def canonical_json(payload: Mapping[str, Any]) -> str:
    """The one text of a payload that its hash covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    prev_hash: str, *, seq: int, at: str, actor: str, kind: str, subject: str, payload_json: str
) -> str:
    text = "\x1f".join((prev_hash, str(seq), at, actor, kind, subject, payload_json))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_event(
    prev_hash: str,
    *,
    seq: int,
    at: str,
    actor: str,
    kind: str,
    subject: str,
    payload: Mapping[str, Any],
) -> ChainedEvent:
    text = canonical_json(payload)
    digest = event_hash(
        prev_hash, seq=seq, at=at, actor=actor, kind=kind, subject=subject, payload_json=text
    )
    return ChainedEvent(seq, at, actor, kind, subject, payload, prev_hash, digest, text)


def first_break(events: Iterable[ChainedEvent]) -> ChainBreak | None:
    """The first event, in stored order, where the chain does not hold; None when intact."""
    expected_prev, expected_seq = GENESIS, 1
    for event in events:
        if event.seq != expected_seq:
            return ChainBreak(event.seq, f"expected sequence number {expected_seq}")
        if event.prev_hash != expected_prev:
            return ChainBreak(event.seq, "its previous hash does not match the event before")
        recomputed = event_hash(
            event.prev_hash,
            seq=event.seq,
            at=event.at,
            actor=event.actor,
            kind=event.kind,
            subject=event.subject,
            payload_json=event.payload_json,
        )
        if recomputed != event.hash:
            return ChainBreak(event.seq, "its content does not match its hash (edited)")
        expected_prev, expected_seq = event.hash, event.seq + 1
    return None
