"""audit verify [--checkpoint FILE], audit checkpoint --out FILE, backup --out DIR."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.common import (
    EXIT_REFUSED,
    DbOption,
    JsonOption,
    OfferingOption,
    command,
    err,
    open_store,
    out,
    print_json,
)
from closingdesk.services.audit.checkpoints import (
    CheckpointCheck,
    check_checkpoint,
    make_checkpoint,
)
from closingdesk.services.audit.event_log import verify_chain, verify_tables
from closingdesk.services.clock import utc_now
from closingdesk.services.installation.backup import back_up

TsaOption = Annotated[
    str | None,
    typer.Option(
        "--tsa-url",
        envvar="CLOSINGDESK_TSA_URL",
        help="An RFC 3161 timestamp authority to time-stamp the signature. "
        "Default: $CLOSINGDESK_TSA_URL; without one the time is only this computer's clock.",
    ),
]


def register(app: typer.Typer, audit_app: typer.Typer) -> None:
    command(audit_app, "verify")(verify)
    command(audit_app, "checkpoint")(checkpoint)
    command(app, "backup")(backup)


def verify(
    db: DbOption = None,
    json: JsonOption = False,
    checkpoint_file: Annotated[
        Path | None,
        typer.Option(
            "--checkpoint",
            help="A checkpoint written by `audit checkpoint` (or a binder's): prove the log "
            "still extends it.",
        ),
    ] = None,
) -> None:
    """Check the hash chain, replay the log against the tables (purchasers, bank
    transactions, DWAC instructions, warrants) and, with --checkpoint, that the log still
    extends the checkpoint. Exit 0 when all hold, 1 naming every problem."""
    engine = open_store(db)
    chain = verify_chain(engine)
    tables = verify_tables(engine)
    held: CheckpointCheck | None = None
    if checkpoint_file is not None:
        held = check_checkpoint(engine, _read(checkpoint_file), source=str(checkpoint_file))
    ok = chain.intact and tables.agrees and (held is None or held.holds)
    if json:
        broken = chain.broken
        document: dict[str, Any] = {
            "intact": chain.intact,
            "events": chain.events,
            "first_bad_seq": broken.seq if broken else None,
            "reason": broken.reason if broken else None,
            "tables_agree": tables.agrees,
            "differences": [
                {
                    "table": d.table,
                    "row": d.row,
                    "column": d.column,
                    "in_table": d.in_table,
                    "from_events": d.from_events,
                }
                for d in tables.differences
            ],
            "replay_notes": tables.notes,
            "checkpoint": None if held is None else _checkpoint_json(held, checkpoint_file),
            "ok": ok,
        }
        print_json(document)
    else:
        _print_verdict(chain, tables, held, checkpoint_file)
    if not ok:
        raise typer.Exit(EXIT_REFUSED)


def _checkpoint_json(held: CheckpointCheck, file: Path | None) -> dict[str, Any]:
    return {
        "file": str(file),
        "holds": held.holds,
        "seq": held.seq,
        "made_at": held.made_at,
        "timestamp": held.timestamp.isoformat() if held.timestamp else None,
        "problems": [{"where": p.where, "what": p.what} for p in held.problems],
    }


def _print_verdict(
    chain: Any, tables: Any, held: CheckpointCheck | None, file: Path | None
) -> None:
    if chain.broken is None:
        out.print(f"[green]intact:[/] {chain.events} events, every hash checks out")
    else:
        err.print(
            Text.assemble(
                (f"broken at event {chain.broken.seq}: ", "bold red"), chain.broken.reason
            )
        )
    if tables.agrees:
        out.print("[green]tables agree:[/] the events replayed give every row as stored")
    else:
        err.print(
            Text.assemble(
                (f"{len(tables.differences)} rows differ from the events: ", "bold red"),
                "edited outside closingdesk",
            )
        )
        for difference in tables.differences:
            err.print(f"  - {difference}", markup=False)
    for note in tables.notes:
        out.print(f"note: {note}", markup=False)
    if held is None:
        out.print(
            "no checkpoint given: a log rewritten with its hashes recomputed, or cut at "
            "its end, is only caught against a checkpoint (--checkpoint FILE)",
            markup=False,
        )
        return
    if held.holds:
        when = (
            f"time-stamped {held.timestamp.isoformat()}"
            if held.timestamp
            else f"made {held.made_at} (not time-stamped)"
        )
        out.print(
            f"[green]checkpoint holds:[/] the log still extends event {held.seq} of {file} ({when})"
        )
    else:
        err.print(Text.assemble((f"checkpoint {file} does not hold:", "bold red")))
        for problem in held.problems:
            err.print(f"  - {problem}", markup=False)


def checkpoint(
    out_file: Annotated[Path, typer.Option("--out", help="The checkpoint file to write.")],
    db: DbOption = None,
    offering: OfferingOption = None,
    tsa_url: TsaOption = None,
    json: JsonOption = False,
) -> None:
    """Write the chain head (sequence, hash, time) signed with the offering's key, to keep
    outside the database; `audit verify --checkpoint FILE` later proves the log extends it."""
    made = make_checkpoint(open_store(db), offering=offering, tsa_url=tsa_url, now=utc_now())
    try:
        out_file.write_bytes(made.content)
    except OSError as error:
        raise InvalidInput(f"{out_file}: cannot write it ({error.strerror})") from None
    if json:
        print_json(
            {
                "file": str(out_file),
                "offering": made.offering,
                "seq": made.seq,
                "hash": made.hash,
                "event_at": made.event_at,
                "made_at": made.made_at,
                "time_stamped": made.time_stamped,
            }
        )
        return
    stamped = "time-stamped" if made.time_stamped else "not time-stamped (no CLOSINGDESK_TSA_URL)"
    out.print(
        f"wrote {out_file}: event {made.seq}, hash {made.hash[:16]}…, signed, {stamped}",
        markup=False,
    )


def backup(
    out_dir: Annotated[Path, typer.Option("--out", help="A new folder for the backup.")],
    key_out: Annotated[
        Path | None,
        typer.Option(
            "--key-out",
            help="Where the key file's copy goes (default: OUT/key-file); keep it apart.",
        ),
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Copy the database (SQLite file, or pg_dump when it is on PATH), the documents' files
    and, separately, the key file, with a README.txt saying what to keep apart."""
    made = back_up(open_store(db), out_dir, key_out=key_out, now=utc_now())
    if json:
        print_json(
            {
                "folder": str(made.folder),
                "database": str(made.database) if made.database else None,
                "database_note": made.database_note,
                "files": str(made.files),
                "file_count": made.file_count,
                "key_file": str(made.key_file),
                "readme": str(made.note),
            }
        )
    else:
        out.print(f"database: {made.database or made.database_note}", markup=False)
        out.print(f"files: {made.files} ({made.file_count})", markup=False)
        out.print(f"key file: {made.key_file}", markup=False)
        out.print(
            f"read {made.note}: store the database copy and the key file in different places",
            markup=False,
        )
    if made.database is None:
        err.print(Text.assemble(("database not copied: ", "bold red"), made.database_note))
        raise typer.Exit(EXIT_REFUSED)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read it ({error.strerror})") from None
