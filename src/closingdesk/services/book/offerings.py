"""Creating offerings and finding the one a command means."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.offering.terms_mapping import terms_to_mapping
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.services.clock import stamp


def create_offering(engine: Engine, terms: OfferingTerms, *, actor: str, now: datetime) -> Offering:
    with UnitOfWork(engine) as uow:
        if uow.offerings.by_slug(terms.slug) is not None:
            raise Conflict(f"an offering named {terms.slug!r} already exists in this database")
        at = stamp(now)
        offering_id = uow.offerings.add(terms, created_at=at)
        uow.events.append(
            at=at,
            actor=actor,
            entries=[("offering.created", f"offering:{offering_id}", terms_to_mapping(terms))],
        )
        uow.commit()
    return Offering(id=offering_id, terms=terms)


def list_offerings(engine: Engine) -> list[Offering]:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.offerings.list()


def resolve_offering(uow: UnitOfWork, reference: str | None) -> Offering:
    """The offering named by slug or id; may be left out when the database holds only one."""
    if reference is None:
        offerings = uow.offerings.list()
        if len(offerings) == 1:
            return offerings[0]
        if not offerings:
            raise NotFound("there is no offering yet: run `closingdesk init` first")
        slugs = ", ".join(o.slug for o in offerings)
        raise InvalidInput(
            f"this database holds several offerings; pick one with --offering ({slugs})"
        )
    found = uow.offerings.by_slug(reference)
    if found is None and reference.isdigit():
        found = uow.offerings.get(int(reference))
    if found is None:
        raise NotFound(f"no offering {reference!r} in this database")
    return found


def get_offering(engine: Engine, reference: str | None) -> Offering:
    with UnitOfWork(engine, read_only=True) as uow:
        return resolve_offering(uow, reference)
