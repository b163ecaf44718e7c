"""Documents out of the database: their bytes move to the file store (adapters/files).

``documents`` and ``signature_pages`` lose their ``content`` column and gain ``size``; the
``sha256`` they already had names each one's file. Every existing row's bytes are written
to the file store first (durably, and checked against the row's recorded SHA-256), then
the column is dropped, all in the migration's one transaction: if anything fails (a row
whose bytes do not match its hash, no file store configured, a full disk) the database is
left as it was, with its bytes, and at most some unreferenced files are left behind.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Iterator

import sqlalchemy as sa
from alembic import op

from closingdesk.adapters.files.location import file_store
from closingdesk.adapters.files.store import sha256_of

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLES = ("documents", "signature_pages")
BATCH = 200


def upgrade() -> None:
    connection = op.get_bind()
    for name in TABLES:
        # SQLite adds a NOT NULL column only with a default; the rows get their sizes below
        op.add_column(name, sa.Column("size", sa.BigInteger, nullable=False, server_default="0"))
        _move_bytes_out(connection, name)
        op.drop_column(name, "content")  # SQLite >= 3.35: ALTER TABLE ... DROP COLUMN
        if connection.dialect.name != "sqlite":
            op.alter_column(name, "size", server_default=None)


def downgrade() -> None:
    connection = op.get_bind()
    for name in TABLES:
        op.add_column(name, sa.Column("content", sa.LargeBinary, nullable=True))
        table = sa.table(
            name,
            sa.column("id", sa.Integer),
            sa.column("file_name", sa.Text),
            sa.column("sha256", sa.String),
            sa.column("content", sa.LargeBinary),
        )
        store = None
        for row in _rows(connection, table):
            store = store or file_store(connection)
            content = store.get(row.sha256, what=f"{name} row {row.id} ({row.file_name})")
            update = table.update().where(table.c.id == row.id).values(content=content)
            connection.execute(update)
        op.drop_column(name, "size")


def _move_bytes_out(connection: sa.Connection, name: str) -> None:
    table = sa.table(
        name,
        sa.column("id", sa.Integer),
        sa.column("file_name", sa.Text),
        sa.column("sha256", sa.String),
        sa.column("content", sa.LargeBinary),
        sa.column("size", sa.BigInteger),
    )
    store = None
    for row in _rows(connection, table, with_content=True):
        store = store or file_store(connection)  # asked for only when there are bytes to move
        content = bytes(row.content)
        found = sha256_of(content)
        if found != row.sha256:
            raise RuntimeError(
                f"{name} row {row.id} ({row.file_name}): its bytes hash to {found}, not the "
                f"recorded {row.sha256}; nothing was migrated. Find out why before upgrading"
            )
        store.put(content)
        store.get(found, what=f"{name} row {row.id} ({row.file_name})")  # read back, checked
        update = table.update().where(table.c.id == row.id).values(size=len(content))
        connection.execute(update)


def _rows(
    connection: sa.Connection, table: sa.TableClause, *, with_content: bool = False
) -> Iterator[sa.Row[tuple[object, ...]]]:
    """The table's rows in id order, a batch at a time (a batch's bytes in memory at once)."""
    c = table.c
    columns = [c.id, c.file_name, c.sha256] + ([c.content] if with_content else [])
    last = 0
    while True:
        query = sa.select(*columns).where(c.id > last).order_by(c.id).limit(BATCH)
        batch = connection.execute(query).all()
        if not batch:
            return
        yield from batch
        last = int(batch[-1].id)
