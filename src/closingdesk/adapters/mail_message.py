"""An e-mail as closingdesk sends it: plain text, one addressee, files attached.

>>> from datetime import UTC, datetime
>>> message = compose(
...     sender="Closing Desk <closing@issuer.example>", to_name="Alpha Fund, L.P.",
...     to_address="ops@alpha.example", subject="Hello", body="Your link.",
...     attachments=[Attachment("b.pdf", b"%PDF-1.7")], now=datetime(2002, 3, 12, tzinfo=UTC),
... )
>>> message["To"]
'"Alpha Fund, L.P." <ops@alpha.example>'
>>> [part.get_filename() for part in message.iter_attachments()]
['b.pdf']
>>> address_problem("ops@alpha.example") is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes
    mime_type: str = "application/pdf"


def address_problem(address: str) -> str | None:
    """Why a message cannot be addressed to ``address``, or None when it can."""
    try:
        Address(addr_spec=address)
    except (ValueError, MessageError) as error:
        return f"{address!r} is not an e-mail address a message can be sent to ({error})"
    return None


def compose(
    *,
    sender: str,
    to_name: str,
    to_address: str,
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    now: datetime,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(display_name=to_name, addr_spec=to_address)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    message.set_content(body)
    for attachment in attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.file_name
        )
    return message
