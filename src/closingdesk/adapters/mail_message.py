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

A display name is encoded as one name whatever it holds: commas, quotes, other scripts.
The sender, configured as text ("Name <address>"), is read the same way, so a company
name with a comma stays one sender.

>>> str(mailbox("NeoTherapeutics, Inc. Closing Desk <closing@neo.example>"))
'"NeoTherapeutics, Inc. Closing Desk" <closing@neo.example>'
>>> mailbox("closing@neo.example").addr_spec
'closing@neo.example'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime, make_msgid


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


# Python's header folding drops the quotes around a long display name when it breaks the
# line ("The "Smith, Jones" Family Trust, ..." came out as five addresses): header lines
# are kept whole, up to SMTP's own limit of 998 characters a line (RFC 5322 2.1.1).
UNFOLDED = default.clone(max_line_length=998)


def mailbox(text: str) -> Address:
    """One address from ``Name <address>`` or a bare address; the name taken whole."""
    name, bracket, rest = text.strip().rpartition("<")
    if not bracket or not rest.endswith(">"):
        return Address(addr_spec=text.strip())
    display = name.strip()
    if len(display) >= 2 and display[0] == display[-1] == '"':  # already quoted
        display = display[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return Address(display_name=display, addr_spec=rest[:-1].strip())


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
    message = EmailMessage(policy=UNFOLDED)
    message["From"] = mailbox(sender)
    message["To"] = Address(display_name=to_name, addr_spec=to_address)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=mailbox(sender).domain or None)
    message.set_content(body)
    for attachment in attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.file_name
        )
    return message
