"""People: team users, their sessions and API tokens."""
