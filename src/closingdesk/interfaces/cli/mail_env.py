"""The mail server from the environment (:mod:`closingdesk.interfaces.mail_config`), opened
for commands that mail as a side effect: settle, warrants send-copies, notices send."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from closingdesk.interfaces.mail_config import NO_SERVER, mail_config, open_mailing
from closingdesk.services.settlement.settlement_mail import Mailing

__all__ = ["NO_SERVER", "env_mailing"]


@contextmanager
def env_mailing(actor: str) -> Iterator[Mailing | None]:
    """A Mailing when a mail server is set, else None; a half-set configuration is refused."""
    with open_mailing(mail_config(), actor) as mailing:
        yield mailing
