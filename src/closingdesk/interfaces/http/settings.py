"""The web app's settings: one object, built explicitly (tests pass their own)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from closingdesk.adapters.store.engine import DEFAULT_URL
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.mail_config import MailConfig, mail_config


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    # Cookies marked Secure: on when the deal room is served over TLS (directly or behind
    # a proxy that terminates it).
    secure_cookies: bool = False
    # The address purchasers' links start with, e.g. "https://closing.example.com".
    public_url: str = "http://127.0.0.1:8000"
    # A session ends after this long however busy (absolute) or this long unused (idle).
    session_max_age: int = 8 * 3600
    session_idle_seconds: int = 30 * 60
    # The most a request may send: an upload (multipart) and anything else (forms, sign-in).
    upload_max_bytes: int = 25 * 1024 * 1024
    form_max_bytes: int = 64 * 1024
    # Where settling from the deal room mails the transfer agent and the warrant copies.
    mail: MailConfig | None = None

    @classmethod
    def from_environment(
        cls, database_url: str, *, public_url: str, with_mail: bool = True
    ) -> Settings:
        secure = os.environ.get("CLOSINGDESK_SECURE_COOKIES", "").lower() in {"1", "true", "yes"}
        public = os.environ.get("CLOSINGDESK_PUBLIC_URL", public_url)
        return cls(
            database_url=database_url,
            secure_cookies=secure or public.startswith("https"),
            public_url=public.rstrip("/"),
            mail=mail_config() if with_mail else None,
            upload_max_bytes=_size("CLOSINGDESK_UPLOAD_MAX_BYTES", cls.upload_max_bytes),
            form_max_bytes=_size("CLOSINGDESK_FORM_MAX_BYTES", cls.form_max_bytes),
            session_max_age=_size("CLOSINGDESK_SESSION_MAX_SECONDS", cls.session_max_age),
            session_idle_seconds=_size(
                "CLOSINGDESK_SESSION_IDLE_SECONDS", cls.session_idle_seconds
            ),
        )


def _size(name: str, default: int) -> int:
    """A whole number (bytes, seconds) from the environment, e.g.
    ``CLOSINGDESK_UPLOAD_MAX_BYTES=52428800``."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise InvalidInput(f"{name} must be a whole number, 1 or more (it is {value!r})")
    return int(value)
