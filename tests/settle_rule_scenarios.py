"""A closing ready to settle, over the HTTP app, for the rules every interface shares.

The settlement scenarios' terms (a CUSIP, a transfer agent with an e-mail) and book: Alpha
Fund and Beta Partners signed by both sides and paid exactly; Gamma Trust signed nothing,
paid nothing and gave no DWAC details. An admin and a viewer, each with a session and a
bearer token; the app mails through ``mail`` when one is given.
"""

from __future__ import annotations

from pathlib import Path

from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from closingdesk.interfaces.mail_config import MailConfig
from closingdesk.services.clock import utc_now
from closingdesk.services.people.team import add_user, create_token
from closingdesk.services.settlement.original_deliveries import record_deliveries, single
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.settlement.settling import settle
from tests.http_scenarios import PASSWORD, Closing
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import closing, paid, signed

GAMMA = 3  # never ready
SENDER = "closing@issuer.example"
TRANSFER_AGENT_EMAIL = "dwac@transfer-agent.example"
ALPHA_EMAIL = "ops@alpha.example"


def settlement_deal(database_url: str, folder: Path, mail: MailConfig | None = None) -> Closing:
    app = create_app(Settings(database_url=database_url, mail=mail))
    engine = app.state.engine
    closing(engine, folder)
    signed(engine, 1, 2)
    paid(engine, folder, 1, 2)
    tokens = {}
    for role in ("admin", "viewer"):
        email = f"{role}@closing.example"
        add_user(engine, email, role=role, password=PASSWORD, actor=ACTOR, now=NOW)
        tokens[role] = create_token(engine, email, label="tests", actor=ACTOR, now=utc_now())[1]
    return Closing(app, engine, tokens)


def settled_without_mail(deal: Closing) -> None:
    """Alpha and Beta settled by a run that mailed nothing (no server was set for it)."""
    settle(deal.engine, offering=None, actor=ACTOR, now=NOW)


def original_delivered(deal: Closing, number: str) -> None:
    """The original of warrant ``number`` dispatched on the closing date and delivered the
    next morning, on the carrier's evidence (recorded today)."""
    dispatch_original(
        deal.engine, number, carrier="FedEx", tracking="7946", offering=None, actor=ACTOR, now=NOW
    )
    delivered = [single(number, "2002-03-13T10:15:00-05:00", "signed for")]
    record_deliveries(deal.engine, delivered, offering=None, actor=ACTOR, now=utc_now())


def recipients(messages: list[tuple[object, list[str]]]) -> set[str]:
    return {address for _, envelope in messages for address in envelope}
