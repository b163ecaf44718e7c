"""A copy of the database alone can neither forge a session nor sign as the offering.

The installation's secrets live in a key file outside the database (mode 0600); the
database holds the signing keys only encrypted under a passphrase derived from that file.
"""

from __future__ import annotations

import base64
import json
import shutil
import stat
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import Engine, MetaData, select, text
from typer.testing import CliRunner

from closingdesk.adapters.signing import identity as pki
from closingdesk.adapters.signing.pades import sign_pdf
from closingdesk.adapters.signing.verification import verify_pdf
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.adapters.store.signing_repository import SigningRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.interfaces.cli.app import build_app
from closingdesk.interfaces.http.deps import SESSION_KEY
from closingdesk.services.audit.event_log import audit_log, verify_chain
from closingdesk.services.book.offerings import get_offering
from closingdesk.services.clock import utc_now
from closingdesk.services.installation.installation_keys import MissingSecrets, key_file
from closingdesk.services.people.team import installation_secrets, list_users, start_session
from closingdesk.services.signing.signing_identity import ensure_signing_identity, signing_key
from tests.http_scenarios import Closing, closing

__all__ = ["closing"]
from tests.scenarios import ACTOR, NOW, example_offering
from tests.signing_scenarios import small_pdf

runner = CliRunner()


def every_text_in(engine: Engine) -> str:
    """Everything an attacker with a copy of the database can read, as one text."""
    metadata = MetaData()
    metadata.reflect(engine)
    texts = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                texts.extend(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row)
    return "\n".join(texts)


def stored_secrets(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [str(v) for v in connection.execute(text("SELECT value FROM app_secrets"))]


def forged_session(secret_key: str, session_id: str) -> str:
    """A cookie as Starlette's SessionMiddleware signs one, made with secret_key."""
    data = base64.b64encode(json.dumps({SESSION_KEY: session_id}).encode())
    return TimestampSigner(secret_key).sign(data).decode()


def admin_session(engine: Engine) -> str:
    """The id of a live session of the admin (the database keeps only its hash)."""
    admin = next(u for u in list_users(engine) if u.email == "admin@closing.example")
    return start_session(engine, admin, now=utc_now())


def test_init_writes_the_key_file_beside_the_sqlite_database_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSINGDESK_SECRET_FILE", raising=False)
    db = tmp_path / "deal" / "closingdesk.db"
    db.parent.mkdir()
    url = f"sqlite:///{db}"
    result = runner.invoke(build_app(), ["init", "--example", "neotherapeutics-2002", "--db", url])
    assert result.exit_code == 0, result.output
    path = tmp_path / "deal" / "closingdesk.db.key"
    assert f"Secrets: {path}" in result.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    secrets = json.loads(path.read_text())["secrets"]
    assert sorted(secrets) == ["purchaser_link", "session", "signing_key"]
    content = db.read_bytes()
    assert not any(value.encode() in content for value in secrets.values())


def test_a_session_cookie_forged_from_a_database_copy_is_refused(closing: Closing) -> None:
    real_key = installation_secrets(closing.engine).session_key
    copy = every_text_in(closing.engine)
    assert real_key not in copy
    session_id = admin_session(closing.engine)
    assert session_id not in copy
    for candidate in stored_secrets(closing.engine):  # whatever the copy holds
        client = closing.client()
        client.cookies.set("closingdesk_session", forged_session(candidate, session_id))
        assert client.get("/audit", follow_redirects=False).status_code in (302, 303, 401)
    # the forgery itself is right: made with the key file's key, it would be let in
    client = closing.client()
    client.cookies.set("closingdesk_session", forged_session(real_key, session_id))
    assert client.get("/audit", follow_redirects=False).status_code == 200


def test_with_only_a_database_copy_the_signing_key_cannot_be_decrypted(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example_offering(engine)
    offering = get_offering(engine, None)
    ensure_signing_identity(engine, offering=offering, actor=ACTOR, now=utc_now())
    with UnitOfWork(engine, read_only=True) as uow:
        stored = SigningRepository(uow.connection).identity(offering.id)
    assert stored is not None
    for candidate in stored_secrets(engine):
        with pytest.raises(ValueError):
            pki.load_private_key(
                stored.identity.private_key_pem,
                pki.passphrase(candidate, f"offering:{offering.id}"),
            )
    real = key_file(engine)
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(tmp_path / "elsewhere" / "none.key"))
    with pytest.raises(MissingSecrets, match="is missing"):
        signing_key(engine, offering)
    assert not (tmp_path / "elsewhere" / "none.key").exists()
    # with the key file, signing works as before and the signature verifies
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(real))
    key = signing_key(engine, offering)
    signed = sign_pdf(small_pdf(), key, at=utc_now())
    assert verify_pdf(signed, [stored.identity.ca_certificate_pem]).state == "valid"


def test_a_copied_sqlite_file_without_its_key_file_cannot_sign(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSINGDESK_SECRET_FILE", raising=False)
    engine = make_engine(sqlite_url)
    upgrade(engine)
    example_offering(engine)
    offering = get_offering(engine, None)
    ensure_signing_identity(engine, offering=offering, actor=ACTOR, now=NOW)
    engine.dispose()
    stolen = tmp_path / "stolen"
    stolen.mkdir()
    shutil.copy(tmp_path / "closingdesk.db", stolen / "closingdesk.db")
    copy = make_engine(f"sqlite:///{stolen / 'closingdesk.db'}")
    with pytest.raises(MissingSecrets, match=r"closingdesk\.db\.key is missing"):
        signing_key(copy, get_offering(copy, None))
    with pytest.raises(MissingSecrets):
        installation_secrets(copy)  # and no new session key that could pass for the old one
    copy.dispose()


def test_an_old_database_has_its_secrets_moved_to_the_key_file_on_first_use(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example_offering(engine)
    offering = get_offering(engine, None)
    old = {name: f"old-{name}-" + "x" * 40 for name in ("session", "purchaser_link")}
    old["signing_key"] = "old-signing-" + "y" * 40
    with engine.begin() as connection:  # as closingdesk kept them before the key file
        for name, value in old.items():
            connection.execute(
                text("INSERT INTO app_secrets (name, value) VALUES (:n, :v)"),
                {"n": name, "v": value},
            )
        authority = pki.create_authority(
            secret=pki.passphrase(old["signing_key"], "authority"), now=NOW
        )
        identity = pki.issue_identity(
            authority,
            authority_secret=pki.passphrase(old["signing_key"], "authority"),
            issuer_name="NeoTherapeutics, Inc.",
            valid_from=NOW,
            now=NOW,
            secret=pki.passphrase(old["signing_key"], f"offering:{offering.id}"),
        )
        store = SigningRepository(connection)
        store.add_authority(authority, created_at="2002-03-12T16:00:00.000000Z")
        store.add_identity(
            offering.id,
            identity,
            fingerprint=pki.fingerprint(identity.certificate_pem),
            created_at="2002-03-12T16:00:00.000000Z",
        )
    path = tmp_path / "moved" / "closingdesk.key"
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(path))
    assert installation_secrets(engine).session_key == old["session"]
    assert json.loads(path.read_text())["secrets"] == old
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stored_secrets(engine) == []
    moved = [e for e in audit_log(engine) if e.kind == "secrets.moved_out"]
    assert [e.payload["secrets"] for e in moved] == [sorted(old)]
    assert verify_chain(engine).intact
    signing_key(engine, offering)  # the key made before the move still opens


def test_a_key_file_others_may_read_is_refused(engine: Engine) -> None:
    installation_secrets(engine)
    path = key_file(engine)
    path.chmod(0o644)
    with pytest.raises(MissingSecrets, match="chmod 600"):
        installation_secrets(engine)


def test_another_databases_key_file_is_refused_with_a_clear_message(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example_offering(engine)
    offering = get_offering(engine, None)
    ensure_signing_identity(engine, offering=offering, actor=ACTOR, now=NOW)
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(tmp_path / "other.key"))
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    upgrade(other)
    installation_secrets(other)  # makes other.key for the other database
    other.dispose()
    with pytest.raises(MissingSecrets, match="cannot be decrypted"):
        signing_key(engine, offering)
