"""The DWAC instruction as an XLSX workbook beside the CSV: one more document per run.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("settlement_runs") as batch:
        batch.add_column(sa.Column("xlsx_document_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_settlement_runs_xlsx_document", "documents", ["xlsx_document_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("settlement_runs") as batch:
        batch.drop_constraint("fk_settlement_runs_xlsx_document", type_="foreignkey")
        batch.drop_column("xlsx_document_id")
