"""The unit of work: one connection, one transaction, committed only by the service."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine

from closingdesk.adapters.store.people_repository import PeopleRepository
from closingdesk.adapters.store.repositories import (
    DocumentRepository,
    EventLog,
    OfferingRepository,
    PurchaserRepository,
)


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
        self._transaction = connection.begin()
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
        if self._transaction.is_active:
            self._transaction.rollback()
        self.connection.close()
