from __future__ import annotations

from pathlib import Path

import pytest

from closingdesk.adapters.bank import read_bank_file
from closingdesk.domain.funding.bank import BankFile
from closingdesk.domain.problems import InvalidInput

FIXTURES = Path(__file__).parents[2] / "fixtures" / "bank"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def read(text: str | bytes, source: str, **options: object) -> BankFile:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return read_bank_file(content, source=source, **options)  # type: ignore[arg-type]


def refusal(text: str | bytes, source: str, **options: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read(text, source, **options)
    return caught.value


def problems_of(error: InvalidInput) -> list[tuple[str, str]]:
    return [(p.where, p.what) for p in error.problems]
