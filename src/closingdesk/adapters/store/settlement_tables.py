"""Settlement: runs, DWAC instructions, warrants, and every notice or delivery sent.

On the same metadata as the rest of the store (tables.py imports this module at its end).
The unique purchaser columns are the last guard of the rule that shares are instructed
and a warrant issued once per purchaser, whatever two settle commands do at the same time.
Letters, CSVs and warrant PDFs are rows of ``documents``.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from closingdesk.adapters.store.tables import metadata

settlement_runs = Table(
    "settlement_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("run_at", String(32), nullable=False),
    Column("run_by", Text, nullable=False),
    Column("instructed_on", String(10), nullable=False),
    # set when the run's files are attached, after its warrants are rendered
    Column("letter_document_id", Integer, ForeignKey("documents.id")),
    # None until the run's files are attached (0019: a run is decided before it is rendered)
    Column("csv_document_id", Integer, ForeignKey("documents.id")),
    # the same rows as an XLSX of text cells (None: a run settled before there was one)
    Column(
        "xlsx_document_id",
        Integer,
        ForeignKey("documents.id", name="fk_settlement_runs_xlsx_document"),
    ),
    # None: decided, its files not all attached yet; the next settle resumes it (0019)
    Column("completed_at", String(32)),
    Column("signer_name", Text),  # the authorised signatory chosen, to resume with (0019)
)

# The warrant numbers a run decided, one per purchaser, before any warrant is rendered: a
# number allocated once is never allocated again, and the purchaser is settling (0019).
warrant_allocations = Table(
    "warrant_allocations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("settlement_run_id", Integer, ForeignKey("settlement_runs.id"), nullable=False),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False, unique=True),
    Column("number", String(20), nullable=False),
    Column("warrant_shares", BigInteger, nullable=False),
    UniqueConstraint("offering_id", "number", name="uq_warrant_allocations_number"),
)

dwac_instructions = Table(
    "dwac_instructions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("settlement_run_id", Integer, ForeignKey("settlement_runs.id"), nullable=False),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False, unique=True),
    Column("shares", BigInteger, nullable=False),
    Column("dtc_participant", Text, nullable=False),
    Column("dtc_account", Text, nullable=False),
    Column("dtc_reference", Text),
    Column("confirmed_at", String(32)),
    Column("confirmed_by", Text),
    Column("confirmation_reference", Text),
)

warrants = Table(
    "warrants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False, unique=True),
    Column("number", String(20), nullable=False),
    Column("shares", BigInteger, nullable=False),
    Column("exercise_price", String(40), nullable=False),
    Column("issue_date", String(10), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("settlement_run_id", Integer, ForeignKey("settlement_runs.id"), nullable=False),
    Column("original_due", String(32), nullable=False),  # close of business, next business day
    Column("dispatched_at", String(32)),
    Column("dispatched_by", Text),
    Column("carrier", Text),
    Column("tracking", Text),
    Column("signer_name", Text),  # the authorised signatory who signed it (0011)
    Column("signer_title", Text),
    Column("original_signed_by", Text),  # who signed the original dispatched
    Column("delivered_at", String(32)),  # the original's delivery, on the carrier's evidence
    Column("delivered_by", Text),
    Column("delivery_evidence", Text),
    UniqueConstraint("offering_id", "number", name="uq_warrants_number"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id")),  # None: to the company or TA
    Column("kind", String(30), nullable=False),  # warrant_copy, notice, closing_confirmation...
    Column("addressee", Text, nullable=False),  # "company", "transfer_agent", "purchaser"
    Column("via", String(10), nullable=False),  # "email" or "fax" (a gateway reached by e-mail)
    Column("sent_to", Text),
    Column("subject", Text, nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id")),
    Column("sent_at", String(32), nullable=False),
    Column("sent_by", Text, nullable=False),
    Column("status", String(10), nullable=False),  # "sent" or "refused"
    Column("message_id", Text),
    Column("smtp_response", Text),
    Column("error", Text),
    Column("delivered_at", String(32)),  # evidence of receipt, e.g. the fax gateway's (0011)
    Column("delivery_evidence", Text),
    Index("ix_deliveries_purchaser", "purchaser_id", "kind"),
)
