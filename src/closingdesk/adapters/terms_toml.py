"""Offering terms in a TOML file: the file a user writes to set up an offering.

:func:`load_terms_file` reads and checks one (``closingdesk init --terms FILE.toml``);
:func:`terms_template` is the example offering as commented TOML to start from
(``closingdesk terms-template``): every key says what it is, where the agreement prints it,
and in what units.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit

from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, OfferingTerms
from closingdesk.domain.offering.terms_mapping import terms_from_mapping, terms_to_mapping
from closingdesk.domain.problems import InvalidInput, Problem

_SYNTAX_WHERE = re.compile(r"\s*\((at line (\d+), column (\d+)|at end of document)\)$")


def load_terms_file(path: Path) -> OfferingTerms:
    """The terms a TOML file states; InvalidInput with every problem when it states them wrong."""
    terms, problems = terms_from_mapping(_read_toml(path), source=str(path))
    if terms is None:
        raise InvalidInput(f"the offering terms in {path} are invalid", problems)
    return terms


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"the terms file {path} does not exist") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"the terms file {path} is not UTF-8 text") from None
    except OSError as error:
        raise InvalidInput(f"the terms file {path} cannot be read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        problem = _syntax_problem(str(path), str(error))
        raise InvalidInput(f"the terms file {path} is not valid TOML", [problem]) from None


def _syntax_problem(source: str, message: str) -> Problem:
    """tomllib says where in its message: "Invalid value (at line 3, column 9)"."""
    found = _SYNTAX_WHERE.search(message)
    if found is None:
        return Problem(where=source, what=message)
    where = f"line {found[2]}, column {found[3]}" if found[2] else "end of file"
    return Problem(where=f"{source} {where}", what=message[: found.start()])


def terms_template() -> str:
    """The example offering's terms as TOML, a comment above every key."""
    mapping = terms_to_mapping(NEOTHERAPEUTICS_2002)
    sections = (_section(mapping, table, about, keys) for table, about, keys in _SECTIONS)
    return "\n".join([_comment(_HEADER), *sections, _signatories(mapping)])


def _signatories(mapping: Mapping[str, object]) -> str:
    """[[company.signatories]]: the example's own, or a commented-out example."""
    company = _table(mapping, "company")
    listed = company.get("signatories")
    rows = listed if isinstance(listed, list) and listed else _EXAMPLE_SIGNATORIES
    lines = [_comment(_SIGNATORIES)]
    for row in rows:
        block = ["[[company.signatories]]"]
        for key, value in row.items():
            block += [_comment(_SIGNATORY_KEYS[key]), _assignment(key, value)]
        lines += ["", _commented("\n".join(block), enabled=rows is listed)]
    return "\n".join(lines) + "\n"


_SIGNATORIES = (
    "The Company's authorised signatories: the officers who may sign for it. Countersigning, "
    "the warrants and the transfer agent's letter are signed by one of them (chosen by name "
    "or number, 1 the first; `user` links a closingdesk account's e-mail to the officer, who "
    "then signs without naming themself); nobody else can sign. `name` and `title` are "
    "printed in the signature block. Without this list, company_signer_name and "
    "company_signer_title name the only signatory."
)
_SIGNATORY_KEYS = {
    "name": "The officer's name: the Name line of the Company's signature block.",
    "title": "The officer's title: the Title line.",
    "user": "Optional. The e-mail of the closingdesk user account that is this officer.",
}
_EXAMPLE_SIGNATORIES: list[dict[str, object]] = [
    {"name": "Samuel Gulko", "title": "Chief Financial Officer", "user": "cfo@example.com"},
    {"name": "Alex Example", "title": "Chief Executive Officer"},
]


def _section(mapping: Mapping[str, object], table: str, about: str, keys: Mapping[str, str]) -> str:
    values, examples = _table(mapping, table), _table(_EXAMPLES, table)
    lines = [_comment(about)] if about else []
    if table:
        lines.append(_commented(f"[{table}]", enabled=bool(values)))
    for key, comment in keys.items():
        value = values.get(key, examples.get(key))
        assignment = _commented(_assignment(key, value), enabled=key in values)
        lines += ["", _comment(comment), assignment]
    return "\n".join(lines) + "\n"


def _table(mapping: Mapping[str, object], table: str) -> Mapping[str, object]:
    values = mapping.get(table, {}) if table else mapping
    return values if isinstance(values, Mapping) else {}


def _assignment(key: str, value: object) -> str:
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        tables = ", ".join(_inline_table(item) for item in value)
        return f"{key} = [{tables}]"
    if isinstance(value, list) and len(value) > 1:
        items = "".join(f"    {tomlkit.item(item).as_string()},\n" for item in value)
        return f"{key} = [\n{items}]"
    return f"{key} = {tomlkit.item(value).as_string()}"


def _inline_table(item: Mapping[str, object]) -> str:
    pairs = ", ".join(f"{k} = {tomlkit.item(v).as_string()}" for k, v in item.items())
    return "{ " + pairs + " }"


def _comment(text: str) -> str:
    return "\n".join("# " + line for line in textwrap.wrap(text, width=90))


def _commented(text: str, *, enabled: bool) -> str:
    return text if enabled else "\n".join("# " + line for line in text.splitlines())


_HEADER = (
    "Offering terms for closingdesk: everything the form Securities Purchase Agreement states "
    "that is the same for every purchaser. These are the terms of the NeoTherapeutics, Inc. "
    "offering of March 12, 2002; change them and run `closingdesk init --terms FILE.toml`. "
    'Write money in quotes ("2.00"), never as a bare number: a float loses cents. Keys shown '
    "commented out are optional: remove the '# ' to use them."
)

# The example values of the optional keys the example offering leaves out. The CUSIP is a
# valid one (python-stdnum checks it); the transfer agent is a placeholder.
_EXAMPLES: Mapping[str, object] = {
    "company_signer_name": "Samuel Gulko",
    "company_signer_title": "Chief Financial Officer",
    "cusip": "640656104",
    "company_notice": {"email": "notices@example.com"},
    "wire": {"accounts": [{"number": "0532013000", "currency": "EUR", "bank": "Example Bank AG"}]},
    "transfer_agent": {
        "name": "Example Stock Transfer Company",
        "attention": "DWAC Department",
        "address": ["1 Example Plaza", "New York, NY 10004"],
        "fax": "(212) 555-0100",
        "email": "dwac@example.com",
    },
}

_TOP_KEYS = {
    "slug": "The offering's short name: its id on the command line (--offering). Not printed "
    "in the agreement. Lowercase letters, digits and hyphens.",
    "issuer_name": 'The Company: the preamble ("and NeoTherapeutics, Inc. ("Company")") and '
    "the Company's signature block.",
    "security_name": "The class of stock sold, as the first paragraph names it "
    '("shares ... of the Company\'s common stock").',
    "par_value": "Par value of one share, in `currency`, in quotes: the first paragraph "
    '("par value $.001 per share").',
    "price_per_share": "Price of one Share, in `currency`, in quotes: the first paragraph. "
    "A purchaser's Purchase Price is shares x this price.",
    "currency": "ISO 4217 code of every amount in these terms and in the wires.",
    "warrant_years": 'Term of the Warrant in whole years: the first paragraph ("a five-year '
    'warrant"). The Warrant expires that many years after issue.',
    "exercise_price": "Exercise Price of one Warrant Share, in `currency`, in quotes: the "
    "first paragraph and the Warrant (Exhibit A).",
    "warrant_coverage": 'Warrant Shares per Share bought, in quotes ("0.25" is one for every '
    "four), rounded down to a whole share. An assumption: the form leaves the warrant share "
    'count blank ("a warrant to purchase up to ____ shares"); a purchaser\'s own '
    "`warrant_shares` in the book overrides it.",
    "registration_form": "SEC form of the effective shelf registration statement: the second "
    'paragraph ("on Form S-3").',
    "registration_file_number": "SEC file number of that registration statement: the second "
    'paragraph ("File No. 333-53108").',
    "prospectus_rule": "Rule under which the prospectus supplement (Exhibit B) is filed: the "
    'second paragraph ("on Form 424(b)(5)").',
    "agreement_date": 'Date of the Agreement, "YYYY-MM-DD" (a bare TOML date works too): the '
    'preamble ("made as of March 12, 2002"). Closing is due before the close of business on '
    "this date.",
    "governing_law": 'The State whose laws govern the Agreement: the last paragraph ("the '
    'internal laws of the State of California").',
    "close_of_business": "The deadline on the agreement date for the wires, the Warrant copy "
    'and the DWAC credit ("prior to the close of business on the date hereof"): "HH:MM" on a '
    "24-hour clock in `timezone`. The form gives no hour; 17:00 is an assumption. Optional, "
    "17:00 when left out.",
    "timezone": "IANA time zone of the issuer, in which the close of business and every "
    "deadline are counted.",
    "company_signer_name": "Optional. Who signs for the Company: the Name line of its "
    "signature block, which the form leaves blank (the example is the officer named for "
    "notices).",
    "company_signer_title": "Optional. That signer's title: the Title line of the Company's "
    "signature block.",
    "cusip": "Optional. CUSIP of the common stock, nine characters (the check digit is "
    "verified). Not printed in the agreement; settlement needs it for the DWAC instructions "
    "to the transfer agent.",
    "legal_opinion_required": "Optional, false when left out. Whether the transfer agent "
    "requires a legal opinion of the Company's counsel with the DWAC instruction: settling "
    "then waits until counsel uploads it (`closingdesk documents add-approval FILE --kind "
    "legal-opinion`), and the letter lists it among its attachments.",
    "assumptions": "What these terms assume that the form does not say, one sentence each; "
    "shown with the offering so nobody mistakes them for the form.",
    "warrant_ownership_limitation": "Optional, false when left out (as in the seed's era). "
    "true: the Warrant (Exhibit A, Section 8) limits exercise to 4.99% of the outstanding "
    "common stock beneficially owned (9.99% at the holder's election; an increase takes "
    "effect on the 61st day after notice).",
}

_WIRE_KEYS = {
    "bank_name": "The receiving bank, the first line of the instructions.",
    "bank_address": "The bank's address, one string per line.",
    "aba_routing_number": 'The bank\'s ABA routing number ("ABA #"), nine digits; the check '
    "digit is verified, spaces and dashes are allowed.",
    "fbo_name": 'The account holder at the bank ("FBO", for the benefit of).',
    "fbo_account": 'That account\'s number ("A/C #"), as it is to be printed.',
    "ffc_name": 'The final beneficiary ("For Further Credit to"), usually the Company.',
    "ffc_account": 'Its account number ("A/C #") at the FBO account holder.',
    "accounts": "Optional. Other accounts the offering receives wires in (another currency "
    "or bank), each a number and, when not the offering's, a currency and a bank; bank files "
    "of these accounts are imported too.",
}

_NOTICE_KEYS = {
    "name": "Who receives the notices; the first line of the block.",
    "attention": 'Optional. The person to whose attention notices go ("Attention:").',
    "title": "Optional. That person's title, printed under the attention line.",
    "address": "The postal address, one string per line.",
    "fax": 'Optional. The facsimile number ("Facsimile:"), as it is to be printed.',
    "email": "Optional. An e-mail address for notices; the form has none.",
}

# (table, what the table is, its keys and what each is); "" is the top level.
_SECTIONS: tuple[tuple[str, str, Mapping[str, str]], ...] = (
    ("", "", _TOP_KEYS),
    (
        "wire",
        "The Company Wire Transfer Instructions of numbered paragraph 1: the account "
        "to which each purchaser wires its Purchase Price.",
        _WIRE_KEYS,
    ),
    (
        "company_notice",
        'The address for notices to the Company, page 2 ("Notices to the '
        'Company shall be delivered to:").',
        _NOTICE_KEYS,
    ),
    (
        "transfer_agent",
        "Optional. The Company's transfer agent, which credits the Shares "
        "through DTC's DWAC system (numbered paragraph 2 (B)). The agreement does not name "
        "it; settlement needs it to send the DWAC instructions. The values are placeholders; "
        "a title line may be given as in [company_notice].",
        {key: text for key, text in _NOTICE_KEYS.items() if key != "title"},
    ),
)
