"""The ``closingdesk`` command: Typer for parsing, Rich for people, JSON for scripts."""
