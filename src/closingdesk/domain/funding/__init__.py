"""Funding: bank transactions, their control figures, matching and exceptions."""
