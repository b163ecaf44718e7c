"""The kinds of form counsel owns, what each may print, and closingdesk's own (version 1).

A form in use is its source, its version and its SHA-256, read into blocks
(:class:`FormInUse`). The agreement's ``@warrant`` is the form of warrant in use with it, so
the agreement a purchaser signs carries, as Exhibit A, the very form their warrant is made
from; a letter's ``@paragraphs`` are the paragraphs its writer gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.agreement_document import AGREEMENT_FORM
from closingdesk.domain.documents.forms import (
    FormRules,
    Item,
    check_form,
    expand,
    form_source,
    sha256,
)
from closingdesk.domain.documents.notice_letter import (
    NOTICE_FORM,
    NoticeLetter,
    notice_context,
    notice_paragraphs,
    notice_text,
)
from closingdesk.domain.documents.typeset import Block
from closingdesk.domain.problems import InvalidInput
from closingdesk.domain.settlement.dwac_instruction import LETTER_FORM, LETTER_LINES
from closingdesk.domain.warrants.warrant_form import WARRANT_FORM

AGREEMENT, WARRANT, DWAC_LETTER, NOTICE = "agreement", "warrant", "dwac_letter", "notice"
KINDS = (AGREEMENT, WARRANT, DWAC_LETTER, NOTICE)

WARRANT_FIELDS = frozenset(
    {
        "holder", "warrant_number", "warrant_no", "warrant_shares", "exercise_price",
        "exercise_price_per_share", "issue_date", "expiry", "termination_date", "issuer",
        "state", "ownership_limitation", "warrant_signature", "warrant_signer_name",
        "warrant_signer_title",
    }
)  # fmt: skip
AGREEMENT_FIELDS = WARRANT_FIELDS | {
    "exhibit_b", "dtc_participant", "dtc_account", "dtc_reference", "attention", "fax",
    "purchaser_signer_name", "purchaser_signer_title", "company_signer_name",
    "company_signer_title", "date", "security", "par", "years", "form", "file_number", "rule",
    "name", "purchaser_name", "shares", "price", "purchase_price", "address", "version",
    "wire_lines", "company_notice_lines",
    # filled once signed (the executed counterpart)
    "company_signature", "company_signed_on", "purchaser_signature", "purchaser_signed_on",
}  # fmt: skip
DWAC_FIELDS = frozenset(
    {
        "dated", "to", "from", "subject", "issuer", "signer_name", "signer_title", "signature",
        "cusip", "security", "par", "total_shares", "purchaser_count", "legend",
        "registration_form", "file_number", "prospectus", "warrant_shares", "exercise_price",
        "cutoff", "attachments",
    }
)  # fmt: skip
NOTICE_FIELDS = frozenset({"from", "dated", "to", "subject", "signature"})

RULES: dict[str, FormRules] = {
    AGREEMENT: FormRules(
        placeholders=AGREEMENT_FIELDS,
        lines=frozenset({"wire_lines", "company_notice_lines"}),
        required=(
            "purchaser_name",
            "shares",
            "price",
            "purchase_price",
            "warrant_shares",
            "exercise_price",
            "issuer",
            "date",
            "dtc_participant",
            "dtc_account",
        ),
        inserts=(WARRANT,),
        signers=("company", "purchaser"),
    ),
    WARRANT: FormRules(
        placeholders=WARRANT_FIELDS,
        lines=frozenset(),
        required=(
            "holder",
            "warrant_number",
            "warrant_shares",
            "exercise_price",
            "issue_date",
            "expiry",
            "issuer",
        ),
    ),
    DWAC_LETTER: FormRules(
        placeholders=DWAC_FIELDS,
        lines=frozenset(LETTER_LINES),
        required=("to", "cusip", "total_shares", "issuer", "signer_name", "dated"),
    ),
    NOTICE: FormRules(
        placeholders=NOTICE_FIELDS,
        lines=frozenset({"from", "to", "signature"}),
        required=("to", "dated", "subject"),
        inserts=("paragraphs",),
    ),
}
TITLES = {
    AGREEMENT: "the Securities Purchase Agreement (its Exhibit A is the warrant form: @warrant)",
    WARRANT: "the form of Common Stock Purchase Warrant (Exhibit A to the agreement)",
    DWAC_LETTER: "the letter instructing the transfer agent (DWAC); its schedule follows it",
    NOTICE: "the notice letter; @paragraphs is where the notice's own paragraphs go",
}
BUILT_IN: dict[str, Sequence[Item]] = {
    AGREEMENT: AGREEMENT_FORM,
    WARRANT: WARRANT_FORM,
    DWAC_LETTER: LETTER_FORM,
    NOTICE: NOTICE_FORM,
}
HEADER = """closingdesk form: {kind} ({title}).
Edit the wording, then: closingdesk forms import {kind} FILE --reason "..."
A line starting with @ opens a block: @title, @heading [centered],
@para [number=1.] [level=N] [flush] [lead="Run-in heading."], @lines KEY [boxed],
@fields [flush], @signature [lead="COMPANY:"] [signer=company|purchaser], @pagebreak.
Its text follows, up to a blank line. {{name}} prints a value; {{{{ and }}}} print a brace.
Placeholders: {placeholders}.
Lines starting with # are comments."""


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput(f"no form kind {kind!r}; the kinds are {', '.join(KINDS)}")
    return kind


def header(kind: str) -> str:
    names = ", ".join(sorted(RULES[kind].placeholders))
    return HEADER.format(kind=kind, title=TITLES[kind], placeholders=names)


@cache
def built_in_source(kind: str) -> str:
    """closingdesk's own form of ``kind`` as markup: version 1 of every offering's form."""
    return form_source(BUILT_IN[kind], header=header(kind))


@dataclass(frozen=True)
class FormInUse:
    """One version of one kind of form, read into its blocks."""

    kind: str
    version: int
    sha256: str
    items: tuple[Item, ...]

    @property
    def label(self) -> str:
        return f"{self.kind} form v{self.version} (SHA-256 {self.sha256[:12]})"


def read_form(kind: str, source: str, *, version: int, file: str) -> FormInUse:
    """A form's source checked against its kind's rules (:class:`~closingdesk.domain.forms.
    FormError` names the file and line)."""
    items = check_form(source, file, RULES[kind])
    return FormInUse(kind, version, sha256(source), items)


@cache
def built_in(kind: str) -> FormInUse:
    return read_form(kind, built_in_source(kind), version=1, file=f"built-in {kind} form")


def agreement_blocks(agreement: FormInUse, warrant: FormInUse) -> tuple[Block, ...]:
    """The whole agreement: its form, with the form of warrant in use at ``@warrant``."""
    return tuple(expand(agreement.items, {WARRANT: lambda: warrant_blocks(warrant)}))


def warrant_blocks(warrant: FormInUse) -> tuple[Block, ...]:
    return tuple(expand(warrant.items, {}))


def forms_label(forms: Iterable[FormInUse]) -> str:
    """The forms a document was made from, for its metadata: "agreement form v2 (...); ..."."""
    return "; ".join(form.label for form in forms)


def without_empty(blocks: Sequence[Block], context: Mapping[str, object]) -> list[Block]:
    """A letter's blocks less a paragraph or a block of lines that has nothing to say."""

    def empty(block: Block) -> bool:
        if isinstance(block, t.Lines):
            return not context.get(block.key)
        if isinstance(block, t.Para):
            return not block.text.format_map(context).strip()
        return False

    return [block for block in blocks if not empty(block)]


def defaults(kind: str) -> dict[str, str]:
    """Every placeholder of ``kind`` empty: a document fills what it knows over these."""
    return dict.fromkeys(RULES[kind].placeholders, "")


@dataclass(frozen=True)
class AgreementForms:
    """The forms an agreement is made from: its own and the form of warrant, its Exhibit A."""

    agreement: FormInUse
    warrant: FormInUse

    @staticmethod
    def built_in() -> AgreementForms:
        return AgreementForms(built_in(AGREEMENT), built_in(WARRANT))

    def blocks(self) -> tuple[Block, ...]:
        return agreement_blocks(self.agreement, self.warrant)

    @property
    def label(self) -> str:
        return forms_label((self.agreement, self.warrant))


def notice_blocks(letter: NoticeLetter, form: FormInUse) -> tuple[list[Block], t.Context]:
    """A notice letter's blocks from the notice form, and the values that fill them."""
    context = {**defaults(NOTICE), **notice_context(letter)}
    blocks = expand(form.items, {"paragraphs": lambda: notice_paragraphs(letter)})
    return without_empty(blocks, context), context


def notice_body(letter: NoticeLetter, form: FormInUse) -> str:
    """The text of the e-mail that carries a notice: closingdesk's own layout while the notice
    form is closingdesk's own, else the form in use set as text (what its PDF says)."""
    if form.sha256 == built_in(NOTICE).sha256:
        return notice_text(letter)
    blocks, context = notice_blocks(letter, form)
    return "\n\n".join(t.as_text([block], context) for block in blocks)
