"""The demo's closing day after the signatures: the bank's statement imported and matched,
everyone ready settled, the transfer agent's instruction and the warrant copies mailed
(to a mail sink on loopback that keeps them in the demo folder), one original dispatched,
and the closing binder built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.files import write_file
from closingdesk.adapters.mail import SmtpMailer
from closingdesk.adapters.mail_sink import mail_sink
from closingdesk.examples.demo_bank import Payer, demo_bank_statement
from closingdesk.services.binder.build import BuiltBinder, build_binder
from closingdesk.services.funding.bank_import import BankImport, import_bank_file
from closingdesk.services.funding.reconciliation import FundingReport, funding_report
from closingdesk.services.settlement.deliveries import DeliveryOutcome
from closingdesk.services.settlement.settlement_files import export_run
from closingdesk.services.settlement.settlement_mail import Mailing, send_settlement_mail
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.settlement.settling import SettlementRun, settle
from closingdesk.services.status import closing_status

SENDER = "NeoTherapeutics Closing Desk <closing@neotherapeutics.example>"


@dataclass(frozen=True)
class DemoSettlement:
    statement: Path
    imported: BankImport
    funding: FundingReport
    run: SettlementRun
    deliveries: list[DeliveryOutcome]
    mail: Path
    settlement_files: Path
    binder: BuiltBinder


def fund_and_settle(engine: Engine, folder: Path, *, actor: str, now: datetime) -> DemoSettlement:
    status = closing_status(engine, offering=None)
    terms = status.offering.terms
    payers = [Payer(p.id, p.name, p.purchase_price(terms)) for p in status.purchasers]
    text = demo_bank_statement(terms, payers)
    statement = write_file(
        folder / "bank", f"statement-{terms.agreement_date}.bai2", text.encode("ascii", "replace")
    )
    imported = import_bank_file(
        engine, statement, offering=None, actor=actor, now=now, source=statement.name
    )
    run = settle(engine, offering=None, actor=actor, now=now)
    files = folder / "settlement"
    if run.run_id is not None:
        export_run(engine, run.run_id, files)
    mail = folder / "mail"
    with mail_sink(mail) as settings, SmtpMailer(settings) as mailer:
        mailing = Mailing(mailer, SENDER, actor, lambda: now)
        deliveries = send_settlement_mail(engine, mailing, offering=None)
    if run.settled:
        first = run.settled[0]
        dispatch_original(
            engine,
            first.warrant_number,
            carrier="FedEx",
            tracking="7946 1234 5678",
            offering=None,
            actor=actor,
            now=now,
        )
    binder = build_binder(
        engine, folder / "binder" / "closing-binder.pdf", offering=None, actor=actor, now=now
    )
    report = funding_report(engine, offering=None)
    return DemoSettlement(statement, imported, report, run, deliveries, mail, files, binder)
