"""The examples in the web modules' docstrings hold (money, shares, times, redirects)."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from closingdesk.interfaces.web import filters, login, terms


@pytest.mark.parametrize("module", [filters, login, terms])
def test_the_docstring_examples_hold(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted and not result.failed
