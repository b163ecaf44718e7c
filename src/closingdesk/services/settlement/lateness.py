"""An obligation done late, as events and ``--json`` record it: which, when due, when done,
how late (whole days, a part day counting as one, and the exact seconds)."""

from __future__ import annotations

from typing import Any

from closingdesk.domain.calendars import Late


def late_json(late: Late) -> dict[str, Any]:
    return {
        "obligation": late.obligation,
        "due": late.due.isoformat(),
        "done_at": late.done_at.isoformat(),
        "days_late": late.days,
        "seconds_late": late.seconds,
    }
