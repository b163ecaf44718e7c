"""Offering terms in TOML files: the commented template, and loading a file a user wrote."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import tomlkit
from stdnum import cusip

from closingdesk.adapters.terms_toml import load_terms_file, terms_template
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress
from closingdesk.domain.offering.terms_mapping import terms_to_mapping
from closingdesk.domain.problems import InvalidInput
from closingdesk.domain.signing.signatories import authorised_signatories

# A line of the template that is a setting commented out, not a comment in prose.
COMMENTED_SETTING = re.compile(r'^# (\[\w+\]|\[\[[\w.]+\]\]|\w+ = .*|    ".*",|\])$', re.MULTILINE)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal_of(path: Path) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        load_terms_file(path)
    return refused.value


def test_the_template_written_to_a_file_loads_as_the_example(tmp_path: Path) -> None:
    assert load_terms_file(write(tmp_path, terms_template())) == NEOTHERAPEUTICS_2002


def test_the_template_comments_every_key() -> None:
    lines = terms_template().splitlines()

    for number, line in enumerate(lines):
        if re.match(r"(# )?\w+ = ", line):
            assert lines[number - 1].startswith("# "), line
            assert not COMMENTED_SETTING.match(lines[number - 1]), line


def test_the_template_says_the_warrant_coverage_is_an_assumption_the_book_overrides() -> None:
    template = " ".join(terms_template().split())

    assert "An assumption: the form leaves the warrant share count blank" in template
    assert "a purchaser's own `warrant_shares` in the book overrides it" in template


def test_the_template_shows_where_a_valid_cusip_and_the_transfer_agent_go() -> None:
    template = terms_template()
    cusip_line = re.search(r'^# cusip = "(\w+)"$', template, re.MULTILINE)

    assert cusip_line is not None
    assert cusip.is_valid(cusip_line[1])
    assert "\n# [transfer_agent]\n" in template
    for key in ("name", "attention", "address", "fax", "email"):
        assert f"\n# {key} = " in template.split("\n# [transfer_agent]\n")[1]


def test_the_template_with_its_optional_keys_uncommented_loads(tmp_path: Path) -> None:
    uncommented = COMMENTED_SETTING.sub(lambda line: line[1], terms_template())

    terms = load_terms_file(write(tmp_path, uncommented))

    assert terms.cusip == "640656104"
    assert terms.company_signer_name == "Samuel Gulko"
    assert terms.company_notice.email == "notices@example.com"
    assert terms.transfer_agent is not None
    assert terms.transfer_agent.email == "dwac@example.com"
    assert [s.name for s in terms.signatories] == ["Samuel Gulko"]


def test_terms_written_before_signatories_were_listed_still_load_with_one_signer(
    tmp_path: Path,
) -> None:
    old = terms_template().split("\n[[company.signatories]]")[0]  # no signatories listed
    old = old.replace("# company_signer_name", "company_signer_name")
    old = old.replace("# company_signer_title", "company_signer_title")
    terms = load_terms_file(write(tmp_path, old))
    assert terms.signatories == ()
    [only] = authorised_signatories(terms)
    assert (only.name, only.title) == ("Samuel Gulko", "Chief Financial Officer")


def test_a_signatory_without_a_title_is_refused_naming_its_place(tmp_path: Path) -> None:
    text = terms_template() + '\n[[company.signatories]]\nname = "Jane Roe"\nbogus = 1\n'
    refused = refusal_of(write(tmp_path, text))
    where = {p.where.split(": ")[1] for p in refused.problems}
    assert where == {"company.signatories[2].title", "company.signatories[2].bogus"}


def test_terms_written_with_tomlkit_load_back_unchanged(tmp_path: Path) -> None:
    agent = NoticeAddress("Example Stock Transfer Company", "DWAC", None, ("1 Plaza",), None)
    terms = replace(NEOTHERAPEUTICS_2002, cusip="640656104", transfer_agent=agent)

    assert load_terms_file(write(tmp_path, tomlkit.dumps(terms_to_mapping(terms)))) == terms


def test_a_toml_syntax_error_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, 'slug = "neotherapeutics-2002"\nprice_per_share = $2.00\n')

    refusal = refusal_of(path)

    assert str(path) in refusal.message
    assert [problem.where for problem in refusal.problems] == [f"{path} line 2, column 19"]


def test_an_unterminated_string_is_placed_at_the_end_of_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'slug = "neotherapeutics-2002')

    refusal = refusal_of(path)

    assert [str(problem) for problem in refusal.problems] == [
        f"{path} end of file: Unterminated string"
    ]


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"

    refusal = refusal_of(path)

    assert str(path) in str(refusal)
    assert "does not exist" in str(refusal)


def test_every_problem_in_a_terms_file_is_in_the_refusal(tmp_path: Path) -> None:
    text = terms_template().replace('"2.00"', "2.00").replace('"021000021"', '"021000022"')

    refusal = refusal_of(write(tmp_path, text))

    assert [problem.where for problem in refusal.problems] == [
        f"{tmp_path / 'terms.toml'}: price_per_share",
        f"{tmp_path / 'terms.toml'}: wire.aba_routing_number",
    ]


def test_a_bare_toml_date_is_accepted(tmp_path: Path) -> None:
    text = terms_template().replace('agreement_date = "2002-03-12"', "agreement_date = 2002-03-12")

    assert tomllib.loads(text)["agreement_date"] != "2002-03-12"
    assert load_terms_file(write(tmp_path, text)) == NEOTHERAPEUTICS_2002
