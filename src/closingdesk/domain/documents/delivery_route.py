"""How a letter reaches its addressee: by e-mail, or by facsimile through an e-mail gateway.

The form lets notices go by facsimile; many fax services take a message by e-mail at an
address built from the number. The gateway is a template with ``{fax}``, replaced by the
number's digits. E-mail is used when the addressee gave an address, unless fax is asked for.

>>> route(email="ops@alpha.example", fax="(415) 555-0100", gateway=None)
Route(via='email', address='ops@alpha.example')
>>> route(email=None, fax="(949) 788-6706", gateway="{fax}@fax.example")
Route(via='fax', address='9497886706@fax.example')
>>> route(email=None, fax="(949) 788-6706", gateway=None) is None
True

The copy of a warrant goes by every means the notice address states (the form: "deliver a
facsimile copy of the Warrant to the Purchaser at the address for notices"): by fax when
a number is given, by e-mail when an address is, both when both. A means that cannot be
used is a problem, never skipped in silence.

>>> both, problems = routes(email="ops@alpha.example", fax="(617) 555-0100",
...                         gateway="{fax}@fax.example")
>>> [(r.via, r.address) for r in both], problems
([('fax', '6175550100@fax.example'), ('email', 'ops@alpha.example')], [])
>>> routes(email=None, fax="(617) 555-0100", gateway=None)[1]
['a facsimile number is given but no fax gateway is set (CLOSINGDESK_FAX_GATEWAY)']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    via: str  # "email" or "fax"
    address: str  # where the message is sent


def route(
    *, email: str | None, fax: str | None, gateway: str | None, prefer_fax: bool = False
) -> Route | None:
    by_fax = _fax(fax, gateway)
    if prefer_fax and by_fax:
        return by_fax
    if email and email.strip():
        return Route("email", email.strip())
    return by_fax


def _fax(fax: str | None, gateway: str | None) -> Route | None:
    digits = "".join(c for c in (fax or "") if c.isdigit())
    if not digits or not gateway or "{fax}" not in gateway:
        return None
    return Route("fax", gateway.replace("{fax}", digits))


def no_route_reason(*, email: str | None, fax: str | None, gateway: str | None) -> str:
    if fax and not gateway:
        return "no e-mail address, and no fax gateway is set (CLOSINGDESK_FAX_GATEWAY)"
    return "no e-mail address and no facsimile number"


def routes(
    *, email: str | None, fax: str | None, gateway: str | None
) -> tuple[list[Route], list[str]]:
    """Every means the notice address states, and why any of them cannot be used."""
    found: list[Route] = []
    problems: list[str] = []
    if fax and fax.strip():
        by_fax = _fax(fax, gateway)
        if by_fax is None:
            problems.append(
                "a facsimile number is given but no fax gateway is set (CLOSINGDESK_FAX_GATEWAY)"
                if not gateway or "{fax}" not in gateway
                else f"the facsimile number {fax!r} has no digits"
            )
        else:
            found.append(by_fax)
    if email and email.strip():
        found.append(Route("email", email.strip()))
    if not found and not problems:
        problems.append("no e-mail address and no facsimile number")
    return found, problems
