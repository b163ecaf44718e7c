"""invitations send: e-mail each purchaser their own link, with the prospectus attached.

SMTP settings come from options or the environment (CLOSINGDESK_SMTP_HOST, _PORT, _USER,
_PASSWORD, _STARTTLS=1, _FROM, _CAFILE); the password only from the environment, so that
it never shows in a process list or a shell history.
"""

from __future__ import annotations

import os
from datetime import timedelta
from email.utils import parseaddr
from typing import Annotated, Any

import typer

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.adapters.mail_message import address_problem
from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.interfaces.cli.common import (
    EXIT_REFUSED,
    DbOption,
    JsonOption,
    OfferingOption,
    actor,
    command,
    open_store,
    print_json,
)
from closingdesk.interfaces.cli.invitation_output import print_failures, print_run, run_json
from closingdesk.services.people.team import installation_secrets
from closingdesk.services.signing.invitations import NOT_TRIED, REFUSED, send_invitations

invitations_app = typer.Typer(help="E-mail purchasers their own links.", no_args_is_help=True)


def _env(flag: str, name: str, help: str) -> Any:  # a typer.Option
    return typer.Option(flag, envvar=f"CLOSINGDESK_{name}", help=help, show_default=False)


PurchaserOption = Annotated[int | None, typer.Option(help="Only this purchaser (by id).")]
UninvitedOption = Annotated[
    bool, typer.Option("--uninvited", help="Only purchasers no invitation has reached yet.")
]
DaysOption = Annotated[int, typer.Option(help="Days until each new link expires.")]
PublicUrl = Annotated[str | None, _env("--public-url", "PUBLIC_URL", "The deal room's address.")]
Host = Annotated[str | None, _env("--smtp-host", "SMTP_HOST", "The mail server.")]
Port = Annotated[int | None, _env("--smtp-port", "SMTP_PORT", "587 with STARTTLS, else 25.")]
User = Annotated[str | None, _env("--smtp-user", "SMTP_USER", "Log in as (password: env).")]
StartTls = Annotated[
    bool, _env("--starttls/--no-starttls", "SMTP_STARTTLS", "Switch to TLS before login.")
]
CaFile = Annotated[str | None, _env("--smtp-cafile", "SMTP_CAFILE", "CA file to trust for TLS.")]
Sender = Annotated[str | None, _env("--from", "SMTP_FROM", "The From address.")]


def register(app: typer.Typer) -> None:
    command(invitations_app, "send")(send)
    app.add_typer(invitations_app, name="invitations")


def send(
    purchaser: PurchaserOption = None,
    uninvited: UninvitedOption = False,
    days: DaysOption = 14,
    public_url: PublicUrl = None,
    smtp_host: Host = None,
    smtp_port: Port = None,
    smtp_user: User = None,
    starttls: StartTls = False,
    smtp_cafile: CaFile = None,
    sender: Sender = None,
    db: DbOption = None,
    offering: OfferingOption = None,
    json: JsonOption = False,
) -> None:
    """E-mail each purchaser who has an address a new link to their own page, with the
    prospectus supplement attached. Exit 1 when the mail server refused any invitation."""
    url, host, from_address = _required(public_url, smtp_host, sender, smtp_user, days)
    settings = SmtpSettings(
        host=host,
        port=smtp_port or (587 if starttls else 25),
        user=smtp_user,
        password=os.environ.get("CLOSINGDESK_SMTP_PASSWORD"),
        starttls=starttls,
        cafile=smtp_cafile,
    )
    engine = open_store(db)
    with SmtpMailer(settings) as mailer:
        run = send_invitations(
            engine,
            mailer,
            offering=offering,
            purchaser_id=purchaser,
            uninvited_only=uninvited,
            public_url=url,
            sender=from_address,
            link_key=installation_secrets(engine).link_key,
            lifetime=timedelta(days=days),
            actor=actor(),
        )
    if json:
        print_json(run_json(run))
    else:
        print_run(run)
    if run.having(REFUSED, NOT_TRIED):
        print_failures(run)
        raise typer.Exit(EXIT_REFUSED)


def _required(
    public_url: str | None, host: str | None, sender: str | None, user: str | None, days: int
) -> tuple[str, str, str]:
    """(public URL, mail server, From address), or every missing or wrong setting at once."""
    problems = []
    if not (public_url or "").startswith(("https://", "http://")):
        what = "the deal room's address, starting with https://, is needed for the links"
        problems.append(Problem("--public-url / $CLOSINGDESK_PUBLIC_URL", what))
    if not host:
        problems.append(Problem("--smtp-host / $CLOSINGDESK_SMTP_HOST", "a mail server is needed"))
    why = address_problem(parseaddr(sender)[1]) if sender else "a From address is needed"
    if why:
        problems.append(Problem("--from / $CLOSINGDESK_SMTP_FROM", why))
    if user and not os.environ.get("CLOSINGDESK_SMTP_PASSWORD"):
        problems.append(Problem("$CLOSINGDESK_SMTP_PASSWORD", f"{user}'s password is needed"))
    if days < 1:
        problems.append(Problem("--days", "must be 1 or more"))
    if problems or not (public_url and host and sender):
        raise InvalidInput("no invitation was sent", problems)
    return public_url, host, sender
