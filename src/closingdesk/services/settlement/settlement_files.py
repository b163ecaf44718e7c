"""A settlement run's files written out: the transfer agent's letter and CSV, the warrants."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.files import write_file
from closingdesk.adapters.store.settlement_repository import run_documents
from closingdesk.adapters.store.unit_of_work import UnitOfWork


def export_run(engine: Engine, run_id: int, folder: Path) -> list[Path]:
    with UnitOfWork(engine, read_only=True) as uow:
        return [
            write_file(folder, name, content)
            for name, content in run_documents(uow.connection, run_id)
        ]
