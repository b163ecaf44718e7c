"""Payment reference: what each purchaser is asked to quote on the wire.

The reference is the offering's *prefix* (the letters and digits of its slug, upper-cased,
the first eight of them), a dash and the purchaser's id in five or more digits. It has the
python-stdnum shape: :func:`compact`, :func:`validate` (which raises), :func:`is_valid` (which
never raises) and :func:`format`; those that must tell prefix from number take the slug.

>>> payment_reference("neotherapeutics-2002", 3)
'NEOTHERA-00003'
>>> compact(" neothera-0.0003 ")
'NEOTHERA00003'
>>> format("neothera 3", slug="neotherapeutics-2002")
'NEOTHERA-00003'
>>> is_valid("NEOTHERA-x3", slug="neotherapeutics-2002")
False

People type references loosely, so :func:`references_in` finds them in free text whatever
the case, with or without spaces, dashes or dots between prefix and number, with leading
zeros dropped, or after the whole slug; a longer number is never read as a shorter one.

>>> sorted(references_in("neothera 3 / NEOTHERA-0007, NEOTHERA00011", "neotherapeutics-2002"))
[3, 7, 11]
>>> references_in("NEOTHERA-000031", "neotherapeutics-2002")
{31}
>>> references_in("NeoTherapeutics-2002-00005", "neotherapeutics-2002")
{5}
>>> references_in("XNEOTHERA-3, NEOTHERAPEUTICS, invoice 00003", "neotherapeutics-2002")
set()
"""

from __future__ import annotations

import re
from functools import lru_cache

from closingdesk.domain.problems import InvalidInput, Problem

PREFIX_LENGTH = 8
DIGITS = 5
_SEPARATORS = r"[\s._/#:-]*"
_NUMBER = r"0*(\d{1,12})(?!\d)"  # 12 digits at most: a longer run is no purchaser id


class InvalidReference(InvalidInput):
    default_message = "not a payment reference of this offering"


@lru_cache(maxsize=64)  # one per offering: a book's references all share it
def prefix(slug: str) -> str:
    """The reference's prefix: the slug's first eight letters and digits, upper-cased."""
    return "".join(c for c in slug.upper() if c.isalnum())[:PREFIX_LENGTH]


def payment_reference(slug: str, purchaser_id: int) -> str:
    return f"{prefix(slug)}-{purchaser_id:0{DIGITS}d}"


def compact(reference: str) -> str:
    """The reference upper-cased, without spaces, dashes, dots and other separators."""
    return "".join(c for c in reference.upper() if c.isalnum())


def purchaser_of(reference: str, *, slug: str) -> int:
    """The purchaser a reference names; raises :class:`InvalidReference` when it names none."""
    found = _pattern(slug).fullmatch(reference.strip())
    if not found:
        raise InvalidReference(
            problems=[Problem(where=reference, what=f"expected {payment_reference(slug, 1)}")]
        )
    return int(found.group(1))


def validate(reference: str, *, slug: str) -> str:
    """The reference in its compact form; raises :class:`InvalidReference` when malformed."""
    purchaser_of(reference, slug=slug)
    return compact(reference)


def is_valid(reference: str, *, slug: str) -> bool:
    try:
        validate(reference, slug=slug)
    except InvalidReference:
        return False
    return True


def format(
    reference: str, *, slug: str
) -> str:  # the python-stdnum name, shadowing the builtin here
    """The reference as printed on wire instructions."""
    return payment_reference(slug, purchaser_of(reference, slug=slug))


def references_in(text: str, slug: str) -> set[int]:
    """The purchaser ids whose reference appears in free text (a remittance, an OBI)."""
    head, pattern = _finder(slug)
    if head not in text.casefold():  # most texts name no reference: say so quickly
        return set()
    return {int(number) for number in pattern.findall(text)}


@lru_cache(maxsize=64)
def _finder(slug: str) -> tuple[str, re.Pattern[str]]:
    """What any reference starts with, in lower case, and the pattern that finds them."""
    first_word = re.split(r"[^0-9A-Za-z]+", slug.strip("-"))[0]
    return first_word[:PREFIX_LENGTH].casefold(), _pattern(slug)


@lru_cache(maxsize=64)
def _pattern(slug: str) -> re.Pattern[str]:
    whole_slug = _SEPARATORS.join(
        re.escape(part) for part in re.split(r"[^0-9A-Za-z]+", slug) if part
    )
    heads = sorted({re.escape(prefix(slug)), whole_slug}, key=len, reverse=True)
    head = "|".join(heads)
    return re.compile(rf"(?<![0-9A-Za-z])(?:{head}){_SEPARATORS}{_NUMBER}", re.IGNORECASE)
