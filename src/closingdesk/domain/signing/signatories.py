"""Who may sign for the company: the authorised signatories the terms list.

Countersignatures, warrants and the transfer agent's letter are signed by one of them,
chosen by name (any case, any spacing) or by number (1 is the first listed), or, when no
choice is given, the one linked to the user account at work. Anyone else is refused. Terms
written before signatories were listed name one signer (``company_signer_name`` and
``company_signer_title``): that signer is the only signatory.

>>> from dataclasses import replace
>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
>>> terms = replace(NEOTHERAPEUTICS_2002, signatories=(
...     Signatory("Samuel Gulko", "Chief Financial Officer"),
...     Signatory("Alex Example", "Chief Executive Officer", user="ceo@neo.example")))
>>> choose_signatory(terms, "2").name, choose_signatory(terms, " samuel  GULKO ").title
('Alex Example', 'Chief Financial Officer')
>>> choose_signatory(terms, None, user="ceo@neo.example").name
'Alex Example'
>>> try:
...     choose_signatory(terms, "Jane Doe")
... except InvalidInput as refused:
...     print(refused.message)
'Jane Doe' is not an authorised signatory of NeoTherapeutics, Inc.
"""

from __future__ import annotations

from closingdesk.domain.offering.terms import OfferingTerms, Signatory
from closingdesk.domain.problems import InvalidInput, Problem


def authorised_signatories(terms: OfferingTerms) -> tuple[Signatory, ...]:
    """The terms' signatories, or the one signer that older terms name."""
    if terms.signatories:
        return terms.signatories
    if terms.company_signer_name and terms.company_signer_title:
        return (Signatory(terms.company_signer_name, terms.company_signer_title),)
    return ()


def choose_signatory(
    terms: OfferingTerms, choice: str | None, *, user: str | None = None
) -> Signatory:
    """The signatory chosen by name or number, or linked to ``user``; else InvalidInput."""
    listed = authorised_signatories(terms)
    if not listed:
        raise InvalidInput(
            f"the terms of {terms.issuer_name} list no authorised signatory; add "
            "[[company.signatories]] (name, title) to the terms"
        )
    found = _by_choice(listed, choice) if choice and choice.strip() else _by_user(listed, user)
    if found is not None:
        return found
    options = [Problem(f"signatory {n}", f"{s.name}, {s.title}") for n, s in _numbered(listed)]
    if not (choice and choice.strip()):
        raise InvalidInput(
            "say who countersigns or signs for the company: an authorised signatory, by name or "
            "number",
            options,
        )
    raise InvalidInput(
        f"{choice.strip()!r} is not an authorised signatory of {terms.issuer_name}", options
    )


def _numbered(listed: tuple[Signatory, ...]) -> list[tuple[int, Signatory]]:
    return list(enumerate(listed, start=1))


def _by_choice(listed: tuple[Signatory, ...], choice: str) -> Signatory | None:
    wanted = " ".join(choice.split()).casefold()
    if wanted.isdigit():
        return dict(_numbered(listed)).get(int(wanted))
    return next((s for s in listed if " ".join(s.name.split()).casefold() == wanted), None)


def _by_user(listed: tuple[Signatory, ...], user: str | None) -> Signatory | None:
    if not user:
        return None
    return next((s for s in listed if s.user and s.user.casefold() == user.casefold()), None)
