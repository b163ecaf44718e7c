"""Two imports of the same kind of form at once: each stored under its own version, or one
refused as a conflict to try again; never a database error, never two forms numbered alike."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from closingdesk.adapters.store.form_tables import forms
from closingdesk.domain.problems import Conflict
from closingdesk.services.documents.forms import export_form, import_form
from tests.integration.concurrency.races import race
from tests.scenarios import ACTOR, NOW, example_offering


def test_two_imports_of_the_agreement_form_at_once_never_share_a_version(
    engine: Engine, tmp_path: Path
) -> None:
    example_offering(engine)
    _, source = export_form(engine, offering=None, kind="agreement")
    paths = []
    for name in ("first", "second", "third"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"# {name}\n{source}", encoding="utf-8")
        paths.append(path)

    def importing(path: Path) -> object:
        return import_form(
            engine, offering=None, kind="agreement", path=path, reason=path.stem, actor=ACTOR,
            now=NOW,
        )  # fmt: skip

    importing(paths[0])  # version 2; the built-in version 1 is stored with it
    first, second = race(
        engine, lambda: importing(paths[1]), lambda: importing(paths[2]), at="INSERT INTO forms"
    )
    assert first.error is None and second.error is None, (first.error, second.error)
    for outcome in (first, second):
        assert outcome.done or isinstance(outcome.refusal, Conflict), outcome.refusal
    assert second.done  # never held: it either went first or waited for the first's commit
    with engine.connect() as c:
        stored = c.execute(
            select(forms.c.version, forms.c.reason).where(forms.c.kind == "agreement")
        )
        versions = sorted(stored.all())
    numbers = [v for v, _ in versions]
    assert numbers == list(range(1, len(numbers) + 1))  # no gap, none twice
    assert {r for _, r in versions} >= {"first", "third"}
    assert len(numbers) == 3 + first.done
