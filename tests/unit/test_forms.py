"""Counsel's forms as text: read back exactly, and refused with the file and line when wrong."""

from __future__ import annotations

import pytest

from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.agreement_document import AGREEMENT
from closingdesk.domain.documents.forms import FormError, Insert, form_source, parse_form
from closingdesk.domain.documents.forms_catalog import (
    AGREEMENT as AGREEMENT_KIND,
)
from closingdesk.domain.documents.forms_catalog import (
    BUILT_IN,
    KINDS,
    WARRANT,
    AgreementForms,
    built_in_source,
    read_form,
)
from closingdesk.domain.warrants.warrant_form import WARRANT_FORM

GOOD_WARRANT = built_in_source(WARRANT)


@pytest.mark.parametrize("kind", KINDS)
def test_each_built_in_form_reads_back_into_exactly_the_blocks_it_was_written_from(
    kind: str,
) -> None:
    form = read_form(kind, built_in_source(kind), version=1, file=f"{kind}.txt")
    assert form.items == tuple(BUILT_IN[kind])


def test_the_built_in_agreement_with_its_warrant_is_the_typeset_agreement_with_exhibit_a() -> None:
    blocks = AgreementForms.built_in().blocks()
    assert blocks == AGREEMENT
    start = blocks.index(t.Heading("EXHIBIT A — FORM OF WARRANT", centered=True)) + 1
    assert blocks[start : start + len(WARRANT_FORM)] == WARRANT_FORM


def test_options_with_spaces_quotes_and_braces_survive_writing_and_reading() -> None:
    items = (
        t.Para('He said "no" {{sic}}', number="(a)", level=2, indent_first=False, lead="A b."),
        t.Signature("{issuer}", (("By:", None),), lead='THE "COMPANY":', signer="company"),
        Insert("warrant"),
    )
    source = form_source(items)
    assert parse_form(source, "x.txt", inserts=("warrant",)) == items


def test_a_paragraph_written_over_several_lines_is_one_paragraph() -> None:
    source = "@para\nThe Holder may\n   exercise this Warrant.\n\nA plain paragraph.\n"
    assert parse_form(source, "f.txt") == (
        t.Para("The Holder may exercise this Warrant."),
        t.Para("A plain paragraph."),
    )


def bad(source: str) -> str:
    with pytest.raises(FormError) as refused:
        read_form(WARRANT, source, version=2, file="counsel.txt")
    return str(refused.value)


def with_line(line_number: int, text: str) -> str:
    lines = GOOD_WARRANT.split("\n")
    return "\n".join([*lines[: line_number - 1], text, *lines[line_number - 1 :]])


def test_an_unknown_placeholder_is_refused_with_the_file_and_its_line() -> None:
    source = GOOD_WARRANT.replace("{holder} (the", "{holdr} (the", 1)
    line = next(n for n, text in enumerate(source.split("\n"), 1) if "{holdr}" in text)
    assert bad(source).startswith(f"counsel.txt:{line}: unknown placeholder {{holdr}}")


def test_a_missing_required_placeholder_is_refused_naming_it() -> None:
    source = GOOD_WARRANT.replace("{expiry}", "the expiry")
    assert bad(source) == "counsel.txt: the form leaves out required placeholders: {expiry}"


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("@table", 13, "unknown block @table"),
        ("@para colour=red\nText.", 13, "@para has no option 'colour'"),
        ("@para\nAn open { brace", 14, "expected '}' before end of string"),
        ("@para\nA {price:>10} value", 14, "{price:>10} is not a placeholder name"),
        ('@para lead="unclosed\nText.', 13, "cannot read the options"),
        ("@fields\nHolder: {holder} and {issuer}", 14, "a field line is a label"),
        ("@heading\nOne\nTwo", 13, "@heading has one line of text"),
        ("@lines", 13, "@lines needs the name of its value"),
        ("@para level=x\nText.", 13, "level= is a whole number"),
    ],
)
def test_malformed_markup_is_refused_with_the_file_and_line(text: str, line: int, why: str) -> None:
    message = bad(with_line(12, "\n" + text + "\n"))
    assert message.startswith(f"counsel.txt:{line}: ") and why in message, message


def test_an_agreement_form_without_its_warrant_or_a_signer_is_refused() -> None:
    source = built_in_source(AGREEMENT_KIND)
    with pytest.raises(FormError, match="@warrant must appear exactly once"):
        read_form(AGREEMENT_KIND, source.replace("@warrant", ""), version=2, file="a.txt")
    no_purchaser = source.replace("signer=purchaser", "")
    with pytest.raises(FormError, match="exactly one @signature signer=purchaser"):
        read_form(AGREEMENT_KIND, no_purchaser, version=2, file="a.txt")


def test_a_list_value_outside_a_block_of_lines_is_refused() -> None:
    source = built_in_source(AGREEMENT_KIND).replace(
        "@lines wire_lines boxed", "@para\n{wire_lines}"
    )
    with pytest.raises(FormError, match=r"a.txt:\d+: \{wire_lines\} belongs in @lines"):
        read_form(AGREEMENT_KIND, source, version=2, file="a.txt")
