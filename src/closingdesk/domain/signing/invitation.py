"""The invitation: the e-mail that carries a purchaser their own link.

It names the purchase, gives the link and how long it works, and says where the
prospectus supplement (Exhibit B) is: attached, or on the purchaser's page before signing.

>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> subject, body = invitation_text(
...     terms, name="Alpha Fund", attention=None, shares=1_000_000,
...     url="https://closing.example/p/T0KEN", expires="March 26, 2002",
...     prospectus_attached=True,
... )
>>> subject
'NeoTherapeutics, Inc.: your Securities Purchase Agreement'
>>> print(body.splitlines()[0])
Dear Alpha Fund,
>>> "https://closing.example/p/T0KEN" in body and "$2,000,000.00" in body
True
"""

from __future__ import annotations

import textwrap

from closingdesk.domain.money import format_shares, format_usd, purchase_price
from closingdesk.domain.offering.terms import OfferingTerms

ATTACHED = (
    "The prospectus supplement (Exhibit B) is attached. Please read it before you sign; "
    "it is also on your page."
)
ON_THE_PAGE = (
    "The prospectus supplement (Exhibit B) will be on your page. Please read it there "
    "before you sign."
)
WIDTH = 72


def invitation_text(
    terms: OfferingTerms,
    *,
    name: str,
    attention: str | None,
    shares: int,
    url: str,
    expires: str,
    prospectus_attached: bool,
) -> tuple[str, str]:
    """(subject, plain-text body) of one purchaser's invitation; the link on a line of its own."""
    issuer = terms.issuer_name
    price = format_usd(purchase_price(shares, terms.price_per_share))
    paragraphs = [
        f"Dear {attention or name},",
        f"{issuer} invites {name} to review and sign its Securities Purchase Agreement for "
        f"{format_shares(shares)} shares of {terms.security_name} at "
        f"{format_usd(terms.price_per_share)} a share (Purchase Price {price}).",
        "Your own page, with your agreement, the wire instructions and the amount to wire:",
        f"    {url}",
        f"The link works until {expires}. It opens your page alone: please do not forward it.",
        ATTACHED if prospectus_attached else ON_THE_PAGE,
        issuer,
    ]
    body = "\n\n".join(p if p.startswith("    ") else _wrap(p) for p in paragraphs)
    return f"{issuer}: your Securities Purchase Agreement", body + "\n"


def _wrap(paragraph: str) -> str:
    return textwrap.fill(paragraph, WIDTH, break_long_words=False, break_on_hyphens=False)
