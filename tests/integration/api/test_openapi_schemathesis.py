"""The API against its own OpenAPI document: schemathesis generates requests from it, sends
them with an admin's token, and checks that no answer is a server error and every answer
matches its documented status, content type, headers and schema.

Each operation is tried twice: with generated path parameters (mostly unknown ids: 404s)
and with the example closing's own offering and purchaser, so that the answers with data in
them are checked too. Schemathesis' ``from_fixture`` pytest integration is not used: its
4.x release breaks on pytest 9 (it sets ``Function._nodeid``); its strategies are used
with Hypothesis directly instead.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy

from tests.http_scenarios import Closing

KNOWN = {"slug": "neotherapeutics-2002", "id": 1, "number": "W-0001"}
# A book or bank file upload needs a real file: random multipart bytes are refused before any
# import starts, so they test nothing here; test_api_book_upload.py and test_api_funding.py
# upload real ones.
EXCLUDED = {"POST /api/v1/offerings/{slug}/book", "POST /api/v1/offerings/{slug}/bank-files"}
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def check(strategy: SearchStrategy[schemathesis.Case], headers: dict[str, str]) -> None:
    @given(case=strategy)
    @EXAMPLES
    def conforms(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers)

    conforms()


@pytest.mark.slow
def test_every_operation_answers_as_its_openapi_document_says(closing: Closing) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", closing.app)
    headers = {"Authorization": f"Bearer {closing.tokens['admin']}"}
    failures: dict[str, str] = {}
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        if label in EXCLUDED:
            continue
        known: dict[str, Any] = {
            name: KNOWN[name] for name in re.findall(r"{(\w+)}", operation.path)
        }
        for strategy in {operation.as_strategy(), operation.as_strategy(path_parameters=known)}:
            try:
                check(strategy, headers)
            except (Exception, BaseExceptionGroup) as failure:  # every operation is tried
                failures[label] = str(failure)
        tried.append(label)
    assert not failures, "\n\n".join(f"{label}: {text}" for label, text in failures.items())
    assert len(tried) == 26  # + accept-late, acknowledge-return (integrity), void (bank files)
