"""Tamper evidence that holds: a signed checkpoint outside the database, and the tables
replayed from the events.

The closing is the demo's, made through the real services (prospectus, purchasers signing
on their page, countersigning, the bank statement, settlement, mail, a dispatched
original, the binder), once per database kind and cloned for each test. The attacker
writes to the database directly, as anyone with its password can.
"""

from __future__ import annotations

import json
import shutil
import socket
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from typer.testing import CliRunner

from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.domain.audit.event_chain import event_hash
from closingdesk.examples import demo_book_path
from closingdesk.examples.demo_prospectus import demo_prospectus
from closingdesk.examples.demo_terms import DEMO_TERMS
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.clock import utc_now
from closingdesk.services.demo import _sign_most  # the demo's own signing step
from closingdesk.services.demo_closing import fund_and_settle
from closingdesk.services.documents.agreements import draft_agreements
from closingdesk.services.documents.prospectus import add_prospectus
from tests.conftest import _fresh_postgres_database
from tests.integration.test_pades import TSA_TIME, tsa

__all__ = ["tsa"]  # the loopback timestamp authority of the PAdES tests

runner = CliRunner()
ACTOR = "test"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str, Path]:
    """(kind, URL, key file) of a closed closing, made once per database kind."""
    folder = tmp_path_factory.mktemp("closing")
    key = folder / "closingdesk.key"
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'template.db'}"
    else:
        url = _fresh_postgres_database(request.getfixturevalue("postgres_server"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLOSINGDESK_SECRET_FILE", str(key))
        patch.setenv("CLOSINGDESK_FILES", str(folder / "files"))  # shared by the copies
        engine = make_engine(url)
        upgrade(engine)
        now = utc_now()
        create_offering(engine, DEMO_TERMS, actor=ACTOR, now=now)
        book = folder / "book.csv"
        book.write_bytes(demo_book_path().read_bytes())
        import_book(engine, book, offering=None, actor=ACTOR, now=now)
        supplement = demo_prospectus(DEMO_TERMS)  # attached to the PDFs as Exhibit B
        add_prospectus(
            engine, supplement, source="demo-prospectus.pdf", offering=None, actor=ACTOR, now=now
        )
        _, pdfs = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=now)
        _sign_most(engine, pdfs, actor=ACTOR, now=now)
        fund_and_settle(engine, folder, actor=ACTOR, now=now)
        engine.dispose()
    return request.param, url, key


@pytest.fixture
def closed(
    template: tuple[str, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    """A copy of the closed closing for one test, with its key file."""
    kind, url, key = template
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(key))
    monkeypatch.setenv("CLOSINGDESK_FILES", str(key.parent / "files"))
    if kind == "sqlite":
        copy = tmp_path / "closingdesk.db"
        shutil.copy(url.removeprefix("sqlite:///"), copy)
        clone = f"sqlite:///{copy}"
    else:
        server, name = url.rsplit("/", 1)
        fresh = f"c_{uuid.uuid4().hex[:12]}"
        admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{fresh}" TEMPLATE "{name}"'))
        admin.dispose()
        clone = f"{server}/{fresh}"
    engine = make_engine(clone)
    yield engine
    engine.dispose()


def cli(engine: Engine, *args: str):  # type: ignore[no-untyped-def]
    url = engine.url.render_as_string(hide_password=False)
    return runner.invoke(build_app(), [*args, "--db", url])


def tamper(engine: Engine, *statements: str) -> None:
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def rewrite_event(engine: Engine, seq: int, actor: str) -> None:
    """Change one event, recompute every later hash and the chain head: a consistent forgery."""
    with engine.begin() as connection:
        rows = connection.execute(text("SELECT * FROM events ORDER BY seq")).mappings().all()
        prev = None
        for row in rows:
            who = actor if row["seq"] == seq else row["actor"]
            before = prev if prev is not None else row["prev_hash"]
            digest = event_hash(
                before,
                seq=row["seq"],
                at=row["at"],
                actor=who,
                kind=row["kind"],
                subject=row["subject"],
                payload_json=row["payload"],
            )
            connection.execute(
                text("UPDATE events SET actor = :a, prev_hash = :p, hash = :h WHERE seq = :s"),
                {"a": who, "p": before, "h": digest, "s": row["seq"]},
            )
            prev = digest
        connection.execute(text("UPDATE event_chain_head SET hash = :h WHERE id = 1"), {"h": prev})


def checkpoint(engine: Engine, folder: Path) -> Path:
    path = folder / "checkpoint.json"
    made = cli(engine, "audit", "checkpoint", "--out", str(path), "--json")
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["time_stamped"] is False
    return path


def verified(engine: Engine, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = cli(engine, "audit", "verify", "--json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_an_untouched_closing_replays_to_its_tables_and_extends_its_checkpoint(
    closed: Engine, tmp_path: Path
) -> None:
    path = checkpoint(closed, tmp_path)
    assert "not time-stamped" in json.loads(path.read_text())["time"]
    code, verdict = verified(closed, "--checkpoint", str(path))
    assert (code, verdict["ok"], verdict["differences"]) == (0, True, [])
    assert verdict["checkpoint"]["holds"] and verdict["replay_notes"] == []


def test_an_event_rewritten_with_every_later_hash_and_the_head_recomputed_fails_the_checkpoint(
    closed: Engine, tmp_path: Path
) -> None:
    path = checkpoint(closed, tmp_path)
    rewrite_event(closed, 5, "someone else")
    code, verdict = verified(closed)
    assert verdict["intact"]  # the chain alone cannot tell
    code, verdict = verified(closed, "--checkpoint", str(path))
    assert code == 1 and not verdict["checkpoint"]["holds"]
    [problem] = verdict["checkpoint"]["problems"]
    assert "rewritten" in problem["what"]


def test_a_log_cut_at_its_end_with_the_head_moved_back_fails_the_checkpoint(
    closed: Engine, tmp_path: Path
) -> None:
    path = checkpoint(closed, tmp_path)
    tamper(
        closed,
        "DELETE FROM events WHERE seq > (SELECT seq FROM event_chain_head) - 3",
        "UPDATE event_chain_head SET seq = (SELECT max(seq) FROM events),"
        " hash = (SELECT hash FROM events WHERE seq = (SELECT max(seq) FROM events))",
    )
    assert verified(closed)[1]["intact"]
    code, verdict = verified(closed, "--checkpoint", str(path))
    assert code == 1
    assert "its tail was cut" in verdict["checkpoint"]["problems"][0]["what"]


def test_a_checkpoint_whose_statement_was_edited_fails_its_signature(
    closed: Engine, tmp_path: Path
) -> None:
    path = checkpoint(closed, tmp_path)
    rewrite_event(closed, 5, "someone else")
    document = json.loads(path.read_text())
    with closed.connect() as connection:
        head = connection.execute(text("SELECT seq, hash FROM event_chain_head")).one()
    statement = json.loads(document["statement"])
    statement["hash"] = head.hash  # the forged log's head, without the key to sign it
    document["statement"] = json.dumps(statement, sort_keys=True, separators=(",", ":"))
    path.write_text(json.dumps(document))
    code, verdict = verified(closed, "--checkpoint", str(path))
    assert code == 1
    assert [p["where"] for p in verdict["checkpoint"]["problems"]] == ["checkpoint signature"]


def test_direct_edits_of_purchasers_bank_transactions_and_warrants_are_each_reported(
    closed: Engine,
) -> None:
    with closed.connect() as connection:
        warrant = connection.execute(text("SELECT id, shares FROM warrants ORDER BY id")).first()
        wire = connection.execute(
            text("SELECT id, amount FROM bank_transactions WHERE purchaser_id IS NOT NULL")
        ).first()
    assert warrant is not None and wire is not None
    tamper(
        closed,
        "UPDATE purchasers SET shares = shares + 1000 WHERE id = 2",
        f"UPDATE bank_transactions SET amount = '1.00' WHERE id = {wire.id}",
        f"UPDATE warrants SET shares = shares * 2 WHERE id = {warrant.id}",
        "UPDATE purchasers SET funded = TRUE WHERE id = (SELECT min(id) FROM purchasers"
        " WHERE funded = FALSE)",
    )
    code, verdict = verified(closed)
    assert code == 1 and verdict["intact"] and not verdict["tables_agree"]
    found = {(d["table"], d["row"], d["column"]): d for d in verdict["differences"]}
    assert found[("purchasers", 2, "shares")]["in_table"] == str(
        int(found[("purchasers", 2, "shares")]["from_events"]) + 1000
    )
    assert found[("bank_transactions", wire.id, "amount")]["from_events"] == wire.amount
    assert found[("warrants", warrant.id, "shares")]["from_events"] == str(warrant.shares)
    assert any(key[2] == "funded" for key in found)
    assert len(found) == 4


def test_binder_verify_says_when_the_database_was_not_compared_and_compares_its_log_when_it_is(
    closed: Engine, tmp_path: Path
) -> None:
    binder = tmp_path / "binder.zip"
    assert cli(closed, "binder", "build", "--out", str(binder)).exit_code == 0
    with zipfile.ZipFile(binder) as archive:
        assert "audit-checkpoint.json" in archive.namelist()
    alone = runner.invoke(build_app(), ["binder", "verify", str(binder)])
    assert alone.exit_code == 0
    assert "the database was NOT compared" in alone.stdout
    compared = cli(closed, "binder", "verify", str(binder))
    assert compared.exit_code == 0 and "compared with the database" in compared.stdout
    rewrite_event(closed, 5, "someone else")
    after = cli(closed, "binder", "verify", str(binder))
    assert after.exit_code == 1
    assert "the database's log was rewritten" in after.output
    path = tmp_path / "from-binder.json"
    with zipfile.ZipFile(binder) as archive:
        path.write_bytes(archive.read("audit-checkpoint.json"))
    assert verified(closed, "--checkpoint", str(path))[0] == 1  # the binder's checkpoint too


def test_with_a_timestamp_authority_the_checkpoint_carries_its_time(
    closed: Engine, tmp_path: Path, tsa: tuple[str, bytes]
) -> None:
    url, _ = tsa
    path = tmp_path / "stamped.json"
    made = cli(closed, "audit", "checkpoint", "--out", str(path), "--tsa-url", url, "--json")
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["time_stamped"] is True
    code, verdict = verified(closed, "--checkpoint", str(path))
    assert code == 0, verdict
    assert verdict["checkpoint"]["timestamp"] == TSA_TIME.isoformat()


def test_an_unreachable_timestamp_authority_is_a_refusal_and_writes_nothing(
    closed: Engine, tmp_path: Path
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the with ends: nothing listens
    path = tmp_path / "never.json"
    url = f"http://127.0.0.1:{port}/"
    result = cli(closed, "audit", "checkpoint", "--out", str(path), "--tsa-url", url)
    assert result.exit_code == 1
    assert "could not be reached" in result.output and not path.exists()
