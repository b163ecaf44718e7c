"""The unit of work: one connection, one transaction, committed only by the service.

A service that decides on rows locks them in its unit of work (``SELECT ... FOR UPDATE``
on PostgreSQL; SQLite's writers hold the database's write lock from BEGIN IMMEDIATE), so
the facts it read still hold when it commits. A change that waited too long for another
one's locks, or that PostgreSQL chose as a deadlock's victim, is refused as a
:class:`~closingdesk.domain.problems.Conflict` ("try again"), never a traceback.
"""

from __future__ import annotations

from functools import cached_property
from types import TracebackType

from sqlalchemy import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError

from closingdesk.adapters.store.decision_repository import DecisionRepository
from closingdesk.adapters.store.form_repository import FormRepository
from closingdesk.adapters.store.funding_repository import FundingRepository
from closingdesk.adapters.store.installation_repository import InstallationRepository
from closingdesk.adapters.store.invitation_repository import InvitationRepository
from closingdesk.adapters.store.offering_documents import OfferingDocumentRepository
from closingdesk.adapters.store.people_repository import PeopleRepository
from closingdesk.adapters.store.purchaser_details_repository import PurchaserDetailsRepository
from closingdesk.adapters.store.repositories import (
    DocumentRepository,
    EventLog,
    OfferingRepository,
    PurchaserRepository,
)
from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.signature_repository import SignatureRepository
from closingdesk.adapters.store.signing_repository import SigningRepository
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
    """``with UnitOfWork(engine) as uow: ...; uow.commit()``: anything not committed is undone.

    Every repository is an attribute, built on the unit of work's one connection (the first
    five when it opens, the others when first used), so a service reads and writes through
    ``uow.funding``, ``uow.settlements``, ... and never through ``uow.connection`` or SQL of its
    own; row locks a repository takes hold until this unit of work ends.
    """

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
        for name in _BUILT_WHEN_USED:  # a unit of work entered again gets new repositories
            self.__dict__.pop(name, None)
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

    @property
    def url(self) -> URL:
        """The database's address (its password hidden when rendered as a string)."""
        return self._engine.url

    @cached_property
    def funding(self) -> FundingRepository:
        """Bank files, their transactions, matches and the wires they make."""
        return FundingRepository(self.connection)

    @cached_property
    def decisions(self) -> DecisionRepository:
        """Decisions taken on funding exceptions."""
        return DecisionRepository(self.connection)

    @cached_property
    def settlements(self) -> SettlementRepository:
        """Settlement runs, DWAC instructions, warrants and deliveries."""
        return SettlementRepository(self.connection)

    @cached_property
    def signatures(self) -> SignatureRepository:
        """Purchasers' and the issuer's signatures and their signature pages."""
        return SignatureRepository(self.connection)

    @cached_property
    def signing_identity(self) -> SigningRepository:
        """The offering's signing authority and certificate."""
        return SigningRepository(self.connection)

    @cached_property
    def forms(self) -> FormRepository:
        """Counsel's forms as versioned text, and where each version was used."""
        return FormRepository(self.connection)

    @cached_property
    def invitations(self) -> InvitationRepository:
        """Invitations sent to purchasers."""
        return InvitationRepository(self.connection)

    @cached_property
    def offering_documents(self) -> OfferingDocumentRepository:
        """Documents stored per offering (prospectus, approvals, ...) and their files."""
        return OfferingDocumentRepository(self.connection)

    @cached_property
    def purchaser_details(self) -> PurchaserDetailsRepository:
        """A purchaser's contact and delivery details, and the lock on their row."""
        return PurchaserDetailsRepository(self.connection)

    @cached_property
    def installation(self) -> InstallationRepository:
        """What the database holds of the installation itself (secrets from before the key file)."""
        return InstallationRepository(self.connection)

    def read_at_one_instant(self) -> None:
        """Every later read of this unit of work sees the database as at its first read.

        PostgreSQL: REPEATABLE READ, set before the transaction's first statement. SQLite
        already reads one snapshot per transaction.
        """
        if self.connection.dialect.name == "postgresql":
            self.connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")

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


_BUILT_WHEN_USED = [
    name for name, value in vars(UnitOfWork).items() if isinstance(value, cached_property)
]
