"""Read models: what pages, lists and reports show, read with SQL that joins or filters.

The services that change the closing read and write only through the unit of work's
repositories (``uow.funding``, ``uow.settlements``, ...) and never run SQL of their own; a
read that exists only to be shown (a page of the event log, a list of documents, the
purchasers table, what the binder and ``audit verify`` read) lives here instead. Each view
takes an open unit of work, so it reads in the caller's transaction, and returns plain
dataclasses or domain records.
"""
