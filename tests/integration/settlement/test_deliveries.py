"""Delivery as the form says: the copy by every means of the notice address, and "sent"
apart from "delivered", the original's deadline judged on its delivery."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.adapters.mail import SmtpMailer, SmtpSettings
from closingdesk.domain.book.purchaser import Purchaser, empty_checklist
from closingdesk.domain.problems import Conflict, InvalidInput
from closingdesk.domain.settlement.readiness import settlement_problems
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.settlement.original_deliveries import (
    read_carrier_file,
    record_deliveries,
    single,
)
from closingdesk.services.settlement.settlement_mail import Mailing, send_warrant_copies
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.settlement.settlement_view import settlement_overview
from closingdesk.services.settlement.settling import settle
from closingdesk.services.status import closing_status
from tests.mail_scenarios import SmtpServer, smtp_server
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import TERMS, ready

GATEWAY = "{fax}@fax.example"
# the original is due by 5:00 p.m. Pacific on March 13, 2002 (2002-03-14 01:00 UTC)
DUE = datetime(2002, 3, 14, 1, 0, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with smtp_server() as running:
        yield running


def _mailing(server: SmtpServer) -> Iterator[Mailing]:
    with SmtpMailer(SmtpSettings(server.host, server.port)) as mailer:
        yield Mailing(mailer, "Closing <c@neo.example>", ACTOR, lambda: datetime.now(UTC), GATEWAY)


def _dispatched(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    for number in ("W-0001", "W-0002"):
        dispatch_original(
            engine, number, carrier="FedEx", tracking="7712", offering=None, actor=ACTOR, now=NOW
        )


def _delivered(engine: Engine) -> dict[int, bool]:
    return {
        p.id: p.checklist["warrant_original_delivered"]
        for p in closing_status(engine, offering=None).purchasers
    }


def test_a_copy_goes_by_fax_and_by_e_mail_when_the_notice_address_gives_both(
    engine: Engine, tmp_path: Path, server: SmtpServer
) -> None:
    ready(engine, tmp_path)  # Alpha: e-mail and fax; Beta: fax only
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    for mailing in _mailing(server):
        outcomes = send_warrant_copies(engine, mailing, offering=None)
        assert send_warrant_copies(engine, mailing, offering=None) == []  # once each
    sent = sorted((o.addressee, o.sent_to) for o in outcomes if o.status == "sent")
    assert sent == [
        ("Alpha Fund", "6175550100@fax.example"),
        ("Alpha Fund", "ops@alpha.example"),
        ("Beta Partners", "2125550142@fax.example"),
    ]
    [faxed] = server.mailbox.to("6175550100@fax.example")
    [mailed] = server.mailbox.to("ops@alpha.example")
    assert [p.get_filename() for p in faxed.iter_attachments()] == [
        p.get_filename() for p in mailed.iter_attachments()
    ]


def test_a_purchaser_with_neither_e_mail_nor_fax_is_not_ready() -> None:
    nowhere = Purchaser(
        9,
        1,
        "Delta LLC",
        10,
        None,
        None,
        None,
        (),
        None,
        "0226",
        "D-1",
        None,
        None,
        None,
        empty_checklist(),
    )
    reasons = [p.what for p in settlement_problems(nowhere, TERMS, received=Decimal(0))]
    assert any("no e-mail address or facsimile number for notices" in r for r in reasons)


def test_dispatched_is_not_delivered_and_a_delivery_after_the_deadline_is_late(
    engine: Engine, tmp_path: Path
) -> None:
    _dispatched(engine, tmp_path)
    assert _delivered(engine) == {1: False, 2: False, 3: False}
    overview = settlement_overview(engine, offering=None, now=DUE + timedelta(hours=1))
    [alpha, beta] = overview.settled
    assert alpha.original_missed and alpha.delivered_at is None  # sent, not delivered
    on_time = single("W-0001", "2002-03-13T10:15:00-08:00", "FedEx scan: delivered, J. ROE")
    late = single("W-0002", "2002-03-15T09:00:00-05:00", "FedEx scan: delivered")
    done = record_deliveries(
        engine, [on_time, late], offering=None, actor=ACTOR, now=NOW + timedelta(days=5)
    )
    assert done[0].late is None
    # due 2002-03-14 01:00 UTC, delivered 2002-03-15 14:00 UTC: 37 hours, so 2 days late
    assert done[1].late is not None
    assert (done[1].late["days_late"], done[1].late["seconds_late"]) == (2, 37 * 3600)
    assert _delivered(engine) == {1: True, 2: True, 3: False}
    after = settlement_overview(engine, offering=None, now=NOW + timedelta(days=5))
    [alpha, beta] = after.settled
    assert not alpha.original_missed and beta.original_missed
    assert [(x.obligation, x.days) for x in beta.late] == [("original warrant", 2)]
    events = [e for e in audit_log(engine) if e.kind == "warrant.original_delivered"]
    assert events[0].payload["evidence"] == "FedEx scan: delivered, J. ROE"


def test_a_carrier_file_with_one_bad_row_records_nothing(engine: Engine, tmp_path: Path) -> None:
    _dispatched(engine, tmp_path)
    bad = tmp_path / "carrier.csv"
    bad.write_text(
        "number,delivered_at\nW-0001,2002-03-13T10:15:00-08:00\nW-0002,2002-03-13 10:15\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as refused:
        read_carrier_file(bad)
    assert [p.where for p in refused.value.problems] == [f"{bad} row 3, column delivered_at"]
    good = tmp_path / "good.csv"
    good.write_text(
        "number,delivered_at,evidence\nW-0001,2002-03-13T10:15:00-08:00,scan 1\n"
        "W-0009,2002-03-13T10:15:00-08:00,scan 2\n",
        encoding="utf-8",
    )
    with pytest.raises(Conflict, match="nothing was recorded"):
        record_deliveries(
            engine, read_carrier_file(good), offering=None, actor=ACTOR, now=NOW + timedelta(days=2)
        )
    assert _delivered(engine) == {1: False, 2: False, 3: False}


def test_a_delivery_before_dispatch_or_without_an_offset_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    with pytest.raises(Conflict, match="was not dispatched"):
        record_deliveries(
            engine,
            [single("W-0001", "2002-03-13T10:15:00Z", None)],
            offering=None,
            actor=ACTOR,
            now=NOW + timedelta(days=2),
        )
    with pytest.raises(InvalidInput, match="no UTC offset"):
        single("W-0001", "2002-03-13T10:15:00", None)
