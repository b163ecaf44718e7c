"""A mail server for the demo: SMTP on loopback, each message it takes kept as a .eml file.

The demo sends its mail through the same SMTP client as a real closing; the messages land
in the demo's folder instead of leaving the machine, and the replies recorded as proof of
sending are this server's own (so the demo says which server took them).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from closingdesk.adapters.mail import SmtpSettings


class _Keep:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        to = "-".join(envelope.rcpt_tos).replace("@", "_at_")[:80]
        (self.folder / f"{self.count:04d}-{to}.eml").write_bytes(envelope.content)
        return f"250 2.0.0 kept by the demo mail sink as message {self.count}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def mail_sink(folder: Path) -> Iterator[SmtpSettings]:
    """An SMTP server on 127.0.0.1 writing each message into ``folder``; its settings."""
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(_Keep(folder), hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield SmtpSettings("127.0.0.1", controller.port)
    finally:
        controller.stop()
