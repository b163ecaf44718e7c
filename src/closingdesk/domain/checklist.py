"""The closing checklist of one purchaser.

Each purchaser moves through these items, in this order; their keys are part of the
contract (``status --json``). A purchaser's *state* is the last item of the run of done
items from the start, or ``"new"`` when none is done.

>>> state_of({"agreement_generated": True, "prospectus_delivered": False})
'agreement_generated'
>>> state_of({})
'new'
"""

from __future__ import annotations

from collections.abc import Mapping

CHECKLIST: tuple[str, ...] = (
    "agreement_generated",
    "prospectus_delivered",
    "purchaser_signed",
    "company_signed",
    "funded",
    "shares_instructed",
    "shares_confirmed",
    "warrant_issued",
    "warrant_copy_delivered",
    "warrant_original_delivered",
)

STATES: tuple[str, ...] = ("new", *CHECKLIST)

# Once any of these is done, the purchaser's agreement is binding: the book may no longer
# change them.
SIGNED_ITEMS: tuple[str, ...] = ("purchaser_signed", "company_signed")


def state_of(checklist: Mapping[str, bool]) -> str:
    state = "new"
    for key in CHECKLIST:
        if not checklist.get(key, False):
            break
        state = key
    return state


def is_signed(checklist: Mapping[str, bool]) -> bool:
    return any(checklist.get(key, False) for key in SIGNED_ITEMS)
