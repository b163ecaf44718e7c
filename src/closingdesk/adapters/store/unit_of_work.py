"""The unit of work: one connection, one transaction, committed only by the service.

A service that decides on rows locks them in its unit of work (``SELECT ... FOR UPDATE``
on PostgreSQL; SQLite's writers hold the database's write lock from BEGIN IMMEDIATE), so
the facts it read still hold when it commits. A change that waited too long for another
one's locks, or that PostgreSQL chose as a deadlock's victim, is refused as a
:class:`~closingdesk.domain.problems.Conflict` ("try again"), never a traceback.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from closingdesk.adapters.store.people_repository import PeopleRepository
from closingdesk.adapters.store.repositories import (
    DocumentRepository,
    EventLog,
    OfferingRepository,
    PurchaserRepository,
)
from closingdesk.domain.problems import Conflict

BUSY = (
    "another change to the closing was being recorded at the same time and held the records "
    "this one needs for too long; nothing was changed: try again"
)
CROSSED = (
    "another change to the closing was being recorded at the same time and crossed this one; "
    "nothing was changed: try again"
)
# PostgreSQL: lock_not_available (lock_timeout), serialization_failure, deadlock_detected
_PG_BUSY, _PG_CROSSED = {"55P03"}, {"40001", "40P01"}
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")


def concurrency_refusal(error: BaseException) -> Conflict | None:
    """The refusal a database error stands for when it is another change's locks, or None."""
    if not isinstance(error, DBAPIError):
        return None
    original = error.orig
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if state in _PG_BUSY:
        return Conflict(BUSY)
    if state in _PG_CROSSED:
        return Conflict(CROSSED)
    if any(text in str(original).lower() for text in _SQLITE_BUSY):
        return Conflict(BUSY)
    return None


class UnitOfWork:
    """``with UnitOfWork(engine) as uow: ...; uow.commit()``: anything not committed is undone."""

    connection: Connection
    offerings: OfferingRepository
    purchasers: PurchaserRepository
    documents: DocumentRepository
    events: EventLog
    people: PeopleRepository

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self._engine = engine
        self._read_only = read_only

    def __enter__(self) -> UnitOfWork:
        connection = self._engine.connect()
        if self._read_only:
            connection = connection.execution_options(closingdesk_read_only=True)
        self.connection = connection
        try:
            self._transaction = connection.begin()  # SQLite: waits for the write lock here
        except DBAPIError as error:
            connection.close()
            refusal = concurrency_refusal(error)
            if refusal is None:
                raise
            raise refusal from error
        self.offerings = OfferingRepository(connection)
        self.purchasers = PurchaserRepository(connection)
        self.documents = DocumentRepository(connection)
        self.events = EventLog(connection)
        self.people = PeopleRepository(connection)
        return self

    def commit(self) -> None:
        if self._read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        self._transaction.commit()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._transaction.is_active:
                self._transaction.rollback()
        finally:
            self.connection.close()
        refusal = None if exc is None else concurrency_refusal(exc)
        if refusal is not None:
            raise refusal from exc
