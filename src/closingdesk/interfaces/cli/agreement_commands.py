"""agreements render, agreements parse."""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from closingdesk.adapters.files import write_file
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.common import (
    EXIT_REFUSED,
    DbOption,
    JsonOption,
    OfferingOption,
    actor,
    command,
    err,
    open_store,
    out,
    print_json,
)
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.agreements import blank_form, draft_agreements, read_agreement

agreements_app = typer.Typer(help="Agreements drafted from the form.", no_args_is_help=True)


class Format(StrEnum):
    txt = "txt"
    docx = "docx"
    pdf = "pdf"


def register(app: typer.Typer) -> None:
    command(agreements_app, "render")(render)
    command(agreements_app, "parse")(parse)
    app.add_typer(agreements_app, name="agreements")


def render(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the agreements to.")],
    format: Annotated[
        Format,
        typer.Option(
            help="txt: the form's own plain-text layout; docx (Word) or pdf: typeset, with the"
            " form of warrant as Exhibit A."
        ),
    ] = Format.txt,
    template: Annotated[
        Path | None,
        typer.Option(
            help="Replaced by 'closingdesk forms import agreement FILE --reason ...': counsel's"
            " form makes the Word file, the PDF and Exhibit A alike (refused here, exit 2)."
        ),
    ] = None,
    purchaser: Annotated[int | None, typer.Option(help="Only this purchaser's id.")] = None,
    blank: Annotated[bool, typer.Option(help="Write the empty text form instead.")] = False,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """Draft one agreement per purchaser, as the form's text, a Word document or a PDF, from
    the forms in use (see 'closingdesk forms'); a signed agreement is never redrafted."""
    if template is not None:
        raise typer.BadParameter(
            "a Word template no longer sets the agreement's wording, since the PDF would not"
            " follow it: export the agreement form ('closingdesk forms export agreement --out"
            " FILE'), edit it and 'closingdesk forms import agreement FILE --reason ...'; then"
            " render again",
            param_hint="--template",
        )
    engine = open_store(db)
    if blank:
        if format is not Format.txt:
            raise InvalidInput("the blank form is written as text only (--format txt)")
        found, text = blank_form(engine, offering=offering)
        path = write_file(out_dir, f"{found.slug}-form.{format.value}", text.encode("utf-8"))
        _report_blank(path, json)
        return
    found, drafted = draft_agreements(
        engine,
        offering=offering,
        purchaser_id=purchaser,
        fmt=format.value,
        actor=actor(),
        now=utc_now(),
    )
    rows: list[dict[str, Any]] = []
    for d in drafted:
        path = write_file(out_dir, d.file_name, d.content)
        rows.append(
            {
                "purchaser_id": d.purchaser_id,
                "name": d.purchaser_name,
                "file": str(path),
                "version": d.version,
                "sha256": d.sha256,
                "new_version": d.changed,
                "missing": list(d.missing),
            }
        )
    if json:
        print_json({"offering": found.slug, "agreements": rows})
        return
    incomplete = [r for r in rows if r["missing"]]
    out.print(
        f"Wrote {len(rows)} agreements to {out_dir} "
        f"({sum(r['new_version'] for r in rows)} new versions)."
    )
    for r in incomplete:
        out.print(
            f"[yellow]blanks left[/] for {escape(r['name'])} (id {r['purchaser_id']}): "
            f"missing {', '.join(r['missing'])}"
        )


def _report_blank(path: Path, json: bool) -> None:
    if json:
        print_json({"blank": str(path)})
    else:
        out.print(f"Wrote the blank form to {path}", markup=False)


def parse(
    file: Annotated[Path, typer.Argument(help="A filled agreement (.txt).")],
    json: JsonOption = False,
) -> None:
    """Read a filled agreement back into its data; inconsistent numbers are reported (exit 1)."""
    data, problems = read_agreement(file)
    if data is None:
        raise InvalidInput(f"{file.name} is not an agreement of this form", problems)
    document: dict[str, Any] = {
        **asdict(data),
        "address": list(data.address),
        "problems": [str(p) for p in problems],
    }
    if json:
        print_json(document)
    else:
        for key, value in document.items():
            if key != "problems":
                out.print(f"{key}: {value}", markup=False)
    if problems:
        for problem in problems:
            err.print(Text.assemble(("inconsistent: ", "bold red"), str(problem)))
        raise typer.Exit(EXIT_REFUSED)
