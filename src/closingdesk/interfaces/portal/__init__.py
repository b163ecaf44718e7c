"""The purchaser's own page, opened by a signed link, no account."""
