"""The mail server from the environment, for commands that mail as a side effect (settle,
warrants send-copies, notices send): CLOSINGDESK_SMTP_HOST, _PORT, _USER, _PASSWORD,
_STARTTLS=1, _FROM, _CAFILE, and CLOSINGDESK_FAX_GATEWAY (e.g. ``{fax}@fax.example``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import parseaddr

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.adapters.mail_message import address_problem
from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.services.clock import utc_now
from closingdesk.services.settlement_mail import Mailing

NO_SERVER = "no mail server is set (CLOSINGDESK_SMTP_HOST)"


def _env(name: str) -> str | None:
    return os.environ.get(f"CLOSINGDESK_{name}") or None


@contextmanager
def env_mailing(actor: str) -> Iterator[Mailing | None]:
    """A Mailing when a mail server is set, else None; a half-set configuration is refused."""
    host = _env("SMTP_HOST")
    if host is None:
        yield None
        return
    sender = _env("SMTP_FROM")
    why = address_problem(parseaddr(sender)[1]) if sender else "a From address is needed"
    if why:
        raise InvalidInput(
            "the mail settings are incomplete", [Problem("$CLOSINGDESK_SMTP_FROM", why)]
        )
    starttls = _env("SMTP_STARTTLS") in {"1", "true", "yes"}
    port = _env("SMTP_PORT")
    settings = SmtpSettings(
        host=host,
        port=int(port) if port and port.isdigit() else (587 if starttls else 25),
        user=_env("SMTP_USER"),
        password=_env("SMTP_PASSWORD"),
        starttls=starttls,
        cafile=_env("SMTP_CAFILE"),
    )
    with SmtpMailer(settings) as mailer:
        yield Mailing(mailer, sender or "", actor, utc_now, _env("FAX_GATEWAY"))
