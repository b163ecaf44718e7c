"""Times as the store and the event log write them: ISO 8601 in UTC, to the microsecond."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(now: datetime) -> str:
    if now.tzinfo is None:
        raise ValueError("times must be aware: pass a datetime with a time zone")
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
