"""The demo closing: the seed's offering, a fictional book, every agreement drafted, and a
demo admin for the deal room (a fresh random password each time).

It runs the same services a user would, on a fresh SQLite database in the demo folder, so
the demo always shows the whole closing as far as closingdesk has built it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from closingdesk.adapters.files import write_file
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.domain.terms import NEOTHERAPEUTICS_2002
from closingdesk.examples import demo_book_path
from closingdesk.services.agreements import DraftedAgreement, blank_form, draft_agreements
from closingdesk.services.offerings import create_offering
from closingdesk.services.people import add_user
from closingdesk.services.purchasers import BookImport, import_book
from closingdesk.services.status import ClosingStatus, closing_status

DEMO_ADMIN = "admin@demo.closingdesk.invalid"


@dataclass(frozen=True)
class Demo:
    database_url: str
    folder: Path
    book: Path
    agreements: Path
    imported: BookImport
    drafted: list[DraftedAgreement]
    status: ClosingStatus
    admin_email: str
    admin_password: str


def build_demo(folder: Path, *, actor: str, now: datetime) -> Demo:
    """A fresh demo in ``folder``: any database left by an earlier demo is replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "closingdesk.db"
    database.unlink(missing_ok=True)
    url = f"sqlite:///{database.resolve()}"
    engine = make_engine(url)
    upgrade(engine)
    create_offering(engine, NEOTHERAPEUTICS_2002, actor=actor, now=now)
    book = write_file(folder, "demo-book.csv", demo_book_path().read_bytes())
    imported = import_book(engine, book, offering=None, actor=actor, now=now)
    agreements = folder / "agreements"
    _, drafted = draft_agreements(engine, offering=None, actor=actor, now=now)
    for agreement in drafted:
        write_file(agreements, agreement.file_name, agreement.content)
    _, form = blank_form(engine, offering=None)
    write_file(agreements, f"{NEOTHERAPEUTICS_2002.slug}-form.txt", form.encode("utf-8"))
    status = closing_status(engine, offering=None)
    password = secrets.token_urlsafe(12)
    add_user(engine, DEMO_ADMIN, role="admin", password=password, actor=actor, now=now)
    engine.dispose()
    return Demo(url, folder, book, agreements, imported, drafted, status, DEMO_ADMIN, password)
