"""The store: built by migrations, and a chain that concurrent writers cannot fork."""

from __future__ import annotations

import threading

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from closingdesk.adapters.store.engine import current_revision, head_revision, upgrade
from closingdesk.adapters.store.tables import metadata
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.audit.event_log import verify_chain


def test_migrations_create_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert tables >= {"offerings", "purchasers", "documents", "events", "event_chain_head"}
    assert current_revision(engine) == head_revision()


def test_the_migrated_schema_matches_the_tables_the_code_queries(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_upgrading_an_up_to_date_store_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_concurrent_writers_extend_the_chain_one_after_the_other(engine: Engine) -> None:
    def write(worker: int) -> None:
        for i in range(10):
            with UnitOfWork(engine) as uow:
                uow.events.append(
                    at="2002-03-12T17:00:00.000000Z",
                    actor=f"worker-{worker}",
                    entries=[("test.written", f"worker:{worker}", {"i": i})],
                )
                uow.commit()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    verdict = verify_chain(engine)
    assert verdict.intact and verdict.events == 40


def test_a_unit_of_work_left_without_commit_changes_nothing(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        uow.events.append(at="2002-03-12T17:00:00.000000Z", actor="t", entries=[("k", "s", {})])
    assert verify_chain(engine).events == 0
