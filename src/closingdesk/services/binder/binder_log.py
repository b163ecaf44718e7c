"""The event log a binder holds (audit-log.jsonl) and its signed checkpoint, checked.

Alone, the binder's log must chain from its first event to its last, and its checkpoint
(audit-checkpoint.json) must name that last event. With the database, the signature of
the checkpoint is checked against the offering's certificate, and every event of the
binder's log must still be in the database's log with the same hash: a database log
rewritten (hashes recomputed) or cut after the binder was built is caught.
"""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent, canonical_json, first_break
from closingdesk.domain.problems import Problem, Refusal
from closingdesk.services.audit.checkpoints import (
    read_checkpoint,
    signature_problems,
)
from closingdesk.services.book.offerings import resolve_offering

LOG = "audit-log.jsonl"
CHECKPOINT = "audit-checkpoint.json"


def binder_log_problems(content: bytes, *, source: str, engine: Engine | None) -> list[Problem]:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
            log = archive.read(LOG) if LOG in names else None
            checkpoint = archive.read(CHECKPOINT) if CHECKPOINT in names else None
    except zipfile.BadZipFile:
        return []  # the manifest check has said so
    if log is None:
        return [Problem(f"{source} {LOG}", "the binder holds no event log")]
    try:
        events = _events(log)
    except (ValueError, KeyError, TypeError):
        return [Problem(f"{source} {LOG}", "it is not a closingdesk event log")]
    problems = []
    broken = first_break(events)
    if broken is not None:
        problems.append(Problem(f"{source} {LOG} event {broken.seq}", broken.reason))
    facts: dict[str, Any] | None = None
    if checkpoint is not None:  # binders built before checkpoints, or unsigned, have none
        try:
            statement, signature, facts = read_checkpoint(checkpoint, source=CHECKPOINT)
        except Refusal as refusal:
            problems.append(Problem(f"{source} {CHECKPOINT}", refusal.message))
        else:
            last = events[-1] if events else None
            if last is None or (last.seq, last.hash) != (facts["seq"], facts["hash"]):
                what = "it does not name the last event of the binder's log"
                problems.append(Problem(f"{source} {CHECKPOINT}", what))
            if engine is not None:
                problems.extend(_signature(engine, statement, signature, facts, source))
    if engine is not None:
        problems.extend(_against_database(engine, events, source))
    return problems


def _signature(
    engine: Engine, statement: str, signature: bytes, facts: dict[str, Any], source: str
) -> list[Problem]:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, str(facts["offering"]))
        stored = uow.signing_identity.identity(found.id)
    if stored is None:
        what = f"offering {found.slug} has no signing certificate in the database to check it"
        return [Problem(f"{source} {CHECKPOINT}", what)]
    problems, _ = signature_problems(
        statement, signature, facts, stored.identity.ca_certificate_pem, stored.fingerprint
    )
    return [Problem(f"{source} {CHECKPOINT}", p.what) for p in problems]


def _against_database(engine: Engine, events: list[ChainedEvent], source: str) -> list[Problem]:
    if not events:
        return []
    with UnitOfWork(engine, read_only=True) as uow:
        database = list(uow.events.iter())
    last = events[-1]
    found = []
    by_seq = {e.seq: e for e in database}
    if last.seq not in by_seq:
        ends = database[-1].seq if database else 0
        what = (
            f"the database's log ends at event {ends}, before the binder's last event "
            f"{last.seq}: its tail was cut"
        )
        found.append(Problem(f"{source} {LOG}", what))
    differing = [e.seq for e in events if e.seq in by_seq and by_seq[e.seq].hash != e.hash]
    if differing:
        what = (
            f"{len(differing)} events of the binder's log differ in the database "
            f"(first: event {differing[0]}): the database's log was rewritten"
        )
        found.append(Problem(f"{source} {LOG}", what))
    return found


def _events(log: bytes) -> list[ChainedEvent]:
    events = []
    for line in log.decode("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        payload = row["payload"]
        events.append(
            ChainedEvent(
                seq=int(row["seq"]),
                at=str(row["at"]),
                actor=str(row["actor"]),
                kind=str(row["kind"]),
                subject=str(row["subject"]),
                payload=payload,
                prev_hash=str(row["prev_hash"]),
                hash=str(row["hash"]),
                payload_json=canonical_json(payload),
            )
        )
    return events


def binder_log_summary(content: bytes) -> tuple[int, bool]:
    """How many events the binder's log holds, and whether it holds a signed checkpoint."""
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
            log = archive.read(LOG) if LOG in names else b""
    except zipfile.BadZipFile:
        return 0, False
    return sum(1 for line in log.splitlines() if line.strip()), CHECKPOINT in names
