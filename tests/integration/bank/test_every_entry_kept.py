"""A file with N entries stores N entries, however alike they are: shared references,
equal amounts, the same senders, credits and debits of one amount (a property test on
generated BAI2 and MT940 files, through the real import into SQLite)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select

from closingdesk.adapters.store.funding_tables import bank_transactions
from closingdesk.services.funding.bank_import import import_bank_file
from tests.funding_scenarios import ACCOUNT
from tests.scenarios import ACTOR, NOW, example_offering

Entry = tuple[str, int, str, str]  # (type code, cents, bank reference, text)

entries = st.lists(
    st.tuples(
        st.sampled_from(["195", "495"]),
        st.sampled_from([100, 2500, 100000]),
        st.sampled_from(["", "FW1", "NONREF", "N"]),
        st.sampled_from(["ORG=ACME", "ORG=ALPHA FUND", "", "IMAD: 20020312QMGFT001000101"]),
    ),
    min_size=1,
    max_size=12,
)


def _bai2(rows: list[Entry]) -> str:
    lines = ["01,021000021,CD,020312,1700,1,,,2/", "02,CD,021000021,1,020312,1700,USD,2/"]
    lines.append(f"03,{ACCOUNT},USD/")
    lines += [f"16,{code},{cents},0,{ref},,{text}/" for code, cents, ref, text in rows]
    total, count = sum(cents for _, cents, _, _ in rows), len(rows)
    lines += [
        f"49,{total},{count + 2}/",
        f"98,{total},1,{count + 4}/",
        f"99,{total},1,{count + 6}/",
    ]
    return "\n".join(lines) + "\n"


def _mt940(rows: list[Entry]) -> str:
    net = sum(cents if code == "195" else -cents for code, cents, _, _ in rows)
    lines = [":20:S1", f":25:{ACCOUNT}", ":60F:C020311USD0,00"]
    for code, cents, ref, text in rows:
        mark = "C" if code == "195" else "D"
        amount = f"{cents // 100},{cents % 100:02d}"
        lines.append(f":61:0203120312{mark}{amount}NTRF{ref or 'NONREF'}")
        lines.append(f":86:{text or 'PAYMENT'}")
    sign = "C" if net >= 0 else "D"
    lines.append(f":62F:{sign}020312USD{abs(net) // 100},{abs(net) % 100:02d}")
    return "\n".join(lines) + "\n"


def _stored_after_importing(
    tmp_path: Path, migrated: Path, name: str, text: str
) -> tuple[int, int]:
    # a new folder each time: Hypothesis may try the same file twice (replaying, shrinking)
    tmp_path.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    shutil.copyfile(migrated, folder / "db.sqlite")  # a new, migrated, empty store
    engine = create_engine(f"sqlite:///{folder / 'db.sqlite'}")
    try:
        example_offering(engine)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        first = import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
        again = import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
        with engine.connect() as c:
            stored = c.execute(select(func.count()).select_from(bank_transactions)).scalar_one()
        assert (first.already_imported, again.added) == (0, 0)
        return first.added, int(stored)
    finally:
        engine.dispose()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=entries)
def test_a_generated_file_of_n_entries_stores_exactly_n(
    tmp_path: Path, sqlite_template: Path, rows: list[Entry]
) -> None:
    for name, text in (("s.bai2", _bai2(rows)), ("s.mt940", _mt940(rows))):
        folder = tmp_path / str(abs(hash(text)))
        assert _stored_after_importing(folder, sqlite_template, name, text) == (
            len(rows),
            len(rows),
        )
