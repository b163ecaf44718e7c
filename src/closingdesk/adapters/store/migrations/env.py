"""Alembic environment: closingdesk always hands Alembic an open connection."""

from alembic import context

from closingdesk.adapters.store import signing_tables  # noqa: F401  (its tables join metadata)
from closingdesk.adapters.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
