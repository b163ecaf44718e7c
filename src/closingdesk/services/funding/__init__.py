"""Funding: bank files in, matching, people's decisions, reconciliation."""
