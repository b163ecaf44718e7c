"""The audit trail: listing, verifying and checkpointing the event log."""
