"""The store of decisions on funding exceptions. Used inside a unit of work; never commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, insert, select

from closingdesk.adapters.store.decision_tables import exception_decisions
from closingdesk.domain.funding.exception_decisions import ExceptionDecision

_D = exception_decisions.c


class DecisionRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def of_offering(self, offering_id: int) -> list[ExceptionDecision]:
        query = select(exception_decisions).where(_D.offering_id == offering_id)
        return self._decisions(query)

    def of_wire(self, offering_id: int, txn_id: int) -> list[ExceptionDecision]:
        """The decisions on one wire (few; found by the wire's unique constraint)."""
        query = select(exception_decisions).where(
            _D.transaction_id == txn_id, _D.offering_id == offering_id
        )
        return self._decisions(query)

    def _decisions(self, query: Select[Any]) -> list[ExceptionDecision]:
        return [
            ExceptionDecision(
                row.kind,
                int(row.transaction_id),
                int(row.purchaser_id),
                row.reason,
                row.decided_by,
                row.decided_at,
            )
            for row in self._c.execute(query.order_by(_D.id))
        ]

    def add(self, offering_id: int, decision: ExceptionDecision) -> None:
        self._c.execute(
            insert(exception_decisions).values(
                offering_id=offering_id,
                transaction_id=decision.txn_id,
                purchaser_id=decision.purchaser_id,
                kind=decision.kind,
                reason=decision.reason,
                decided_by=decision.decided_by,
                decided_at=decision.decided_at,
            )
        )
