"""Every free text a user gives a service is checked by the one rule (domain/text_safety):
signer names and titles, a notice's subject and body, reasons and references, a carrier.
Refused with the field and the code point; nothing is written, nothing is sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.domain.signing.signatures import Evidence
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.documents.notices import send_notice
from closingdesk.services.funding.funding_decisions import match_wire
from closingdesk.services.settlement.settlement_mail import Mailing
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.signing.countersigning import countersign
from closingdesk.services.signing.signature_pages import review_signature_page
from closingdesk.services.signing.signatures import sign_electronically
from tests.mail_scenarios import smtp_server
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import closing

RLO = "U+202E RIGHT-TO-LEFT OVERRIDE, a character that can hide or reorder text"


def refused(engine: Engine, act: Callable[[], object]) -> list[Problem]:
    before = audit_log(engine)
    with pytest.raises(InvalidInput) as refusal:
        act()
    assert audit_log(engine) == before
    return list(refusal.value.problems)


def test_a_countersigner_name_or_title_with_an_override_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    problems = refused(
        engine,
        lambda: countersign(
            engine,
            offering=None,
            purchaser_ids=None,
            signer_name="Samuel\u202e Gulko",
            signer_title="CFO\x00",
            evidence=Evidence(None, None),
            actor=ACTOR,
            now=NOW,
        ),
    )
    assert [str(p) for p in problems] == [
        f"signer name: contains {RLO}",
        "signer title: contains U+0000 NULL, a character that can hide or reorder text",
    ]


def test_a_purchasers_typed_signature_with_an_override_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    problems = refused(
        engine,
        lambda: sign_electronically(
            engine,
            purchaser_id=1,
            link_id=1,
            document_id=1,
            document_sha256="0" * 64,
            consent_version="x",
            signer_name="Jane Roe",
            signer_title="Managing\u2066 Member",
            typed_signature="Jane\u202eRoe",
            evidence=Evidence(None, None),
            now=NOW,
        ),
    )
    assert [p.where for p in problems] == ["signer title", "signature"]
    assert problems[1].what == f"contains {RLO}"


def test_a_notice_subject_with_an_override_is_refused_and_nothing_is_sent(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    with smtp_server() as server, SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        mailing = Mailing(mailer, "closing@example.com", ACTOR, lambda: datetime.now(UTC))
        problems = refused(
            engine,
            lambda: send_notice(
                engine,
                mailing,
                offering=None,
                to="company",
                subject="Notice of \u202eclosing",
                body="First paragraph.\n\nSecond\tparagraph.",
            ),
        )
        assert server.mailbox.received == []
    assert [str(p) for p in problems] == [f"subject: contains {RLO}"]


def test_a_match_reason_a_rejection_reason_and_a_carrier_are_checked(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    match = refused(
        engine,
        lambda: match_wire(engine, 1, 1, offering=None, actor=ACTOR, now=NOW, reason="ok\u202e"),
    )
    reject = refused(
        engine,
        lambda: review_signature_page(
            engine, purchaser_id=1, accept=False, reason="bad\u202e page", actor=ACTOR, now=NOW
        ),
    )
    dispatch = refused(
        engine,
        lambda: dispatch_original(
            engine, "W-0001", carrier="Fed\u202eEx", tracking="1Z", offering=None,
            actor=ACTOR, now=NOW,
        ),
    )  # fmt: skip
    assert [str(p) for p in (*match, *reject, *dispatch)] == [
        f"reason: contains {RLO}",
        f"reason: contains {RLO}",
        f"carrier: contains {RLO}",
    ]
