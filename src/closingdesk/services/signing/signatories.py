"""Which authorised signatory signs for the company, for a service about to sign.

The choice (a name or a number) is checked against the offering's terms
(:func:`closingdesk.domain.signing.signatories.choose_signatory`); with none, the signatory linked
to the user account acting (``user:EMAIL``) signs. A title typed beside a name must be the
one the terms give: a signature block prints only what the terms authorise.
"""

from __future__ import annotations

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.terms import Signatory
from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.domain.signing.signatories import authorised_signatories, choose_signatory
from closingdesk.services.book.offerings import resolve_offering


def company_signatory(
    engine: Engine,
    offering: str | None,
    choice: str | None,
    *,
    actor: str,
    title: str = "",
    only_one: bool = False,
) -> Signatory:
    """The signatory chosen; with ``only_one``, no choice means the only one listed."""
    with UnitOfWork(engine, read_only=True) as uow:
        terms = resolve_offering(uow, offering).terms
    listed = authorised_signatories(terms)
    if only_one and not (choice and choice.strip()) and len(listed) == 1:
        return listed[0]
    who = choose_signatory(terms, choice, user=user_of(actor))
    typed = " ".join(title.split())
    if typed and typed.casefold() != " ".join(who.title.split()).casefold():
        raise InvalidInput(
            f"{who.name} signs as {who.title!r}, as the terms list them; nothing was signed",
            [Problem("signer title", f"{typed!r} is not the title the terms give")],
        )
    return who


def user_of(actor: str) -> str | None:
    """The user account's e-mail in an actor (``user:ops@issuer.example``), if one."""
    kind, _, email = actor.partition(":")
    return email if kind == "user" and email else None
