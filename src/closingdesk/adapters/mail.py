"""Sending e-mail: a small port (``Mailer``) and its SMTP implementation (``SmtpMailer``).

A mail server that does not take a message raises ``MailFailed`` with what it said; the
caller records it. ``affects_all`` tells a refusal of this one message (a recipient
refused, the message refused) from a server that takes no message at all (unreachable, the
login or the sender refused), after which trying the next message is pointless.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class MailFailed(Exception):
    def __init__(self, reason: str, *, affects_all: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.affects_all = affects_all


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> str:
        """Hand the message to the mail server: its reply, or MailFailed saying why not."""
        ...


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    cafile: str | None = None  # a private CA to trust for STARTTLS, besides the system's
    timeout: float = 30.0


class _Smtp(smtplib.SMTP):
    """smtplib.SMTP that keeps the server's reply to the message (usually its queue id)."""

    last_reply: tuple[int, bytes] = (0, b"")

    def data(self, msg: ReadableBuffer | str) -> tuple[int, bytes]:
        self.last_reply = super().data(msg)
        return self.last_reply


class SmtpMailer:
    """One connection for many messages: ``with SmtpMailer(settings) as mailer: ...``."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: _Smtp | None = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def send(self, message: EmailMessage) -> str:
        smtp = self._connection()
        try:
            smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            said = "; ".join(f"{to}: {_said(*reply)}" for to, reply in error.recipients.items())
            raise MailFailed(f"recipient refused: {said}", affects_all=False) from None
        except smtplib.SMTPDataError as error:
            reason = "message refused: " + _said(error.smtp_code, error.smtp_error)
            raise MailFailed(reason, affects_all=False) from None
        except smtplib.SMTPSenderRefused as error:
            reason = f"sender {error.sender} refused: " + _said(error.smtp_code, error.smtp_error)
            raise MailFailed(reason, affects_all=True) from None
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise MailFailed(_reason(error, "the mail server stopped"), affects_all=True) from None
        code, reply = smtp.last_reply
        return _said(code, reply)

    def _connection(self) -> _Smtp:
        """The open connection if the server still answers on it, else a new one."""
        if self._smtp is not None:
            try:
                if self._smtp.noop()[0] == 250:
                    return self._smtp
            except (smtplib.SMTPException, OSError):
                pass
            self.close()
        return self._connect()

    def _connect(self) -> _Smtp:
        s, smtp, step = self.settings, None, "connecting"
        try:
            smtp = _Smtp(s.host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if s.starttls:
                step = "STARTTLS"
                smtp.starttls(context=ssl.create_default_context(cafile=s.cafile))
                smtp.ehlo()
            if s.user:
                step = f"login as {s.user}"
                smtp.login(s.user, s.password or "")
        except (smtplib.SMTPException, OSError) as error:
            if smtp is not None:
                smtp.close()
            context = f"mail server {s.host}:{s.port}, {step}"
            raise MailFailed(_reason(error, context), affects_all=True) from None
        self._smtp = smtp
        return smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _said(code: int, said: bytes | str) -> str:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else said
    return f"{code} {' '.join(text.split())}"


def _reason(error: Exception, context: str) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{context}: {_said(error.smtp_code, error.smtp_error)}"
    if isinstance(error, ssl.SSLError):
        return f"{context}: TLS failed: {error}"
    if isinstance(error, OSError) and error.strerror:
        return f"{context}: {error.strerror}"
    return f"{context}: {error or type(error).__name__}"
