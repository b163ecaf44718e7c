"""The mail server as configured in the environment, for every interface that mails as a
side effect (the CLI's settle and notices, the deal room's settle): CLOSINGDESK_SMTP_HOST,
_PORT, _USER, _PASSWORD, _STARTTLS=1, _FROM, _CAFILE, and CLOSINGDESK_FAX_GATEWAY (e.g.
``{fax}@fax.example``) for the form's facsimile numbers."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parseaddr

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.adapters.mail_message import address_problem
from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.services.clock import utc_now
from closingdesk.services.settlement.settlement_mail import Mailing

NO_SERVER = "no mail server is set (CLOSINGDESK_SMTP_HOST)"


@dataclass(frozen=True)
class MailConfig:
    smtp: SmtpSettings
    sender: str  # the From address
    fax_gateway: str | None = None


def mail_config(environ: Mapping[str, str] = os.environ) -> MailConfig | None:
    """The configuration, None when no server is set; a half-set one is refused."""

    def env(name: str) -> str | None:
        return environ.get(f"CLOSINGDESK_{name}") or None

    host = env("SMTP_HOST")
    if host is None:
        return None
    sender = env("SMTP_FROM")
    why = address_problem(parseaddr(sender)[1]) if sender else "a From address is needed"
    if why or sender is None:
        problem = Problem("$CLOSINGDESK_SMTP_FROM", why or "a From address is needed")
        raise InvalidInput("the mail settings are incomplete", [problem])
    starttls = env("SMTP_STARTTLS") in {"1", "true", "yes"}
    port = env("SMTP_PORT")
    smtp = SmtpSettings(
        host=host,
        port=int(port) if port and port.isdigit() else (587 if starttls else 25),
        user=env("SMTP_USER"),
        password=env("SMTP_PASSWORD"),
        starttls=starttls,
        cafile=env("SMTP_CAFILE"),
    )
    return MailConfig(smtp, sender, env("FAX_GATEWAY"))


@contextmanager
def open_mailing(config: MailConfig | None, actor: str) -> Iterator[Mailing | None]:
    """A Mailing over this configuration's server (connected on the first message), or
    None when no server is set."""
    if config is None:
        yield None
        return
    with SmtpMailer(config.smtp) as mailer:
        yield Mailing(mailer, config.sender, actor, utc_now, config.fax_gateway)
