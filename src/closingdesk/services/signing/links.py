"""Purchasers' own links: signed, expiring, revocable, one purchaser each."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.people.team import PurchaserLink
from closingdesk.domain.problems import InvalidInput, NotFound, Refusal
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp

DEFAULT_LIFETIME = timedelta(days=14)
# A link is a key to a purchaser's page: it lasts at most this long, however it is made.
MAX_LINK_DAYS = 90
MAX_LIFETIME = timedelta(days=MAX_LINK_DAYS)


class LinkRefused(Refusal):
    """A purchaser link that is malformed, unknown, expired or revoked (HTTP 403)."""

    default_message = "this link is not valid"


@dataclass(frozen=True)
class IssuedLink:
    link: PurchaserLink
    token: str  # goes in the URL: /p/{token}


@dataclass(frozen=True)
class OpenedLink:
    link: PurchaserLink
    offering: Offering
    purchaser: Purchaser


def _serializer(key: str) -> URLSafeSerializer:
    return URLSafeSerializer(key, salt="closingdesk.purchaser-link")


def _nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode("ascii")).hexdigest()


def create_link(
    engine: Engine,
    purchaser_id: int,
    *,
    offering: str | None,
    link_key: str,
    lifetime: timedelta = DEFAULT_LIFETIME,
    sent_to: str | None = None,
    actor: str,
    now: datetime,
) -> IssuedLink:
    if not timedelta(0) < lifetime <= MAX_LIFETIME:
        raise InvalidInput(
            f"a purchaser's link lasts at most {MAX_LINK_DAYS} days (and more than none); "
            "no link was made"
        )
    nonce = secrets.token_urlsafe(24)
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        if not uow.purchasers.list(found.id, purchaser_id=purchaser_id):
            raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
        at, expires = stamp(now), stamp(now + lifetime)
        link_id = uow.people.add_link(
            purchaser_id=purchaser_id,
            nonce_hash=_nonce_hash(nonce),
            sent_to=sent_to,
            created_by=actor,
            created_at=at,
            expires_at=expires,
        )
        payload = {"link_id": link_id, "expires_at": expires, "sent_to": sent_to}
        uow.events.append(
            at=at, actor=actor, entries=[("link.created", f"purchaser:{purchaser_id}", payload)]
        )
        uow.commit()
    link = PurchaserLink(link_id, purchaser_id, sent_to, actor, at, expires, None)
    return IssuedLink(link, _serializer(link_key).dumps([link_id, nonce]))


def open_link(engine: Engine, token: str, *, link_key: str, now: datetime) -> OpenedLink:
    """The purchaser a link opens, or a refusal saying why it does not."""
    serializer = _serializer(link_key)
    try:
        link_id, nonce = serializer.loads(token)
    except (BadSignature, ValueError, TypeError):
        raise LinkRefused("this link is not valid: it was changed or cut short") from None
    # base64 ignores the spare bits of its last character, so two spellings of one
    # signature both verify; only the spelling we issued opens the page.
    if not hmac.compare_digest(serializer.dumps([link_id, nonce]), token):
        raise LinkRefused("this link is not valid: it was changed or cut short")
    with UnitOfWork(engine, read_only=True) as uow:
        found = uow.people.link(int(link_id))
        if found is None or found[1] != _nonce_hash(str(nonce)):
            raise LinkRefused("this link is not valid")
        link = found[0]
        if link.revoked_at is not None:
            raise LinkRefused("this link was revoked; ask the placement agent for a new one")
        if link.expires_at <= stamp(now):
            raise LinkRefused("this link has expired; ask the placement agent for a new one")
        purchaser = uow.purchasers.get(link.purchaser_id)
        offering = uow.offerings.get(purchaser.offering_id) if purchaser else None
    if purchaser is None or offering is None:
        raise LinkRefused("this link is not valid")
    return OpenedLink(link, offering, purchaser)


def revoke_link(engine: Engine, link_id: int, *, actor: str, now: datetime) -> PurchaserLink:
    with UnitOfWork(engine) as uow:
        found = uow.people.link(link_id)
        if found is None:
            raise NotFound(f"no link {link_id}")
        link = found[0]
        if link.revoked_at is not None:  # revoking twice changes nothing
            return link
        at = stamp(now)
        uow.people.revoke_link(link_id, at=at)
        entry = ("link.revoked", f"purchaser:{link.purchaser_id}", {"link_id": link_id})
        uow.events.append(at=at, actor=actor, entries=[entry])
        uow.commit()
    return PurchaserLink(
        link.id,
        link.purchaser_id,
        link.sent_to,
        link.created_by,
        link.created_at,
        link.expires_at,
        link.revoked_at or at,
    )


def links_of(engine: Engine, purchaser_id: int) -> list[PurchaserLink]:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.people.links_of(purchaser_id)
