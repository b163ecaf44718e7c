"""The letters' forms in use: a notice and the DWAC letter say what counsel's form says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.services.documents.forms import export_form, import_form
from closingdesk.services.documents.notices import send_notice
from closingdesk.services.settlement.settlement_mail import Mailing, send_instructions
from closingdesk.services.settlement.settling import settle
from tests.mail_scenarios import SmtpServer, smtp_server
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready

SENDER = "NeoTherapeutics Closing <closing@neotherapeutics.example>"
ACKNOWLEDGE = "Please acknowledge receipt of this notice by return facsimile."
RESERVE = "Please also reserve"
KEEP = "Please keep in reserve"


@pytest.fixture
def mailing() -> Iterator[tuple[SmtpServer, Mailing]]:
    with smtp_server() as server, SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        yield server, Mailing(mailer, SENDER, ACTOR, lambda: datetime.now(UTC), "{fax}@fax.example")


def pdf_words(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages).split())


def imported(engine: Engine, folder: Path, kind: str, change: tuple[str, str]) -> None:
    _, source = export_form(engine, offering=None, kind=kind)
    edited = source.replace(*change)
    assert edited != source
    path = folder / f"{kind}.txt"
    path.write_text(edited, encoding="utf-8")
    import_form(engine, offering=None, kind=kind, path=path, reason="counsel", actor=ACTOR, now=NOW)


def test_a_notice_sent_after_its_form_is_edited_says_the_new_words_in_pdf_and_mail(
    engine: Engine, tmp_path: Path, mailing: tuple[SmtpServer, Mailing]
) -> None:
    server, mail = mailing
    ready(engine, tmp_path)
    imported(
        engine,
        tmp_path,
        "notice",
        ("@lines signature", f"@para flush\n{ACKNOWLEDGE}\n\n@lines signature"),
    )
    send_notice(
        engine, mail, offering=None, to="company", subject="Wire received late", body="First."
    )
    [message] = server.mailbox.to("9497886706@fax.example")
    body = " ".join(message.get_body(preferencelist=("plain",)).get_content().split())  # type: ignore[union-attr]
    [attachment] = list(message.iter_attachments())
    pdf = pdf_words(attachment.get_content())
    for text in (body, pdf):
        assert ACKNOWLEDGE in text and "Re: Wire received late" in text and "First." in text
        assert text.index("First.") < text.index(ACKNOWLEDGE)


def test_the_dwac_letter_is_made_from_the_letter_form_in_use(
    engine: Engine, tmp_path: Path, mailing: tuple[SmtpServer, Mailing]
) -> None:
    server, mail = mailing
    ready(engine, tmp_path)
    imported(engine, tmp_path, "dwac_letter", (RESERVE, KEEP))
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    send_instructions(engine, mail, offering=None)
    [message] = server.mailbox.to("dwac@transfer-agent.example")
    letter = next(p for p in message.iter_attachments() if p.get_filename().endswith(".pdf"))  # type: ignore[union-attr]
    text = pdf_words(letter.get_content())
    assert KEEP in text and RESERVE not in text
    assert "dwac_letter form v2" in PdfReader(BytesIO(letter.get_content())).metadata["/Keywords"]
