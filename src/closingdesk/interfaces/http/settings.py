"""The web app's settings: one object, built explicitly (tests pass their own)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from closingdesk.adapters.store.engine import DEFAULT_URL
from closingdesk.interfaces.mail_config import MailConfig, mail_config


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    # Cookies marked Secure: on when the deal room is served over TLS (directly or behind
    # a proxy that terminates it).
    secure_cookies: bool = False
    # The address purchasers' links start with, e.g. "https://closing.example.com".
    public_url: str = "http://127.0.0.1:8000"
    session_max_age: int = 8 * 3600
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
        )
