"""countersign (the company's signature of many agreements at once) and signatures execute
(the executed PDFs still missing, e.g. after an unreachable timestamp authority)."""

from __future__ import annotations

import socket
from typing import Annotated, Any

import typer
from rich.markup import escape

from closingdesk import __version__
from closingdesk.domain.signing.signatures import Evidence
from closingdesk.interfaces.cli.common import (
    DbOption,
    JsonOption,
    OfferingOption,
    actor,
    err,
    open_store,
    out,
    print_json,
)
from closingdesk.services.clock import utc_now
from closingdesk.services.signing.countersigning import CountersignResult, countersign
from closingdesk.services.signing.executed_counterparts import execute_counterparts

TsaOption = Annotated[
    str | None,
    typer.Option(
        "--tsa-url",
        envvar="CLOSINGDESK_TSA_URL",
        help="An RFC 3161 timestamp authority: the executed PDFs become PAdES B-T.",
    ),
]


SignatoryOption = Annotated[
    str | None,
    typer.Option(
        "--signatory",
        help="Who signs for the company: an authorised signatory of the terms "
        "([[company.signatories]]), by name or number (1 the first listed).",
    ),
]


def countersign_command(
    signatory: SignatoryOption = None,
    everyone: Annotated[
        bool, typer.Option("--all", help="Every purchaser who signed and awaits the company.")
    ] = False,
    purchaser: Annotated[
        list[int] | None, typer.Option(help="This purchaser's id (repeat for several).")
    ] = None,
    tsa_url: TsaOption = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Countersign for the company, then make each executed, digitally signed PDF."""
    if everyone == bool(purchaser):
        raise typer.BadParameter("give either --all or --purchaser ID", param_hint="--all")
    result = countersign(
        open_store(db),
        offering=offering,
        purchaser_ids=None if everyone else list(purchaser or []),
        signatory=signatory,
        evidence=cli_evidence(),
        actor=actor(),
        now=utc_now(),
        tsa_url=tsa_url,
    )
    if json:
        print_json(countersign_json(result))
    else:
        _print_countersign(result)
    _warn_failures(result.failed)


def execute(
    purchaser: Annotated[list[int] | None, typer.Option(help="Only this purchaser's id.")] = None,
    tsa_url: TsaOption = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Make the executed PDFs still missing (after an unreachable timestamp authority)."""
    done = execute_counterparts(
        open_store(db),
        offering=offering,
        purchaser_ids=purchaser or None,
        tsa_url=tsa_url,
        actor=actor(),
        now=utc_now(),
    )
    if json:
        print_json(
            {
                "executed_document_ids": done.executed_document_ids,
                "certificate_document_ids": done.certificate_document_ids,
                "failed": _failed_json(done.failed),
            }
        )
    else:
        out.print(f"Made {len(done.executed_document_ids)} executed PDFs.")
    _warn_failures(done.failed)


def cli_evidence() -> Evidence:
    """Where a command-line signature comes from: this host, this program."""
    return Evidence(
        ip=None, user_agent=f"closingdesk/{__version__} (CLI on {socket.gethostname()})"
    )


def countersign_json(result: CountersignResult) -> dict[str, Any]:
    return {
        "countersigned": result.countersigned,
        "skipped": [{"purchaser_id": pid, "reasons": reasons} for pid, reasons in result.skipped],
        "executed_document_ids": result.executed_document_ids,
        "certificate_document_ids": result.certificate_document_ids,
        "failed": _failed_json(result.failed),
    }


def _failed_json(failed: list[tuple[int, str]]) -> list[dict[str, Any]]:
    return [{"purchaser_id": pid, "reason": reason} for pid, reason in failed]


def _print_countersign(result: CountersignResult) -> None:
    out.print(
        f"Countersigned {len(result.countersigned)}; "
        f"{len(result.executed_document_ids)} executed PDFs made; {len(result.skipped)} skipped."
    )
    for pid, reasons in result.skipped:
        out.print(f"  skipped purchaser {pid}: {escape('; '.join(reasons))}")


def _warn_failures(failed: list[tuple[int, str]]) -> None:
    for pid, reason in failed:
        err.print(f"[bold red]no executed PDF[/] for purchaser {pid}: {escape(reason)}")
    if failed:
        err.print("Run `closingdesk signatures execute` to try again.", markup=False)
