"""The closingdesk command line: ``closingdesk --help``."""

from __future__ import annotations

from functools import cache

import typer

from closingdesk.interfaces.cli import (
    agreement_commands,
    binder_commands,
    demo_commands,
    document_commands,
    exception_decision_commands,
    file_commands,
    form_commands,
    funding_commands,
    invitation_commands,
    offering_commands,
    people_commands,
    purchaser_commands,
    serve_commands,
    settlement_commands,
    signature_commands,
    status_commands,
    warrant_commands,
)


@cache  # the groups' sub-apps are module-level: registering twice would add every command again
def build_app() -> typer.Typer:
    app = typer.Typer(
        name="closingdesk",
        help="Run the closing of a securities purchase: terms, purchaser book, agreements, "
        "signatures, wires, settlement, the closing binder and the audit trail.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    for module in (
        offering_commands,
        purchaser_commands,
        agreement_commands,
        form_commands,
        document_commands,
        invitation_commands,
        signature_commands,
        funding_commands,
        exception_decision_commands,
        settlement_commands,
        warrant_commands,
        binder_commands,
        file_commands,
        status_commands,
        people_commands,
        serve_commands,
        demo_commands,
    ):
        module.register(app)
    return app


def main() -> None:
    build_app()()
