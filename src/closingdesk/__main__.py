"""``python -m closingdesk`` is the ``closingdesk`` command."""

from closingdesk.interfaces.cli.app import main

main()
