"""closing: the whole closing for N purchasers, end to end, through the services the CLI
and the purchaser's page call, with the deal room answering on the same database meanwhile.

Phases, each timed: ``import`` the book (a generated book of N funds, every column a closing
needs); ``draft`` the agreement PDFs (after counsel's prospectus supplement is stored, which
they attach as Exhibit B); ``deliver`` the prospectus: each purchaser invited by e-mail
with their own link and the prospectus attached, through a real SMTP server on loopback
(:mod:`closingdesk.adapters.mail_sink`); ``sign``: each purchaser follows the link in their
e-mail and signs as on their page (the link opened, the signing view read, the electronic
signature given with consent); ``countersign`` all, which executes the counterparts;
``bank``: a BAI2 file of the N wires imported and matched; ``settle`` with two rendering
workers; ``binder`` built. Every phase must reach all N purchasers, or the benchmark fails.

The closing runs in a fresh process so that its peak memory (RSS high-water mark) and its
workers' are its own. Meanwhile ``closingdesk serve`` answers on loopback and one desk user
in another process signs in, opens the dashboard and a purchaser's page, again and again
(:mod:`benchmarks.deal_room_probe`); their p50/p99 latencies are in the line.

SQLite by default (a temporary folder); ``--db URL`` for a database of yours (it must be
empty), ``--pg`` for a throwaway local PostgreSQL server (:mod:`benchmarks.throwaway_postgres`).
Documents go to a file store in a temporary folder (``CLOSINGDESK_FILES``).
"""

from __future__ import annotations

import email
import email.policy
import multiprocessing
import os
import queue
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, make_url, text

from benchmarks.bank_statements import bank_file
from benchmarks.closing_book import write_closing_book
from benchmarks.deal_room_probe import Probe, deal_room
from benchmarks.throwaway_postgres import throwaway_postgres
from closingdesk.adapters.files.location import ENVIRONMENT as FILES_ENVIRONMENT
from closingdesk.adapters.mail import SmtpMailer
from closingdesk.adapters.mail_sink import mail_sink
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.domain.signing.signatures import Evidence
from closingdesk.examples.demo_prospectus import demo_prospectus
from closingdesk.examples.demo_terms import DEMO_TERMS
from closingdesk.services.binder.build import build_binder
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book, list_purchasers
from closingdesk.services.clock import utc_now
from closingdesk.services.documents.agreements import draft_agreements
from closingdesk.services.documents.prospectus import add_prospectus
from closingdesk.services.funding.bank_import import import_bank_file
from closingdesk.services.people.team import add_user, installation_secrets
from closingdesk.services.settlement.settling import settle
from closingdesk.services.settlement.warrant_files import PARALLEL_FROM
from closingdesk.services.signing.countersigning import countersign
from closingdesk.services.signing.invitations import SENT, send_invitations
from closingdesk.services.signing.links import create_link, open_link
from closingdesk.services.signing.signatures import sign_electronically, signing_view

NOW = datetime(2002, 3, 12, 23, 55, tzinfo=UTC)  # the seed's closing day, as the settle benchmark
WORKERS = 2  # settle's rendering workers
ACTOR = "benchmark"
ADMIN, PASSWORD = "admin@benchmark.example", "benchmark-password-2002"
SENDER = "NeoTherapeutics Closing Desk <closing@neotherapeutics.example>"
EVIDENCE = Evidence(ip="127.0.0.1", user_agent="closingdesk closing benchmark")
LINK_IN_MAIL = re.compile(r"/p/([A-Za-z0-9_\-.]+)")


def run(n: int, *, db: str | None = None, pg: bool = False) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="closingdesk-bench-") as name:
        folder = Path(name)
        os.environ[FILES_ENVIRONMENT] = str(folder / "files")  # the children inherit it
        with _database(folder, db, pg) as url:
            kind = make_url(url).get_backend_name()
            _set_up(url)
            with deal_room(url, folder / "server.log") as base:
                probe = Probe(base, DEMO_TERMS.slug, ADMIN, PASSWORD)
                try:
                    measured = _close(url, folder, n, base, probe)
                finally:
                    latency = probe.stop()
    started = WORKERS if n >= PARALLEL_FROM else 0  # settle renders a few warrants in-process
    return {
        "name": "closing",
        "n": n,
        "database": kind,
        "workers": WORKERS,
        "settle_workers_started": started,
        **measured,
        **latency,
        "cpus": os.cpu_count(),
        "load_average_at_end": round(os.getloadavg()[0], 1),  # others' work on the machine too
    }


@contextmanager
def _database(folder: Path, db: str | None, pg: bool) -> Iterator[str]:
    if pg:
        with throwaway_postgres() as server:
            yield _new_database(server, "closing_benchmark")
    elif db:
        yield db
    else:
        yield f"sqlite:///{folder / 'closingdesk.db'}"


def _new_database(server_url: str, name: str) -> str:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _set_up(url: str) -> None:
    """Before the clock starts: the schema, the offering and the desk's admin."""
    engine = make_engine(url)
    upgrade(engine)
    create_offering(engine, DEMO_TERMS, actor=ACTOR, now=NOW)
    add_user(engine, ADMIN, role="admin", password=PASSWORD, actor=ACTOR, now=utc_now())
    engine.dispose()


def _close(url: str, folder: Path, n: int, base: str, probe: Probe) -> dict[str, Any]:
    """The closing in its own process; once the book is in, it hands the desk user a link to
    a purchaser's page (issued now, on the real clock, as the desk would)."""
    context = multiprocessing.get_context("spawn")
    messages: Any = context.Queue()
    child = context.Process(target=_closing, args=(url, folder, n, base, messages))
    child.start()
    try:
        probe.show_purchaser(_next(messages, child))
        measured: dict[str, Any] = _next(messages, child)
    finally:
        child.join(timeout=60)
    return measured


def _next(messages: Any, child: Any) -> Any:
    while True:
        try:
            return messages.get(timeout=5)
        except queue.Empty:
            if not child.is_alive():
                raise RuntimeError(f"the closing stopped (exit status {child.exitcode})") from None


def _closing(url: str, folder: Path, n: int, base: str, messages: Any) -> None:
    engine = make_engine(url)
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def phase(name: str) -> None:
        seconds[name] = round(time.perf_counter() - started - sum(seconds.values()), 3)
        print(f"closing: {name.removesuffix('_seconds')} {seconds[name]} s", file=sys.stderr)

    book = folder / "book.csv"
    names = write_closing_book(book, n)
    imported = import_book(engine, book, offering=None, actor=ACTOR, now=NOW)
    _all(n, imported.created, "imported")
    phase("import_seconds")
    messages.put(_desk_link(engine))  # before drafting, which holds SQLite's write lock
    _draft(engine, n)
    phase("draft_seconds")
    tokens = _deliver(engine, folder / "mail", n, base)
    phase("deliver_seconds")
    _sign(engine, tokens, n)
    phase("sign_seconds")
    signed = countersign(
        engine,
        offering=None,
        purchaser_ids=None,
        signatory="Samuel Gulko",
        evidence=EVIDENCE,
        actor=ACTOR,
        now=NOW,
    )
    _all(n, len(signed.executed_document_ids), "executed")
    phase("countersign_seconds")
    statement = folder / "wires.bai2"
    statement.write_text(bank_file(names, other_traffic=False, all_quote=True), encoding="utf-8")
    funded = import_bank_file(engine, statement, offering=None, actor=ACTOR, now=NOW)
    _all(n, len(funded.funded), "funded")
    phase("bank_seconds")
    settled = settle(engine, offering=None, actor=ACTOR, now=NOW, workers=WORKERS)
    _all(n, len(settled.settled), "settled")
    phase("settle_seconds")
    binder = build_binder(
        engine, folder / "closing-binder.pdf", offering=None, actor=ACTOR, now=NOW
    )
    phase("binder_seconds")
    engine.dispose()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    messages.put(
        {
            **seconds,
            "total_seconds": round(time.perf_counter() - started, 3),
            "peak_mb": own,
            "worker_peak_mb": workers,
            "binder_mb": round(binder.pdf.stat().st_size / 1e6, 1),
        }
    )


def _all(n: int, reached: int, what: str) -> None:
    if reached != n:
        raise RuntimeError(f"{what}: {reached} of {n} purchasers; the closing is not whole")


def _desk_link(engine: Engine) -> str:
    """A link to the first purchaser's page, issued now on the real clock as the desk would."""
    first = min(p.id for p in list_purchasers(engine, offering=None)[1])
    key = installation_secrets(engine).link_key
    issued = create_link(engine, first, offering=None, link_key=key, actor=ACTOR, now=utc_now())
    return issued.token


def _draft(engine: Engine, n: int) -> None:
    """Counsel's prospectus supplement stored, then every agreement PDF drafted."""
    prospectus = demo_prospectus(DEMO_TERMS)
    add_prospectus(engine, prospectus, source="prospectus.pdf", offering=None, actor=ACTOR, now=NOW)
    _, drafted = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    _all(n, sum(1 for d in drafted if not d.missing), "drafted complete")


def _deliver(engine: Engine, mail: Path, n: int, base: str) -> dict[int, str]:
    """Each purchaser e-mailed their link with the prospectus; each one's link token, as
    read from the e-mail the mail server took."""
    mail.mkdir()
    key = installation_secrets(engine).link_key
    with mail_sink(mail) as settings, SmtpMailer(settings) as mailer:
        sent = send_invitations(
            engine,
            mailer,
            offering=None,
            public_url=base,
            sender=SENDER,
            link_key=key,
            actor=ACTOR,
            clock=lambda: NOW,
        )
    purchaser_of = {o.sent_to: o.purchaser_id for o in sent.having(SENT)}
    _all(n, len(purchaser_of), "invited with the prospectus")
    tokens: dict[int, str] = {}
    for message_file in mail.glob("*.eml"):
        message = email.message_from_bytes(message_file.read_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        found = LINK_IN_MAIL.search(body.get_content() if body else "")
        if found:
            tokens[purchaser_of[message["To"].addresses[0].addr_spec]] = found[1].rstrip(".")
    _all(n, len(tokens), "links found in the e-mails")
    return tokens


def _sign(engine: Engine, tokens: dict[int, str], n: int) -> None:
    """What each purchaser's page does: open the link, read what may be signed, sign it."""
    key = installation_secrets(engine).link_key
    signed = 0
    for token in tokens.values():
        opened = open_link(engine, token, link_key=key, now=NOW)
        purchaser = opened.purchaser
        view = signing_view(engine, purchaser_id=purchaser.id)
        if not view.can_sign or view.agreement_document_id is None or not view.agreement_sha256:
            raise RuntimeError(f"purchaser {purchaser.id} cannot sign: {'; '.join(view.reasons)}")
        signer = purchaser.signer_name or purchaser.name
        sign_electronically(
            engine,
            purchaser_id=purchaser.id,
            link_id=opened.link.id,
            document_id=view.agreement_document_id,
            document_sha256=view.agreement_sha256,
            consent_version=CONSENT_VERSION,
            signer_name=signer,
            signer_title=purchaser.signer_title,
            typed_signature=signer,
            evidence=EVIDENCE,
            now=NOW,
        )
        signed += 1
    _all(n, signed, "signed")
