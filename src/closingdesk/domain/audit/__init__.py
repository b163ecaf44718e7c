"""The audit trail: the hash-chained event log and its replay."""
