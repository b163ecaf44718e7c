"""How long a sign-in lasts: browser sessions and API tokens.

A session ends when its user signs out, when it has been idle longer than the idle
timeout, or when it is older than the absolute timeout, whichever comes first. A token
works until it is revoked or expires.

>>> from datetime import UTC, datetime, timedelta
>>> t0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
>>> s = WebSession(1, user_id=7, created_at=t0, last_seen_at=t0 + timedelta(hours=7), ended_at=None)
>>> limits = SessionLimits(idle=timedelta(minutes=30), absolute=timedelta(hours=8))
>>> s.is_live(t0 + timedelta(hours=7, minutes=20), limits)
True
>>> s.is_live(t0 + timedelta(hours=7, minutes=31), limits)  # idle too long
False
>>> s.is_live(t0 + timedelta(hours=8, minutes=1), limits)  # too old, however busy
False
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# How often the store is told a session or token was used (not on every request).
TOUCH_EVERY = timedelta(minutes=1)
DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 366


@dataclass(frozen=True)
class SessionLimits:
    idle: timedelta
    absolute: timedelta


@dataclass(frozen=True)
class WebSession:
    id: int
    user_id: int
    created_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None

    def is_live(self, now: datetime, limits: SessionLimits) -> bool:
        return (
            self.ended_at is None
            and now - self.last_seen_at <= limits.idle
            and now - self.created_at <= limits.absolute
        )

    def needs_touch(self, now: datetime) -> bool:
        return now - self.last_seen_at >= TOUCH_EVERY


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_email: str
    label: str | None
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    def state(self, now: datetime) -> str:
        """``active``, ``revoked`` or ``expired``."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if now >= self.expires_at else "active"

    def needs_touch(self, now: datetime) -> bool:
        return self.last_used_at is None or now - self.last_used_at >= TOUCH_EVERY


def check_token_days(days: int) -> str | None:
    """A problem text when a token's lifetime in days is out of range, else None."""
    if 1 <= days <= MAX_TOKEN_DAYS:
        return None
    return f"a token lasts from 1 to {MAX_TOKEN_DAYS} days (not {days})"
