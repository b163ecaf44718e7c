"""The unit of work exposes every repository, each on its one connection and transaction."""

from __future__ import annotations

from sqlalchemy import Engine, insert

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork

REPOSITORIES = (
    "offerings",
    "purchasers",
    "documents",
    "events",
    "people",
    "funding",
    "decisions",
    "settlements",
    "signatures",
    "signing_identity",
    "forms",
    "invitations",
    "offering_documents",
    "purchaser_details",
    "installation",
)


def _old_secrets(engine: Engine) -> dict[str, str]:
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.installation.secrets({"session", "purchaser_link"})


def test_what_a_repository_changes_is_undone_unless_the_unit_of_work_commits(
    engine: Engine,
) -> None:
    with UnitOfWork(engine) as uow:
        uow.connection.execute(insert(t.app_secrets), [{"name": "session", "value": "s"}])
        uow.commit()
    with UnitOfWork(engine) as uow:
        uow.installation.forget_secrets({"session"})
        assert uow.installation.secrets({"session"}) == {}  # seen inside the transaction
    assert _old_secrets(engine) == {"session": "s"}
    with UnitOfWork(engine) as uow:
        uow.installation.forget_secrets({"session"})
        uow.commit()
    assert _old_secrets(engine) == {}


def test_every_repository_is_built_once_each_time_the_unit_of_work_is_entered(
    engine: Engine,
) -> None:
    uow = UnitOfWork(engine, read_only=True)
    with uow:
        built = {name: getattr(uow, name) for name in REPOSITORIES}
        assert all(getattr(uow, name) is built[name] for name in REPOSITORIES)
    with uow:  # on a new connection: none of the repositories built on the old one
        assert all(getattr(uow, name) is not built[name] for name in REPOSITORIES)
