"""The offering's accounts as banks write them, and more than one receiving account."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.terms_toml import terms_template
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, ReceivingAccount
from closingdesk.services.book.offerings import create_offering, get_offering
from closingdesk.services.funding.bank_import import import_bank_file
from tests.scenarios import ACTOR, NOW

EUR_STATEMENT = """:20:S1
:25:DE89370400440532013000
:60F:C020311EUR0,00
:61:0203120312C2500,00NTRFNONREF
:86:/ORDP//NAME/Müller Holdings GmbH/REMI/USTD//NEO-00002
:62F:C020312EUR2500,00
"""


def test_a_second_receiving_account_in_the_terms_takes_its_bank_files_however_written(
    engine: Engine, tmp_path: Path
) -> None:
    extra = (ReceivingAccount("0532013000", "EUR", "Commerzbank"),)
    terms = replace(NEOTHERAPEUTICS_2002, wire=replace(NEOTHERAPEUTICS_2002.wire, accounts=extra))
    create_offering(engine, terms, actor=ACTOR, now=NOW)
    assert get_offering(engine, None).terms.wire.accounts == extra
    path = tmp_path / "eur.940"
    path.write_text(EUR_STATEMENT, encoding="utf-8")
    result = import_bank_file(engine, path, offering=None, actor=ACTOR, now=NOW)
    assert (result.added, result.skipped_accounts) == (1, {})


def test_terms_without_other_accounts_keep_their_toml_and_the_template_shows_the_key() -> None:
    assert NEOTHERAPEUTICS_2002.wire.accounts == ()
    assert "# accounts = [{ number = " in terms_template()
