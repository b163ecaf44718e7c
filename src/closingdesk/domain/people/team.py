"""People who work a closing: team users with a role, their API tokens, purchasers' links.

A purchaser never has an account: they get a link that opens their own page. The link
carries a signed id and a random nonce; the store keeps only the nonce's hash, when the link
expires, and whether it was revoked.
"""

from __future__ import annotations

from dataclasses import dataclass

from closingdesk.domain.people.roles import ROLES


@dataclass(frozen=True)
class User:
    id: int
    email: str
    role: str
    disabled: bool


@dataclass(frozen=True)
class PurchaserLink:
    id: int
    purchaser_id: int
    sent_to: str | None
    created_by: str
    created_at: str
    expires_at: str  # ISO 8601 UTC, as stored
    revoked_at: str | None


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_role(role: str) -> str | None:
    """A problem text when the role is not one of ours, else None."""
    if role in ROLES:
        return None
    return f"unknown role {role!r}; the roles are {', '.join(ROLES)}"
