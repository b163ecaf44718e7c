"""Two changes at once, on two real connections: the first is held at its decisive write.

``race(engine, first, second, at="UPDATE purchasers")`` runs ``first`` in a thread until
it is about to execute a statement starting with ``at`` (it has read the facts it decides
on and holds whatever it locked), then runs ``second`` in another thread, waits until that
one has finished or is waiting for a lock, and only then lets ``first`` go on. Each
outcome is the value returned, the refusal raised, or any other exception (a bug).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event, text

from closingdesk.domain.problems import Refusal

WAIT = 60.0


@dataclass
class Outcome:
    value: Any = None
    refusal: Refusal | None = None
    error: BaseException | None = None

    @property
    def done(self) -> bool:
        return self.refusal is None and self.error is None


class _Hold:
    def __init__(self, at: str) -> None:
        self.at = at.upper()
        self.thread: threading.Thread | None = None
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.current_thread() is not self.thread or self.reached.is_set():
            return
        if statement.lstrip().upper().startswith(self.at):
            self.reached.set()
            self.release.wait(WAIT)


def race(
    engine: Engine, first: Callable[[], Any], second: Callable[[], Any], *, at: str
) -> tuple[Outcome, Outcome]:
    hold = _Hold(at)
    outcomes = (Outcome(), Outcome())
    threads = [
        threading.Thread(target=_run, args=(first, outcomes[0])),
        threading.Thread(target=_run, args=(second, outcomes[1])),
    ]
    hold.thread = threads[0]
    writing = _Writing(threads[1])
    event.listen(engine, "before_cursor_execute", hold)
    event.listen(engine, "before_cursor_execute", writing)
    try:
        threads[0].start()
        if not hold.reached.wait(WAIT):
            hold.release.set()
            threads[0].join(WAIT)
            raise AssertionError(f"the first change never reached {at!r}: {outcomes[0]}")
        threads[1].start()
        _until_waiting_or_done(engine, threads[1], writing.begun)
        hold.release.set()
        for thread in threads:
            thread.join(WAIT)
    finally:
        hold.release.set()
        event.remove(engine, "before_cursor_execute", hold)
        event.remove(engine, "before_cursor_execute", writing)
    return outcomes


def _run(change: Callable[[], Any], outcome: Outcome) -> None:
    try:
        outcome.value = change()
    except Refusal as refusal:
        outcome.refusal = refusal
    except BaseException as error:  # reported by the test, never swallowed
        outcome.error = error


class _Writing:
    """Set when ``thread`` sends SQLite its BEGIN IMMEDIATE (asks for the write lock)."""

    def __init__(self, thread: threading.Thread) -> None:
        self.thread = thread
        self.begun = threading.Event()

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.current_thread() is self.thread and statement.strip().upper() == (
            "BEGIN IMMEDIATE"
        ):
            self.begun.set()


def _until_waiting_or_done(
    engine: Engine, thread: threading.Thread, begun: threading.Event
) -> None:
    """PostgreSQL says when a session waits for a lock; SQLite does not, so the second
    change gets a moment to reach its BEGIN IMMEDIATE (where it waits for the write lock,
    which the first holds: every writing unit of work on SQLite begins with it): from the
    moment it sends it, a tenth of a second to be inside SQLite's wait; 1.5 s at most."""
    if engine.dialect.name != "postgresql":
        deadline = time.monotonic() + 1.5
        while thread.is_alive() and not begun.wait(0.01):
            if time.monotonic() > deadline:
                return
        thread.join(max(0.0, min(0.1, deadline - time.monotonic())))
        return
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    deadline = time.monotonic() + 20
    with engine.connect() as connection:
        while thread.is_alive() and time.monotonic() < deadline:
            if connection.execute(query).scalar_one() > 0:
                return
            connection.rollback()
            time.sleep(0.05)
