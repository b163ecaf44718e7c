"""What the binder reads besides the repositories: the newest original of each document,
the offering's own documents and the bank files' names (queries in adapters.store
binder_queries and binder_evidence, read here in the caller's unit of work)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from closingdesk.adapters.store import binder_evidence, binder_queries
from closingdesk.adapters.store.binder_queries import BinderSource
from closingdesk.adapters.store.unit_of_work import UnitOfWork

__all__ = ["BinderSource", "bank_file_names", "newest_documents", "offering_documents"]


def newest_documents(uow: UnitOfWork, offering_id: int, kinds: Iterable[str]) -> list[BinderSource]:
    """Per purchaser (or the offering) and kind and format, the newest version; by id."""
    return binder_queries.newest_documents(uow.connection, offering_id, kinds)


def offering_documents(
    uow: UnitOfWork, offering_id: int, *, excluding: Collection[str]
) -> list[BinderSource]:
    """The offering's own documents (no purchaser's), newest version of each kind and name."""
    return binder_evidence.offering_documents(uow.connection, offering_id, excluding=excluding)


def bank_file_names(uow: UnitOfWork, offering_id: int) -> dict[int, str]:
    """Each bank file's name by its id."""
    return binder_evidence.bank_file_names(uow.connection, offering_id)
