"""Failed sign-ins make the next attempt wait, by the address it comes from and by the
e-mail it tries: growing delays, never a lockout.

The first ``free`` failures in the window cost nothing; each one after doubles the wait
before another attempt is heard, up to a cap. By address the cap is minutes (one machine
guessing); by e-mail it stays seconds, so someone guessing an admin's password from many
machines slows the admin's own sign-in by seconds at most, never locks it.

>>> from datetime import UTC, datetime, timedelta
>>> t0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
>>> [BY_ADDRESS.wait(n).seconds for n in (4, 5, 6, 7, 20)]
[0, 1, 2, 4, 300]
>>> retry_after([t0] * 6, now=t0 + timedelta(seconds=1), schedule=BY_EMAIL).seconds
1
>>> retry_after([t0] * 6, now=t0 + timedelta(seconds=3), schedule=BY_EMAIL)
datetime.timedelta(0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)  # failures older than this are forgotten


@dataclass(frozen=True)
class Schedule:
    free: int
    first: timedelta
    cap: timedelta

    def wait(self, failures: int) -> timedelta:
        """How long after the last of ``failures`` failures the next attempt is heard."""
        if failures < self.free:
            return timedelta(0)
        doublings: int = min(failures - self.free, 32)
        return min(self.cap, self.first * (1 << doublings))


BY_ADDRESS = Schedule(free=5, first=timedelta(seconds=1), cap=timedelta(minutes=5))
BY_EMAIL = Schedule(free=5, first=timedelta(seconds=1), cap=timedelta(seconds=15))


def retry_after(failures: Sequence[datetime], *, now: datetime, schedule: Schedule) -> timedelta:
    """How long until another attempt is heard, given the failures in the window (oldest
    first); zero when it is heard now."""
    if not failures:
        return timedelta(0)
    return max(timedelta(0), failures[-1] + schedule.wait(len(failures)) - now)
