"""Audit checkpoints: the chain head, signed with the offering's key, kept outside the database.

`closingdesk audit checkpoint --out FILE` writes one; each binder holds one. Later,
`audit verify --checkpoint FILE` proves the log still extends it: the event the checkpoint
names is still there with the same hash, and the chain from the first event through it
and on to today's head is intact. Rewriting events and recomputing every later hash and
the head (possible for anyone who can write to the database) changes that event's hash,
and cutting the tail removes it; neither can be hidden without a new signature, which
needs the key file.

The file is JSON: ``statement`` (the canonical JSON text that is signed: offering, the
signing certificate's fingerprint, sequence number, hash and time of the head event, and
when the checkpoint was made) and ``signature`` (a detached CMS signature of the
statement's UTF-8 bytes, base64). With ``CLOSINGDESK_TSA_URL`` the signature carries an
RFC 3161 timestamp; without it, ``made_at`` is only this computer's clock, and the file
says so.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pyhanko.sign.timestamps import TimestampRequestError
from sqlalchemy import Engine

from closingdesk.adapters.signing.detached import DetachedVerdict, sign_detached, verify_detached
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent, canonical_json, first_break
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import Conflict, InvalidInput, Problem
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.signing.signing_identity import signing_identity, signing_key

FORMAT = 1
UNSTAMPED = (
    "not time-stamped: made_at is the signing computer's own clock (set CLOSINGDESK_TSA_URL "
    "to have a timestamp authority vouch for the time)"
)


@dataclass(frozen=True)
class Checkpoint:
    offering: str
    seq: int
    hash: str
    event_at: str
    made_at: str
    time_stamped: bool
    content: bytes  # the file


def make_checkpoint(
    engine: Engine, *, offering: str | None, tsa_url: str | None, now: datetime
) -> Checkpoint:
    """A signed checkpoint of the log as it is now; refused when the log is broken."""
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        events = list(uow.events.iter())
    broken = first_break(events)
    if broken is not None:
        raise Conflict(
            f"the event log is broken at event {broken.seq} ({broken.reason}): a checkpoint "
            "would vouch for it"
        )
    return checkpoint_of(engine, found, events, tsa_url=tsa_url, now=now)


def checkpoint_of(
    engine: Engine,
    offering: Offering,
    events: Sequence[ChainedEvent],
    *,
    tsa_url: str | None,
    now: datetime,
) -> Checkpoint:
    """A signed checkpoint of these events' last one (e.g. the log a binder holds)."""
    if not events:
        raise Conflict("the event log is empty: there is nothing to checkpoint")
    head = events[-1]
    identity = signing_identity(engine, offering)
    made_at = stamp(now)
    statement = canonical_json(
        {
            "closingdesk_checkpoint": FORMAT,
            "offering": offering.slug,
            "signer_fingerprint": identity.fingerprint,
            "seq": head.seq,
            "hash": head.hash,
            "event_at": head.at,
            "made_at": made_at,
        }
    )
    key = signing_key(engine, offering)
    try:
        signature = sign_detached(statement.encode(), key, tsa_url=tsa_url)
    except TimestampRequestError as error:
        raise Conflict(
            f"the timestamp authority {tsa_url} could not be reached: {error}; nothing was written"
        ) from None
    document = {
        "statement": statement,
        "signature": base64.b64encode(signature).decode(),
        "time": f"time-stamped by {tsa_url}" if tsa_url else UNSTAMPED,
    }
    content = (json.dumps(document, indent=2) + "\n").encode()
    return Checkpoint(
        offering.slug, head.seq, head.hash, head.at, made_at, tsa_url is not None, content
    )


@dataclass(frozen=True)
class CheckpointCheck:
    seq: int | None
    made_at: str | None
    timestamp: datetime | None  # the timestamp authority's time, if time-stamped
    problems: list[Problem]

    @property
    def holds(self) -> bool:
        return not self.problems


def check_checkpoint(engine: Engine, content: bytes, *, source: str) -> CheckpointCheck:
    """Whether the database's log still extends the checkpoint in content."""
    statement_text, signature, facts = read_checkpoint(content, source=source)
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, str(facts["offering"]))
        stored = uow.signing_identity.identity(found.id)
        events = list(uow.events.iter())
        head_seq, head_hash = uow.events.head()
    if stored is None:
        raise Conflict(f"offering {found.slug!r} has no signing certificate to check it with")
    problems, verdict = signature_problems(
        statement_text, signature, facts, stored.identity.ca_certificate_pem, stored.fingerprint
    )
    problems.extend(extension_problems(events, facts, head=(head_seq, head_hash)))
    return CheckpointCheck(int(facts["seq"]), str(facts["made_at"]), verdict.timestamp, problems)


def read_checkpoint(content: bytes, *, source: str) -> tuple[str, bytes, dict[str, Any]]:
    """The statement's text, the signature and the statement's facts; refused if malformed."""
    try:
        document = json.loads(content)
        statement_text = str(document["statement"])
        signature = base64.b64decode(document["signature"], validate=True)
        facts = json.loads(statement_text)
        if facts.get("closingdesk_checkpoint") != FORMAT:
            raise ValueError("not a checkpoint")
        if not (isinstance(facts["seq"], int) and isinstance(facts["hash"], str)):
            raise ValueError("no head")
        if not isinstance(facts["offering"], str):
            raise ValueError("no offering")
        datetime.fromisoformat(str(facts["made_at"]))
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise InvalidInput(f"{source} is not a closingdesk audit checkpoint") from None
    return statement_text, signature, facts


def signature_problems(
    statement_text: str,
    signature: bytes,
    facts: dict[str, Any],
    ca_certificate_pem: bytes,
    fingerprint: str,
) -> tuple[list[Problem], DetachedVerdict]:
    verdict = verify_detached(
        statement_text.encode(),
        signature,
        ca_certificate_pem=ca_certificate_pem,
        signed_at=datetime.fromisoformat(str(facts["made_at"])),
    )
    problems = []
    if verdict.problem:
        problems.append(Problem("checkpoint signature", verdict.problem))
    elif (
        verdict.signer_fingerprint != fingerprint or facts.get("signer_fingerprint") != fingerprint
    ):
        problems.append(
            Problem("checkpoint signature", "it was not signed with this offering's certificate")
        )
    return problems, verdict


def extension_problems(
    events: Sequence[ChainedEvent], facts: dict[str, Any], *, head: tuple[int, str] | None
) -> list[Problem]:
    """Why these events do not extend the checkpoint (none when they do)."""
    seq, expected = int(facts["seq"]), str(facts["hash"])
    problems = []
    broken = first_break(events)
    if broken is not None:
        problems.append(Problem(f"event {broken.seq}", broken.reason))
    if head is not None and events and (events[-1].seq, events[-1].hash) != head:
        problems.append(Problem("chain head", "it does not name the log's last event"))
    by_seq = {e.seq: e for e in events}
    at = by_seq.get(seq)
    if at is None:
        last = events[-1].seq if events else 0
        problems.append(
            Problem(
                f"event {seq}",
                f"the log ends at event {last}, before the checkpoint's event {seq}: "
                "its tail was cut",
            )
        )
    elif at.hash != expected:
        problems.append(
            Problem(
                f"event {seq}",
                "its hash is not the one the checkpoint signed: the log up to it was rewritten",
            )
        )
    return problems
