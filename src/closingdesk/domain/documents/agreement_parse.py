"""Reading an agreement back: the values written in the form's blanks.

The reader needs no terms: it follows the form's fixed wording and labels, and takes the
terms' text (issuer, dates, wire instructions, notices to the company) as it finds it. A
value is read from the lines between its label and the rule under it, or from the
paragraph it fills, so a value may say anything ("shares", ``("Purchaser")``, a line of
dashes) and still read back. What a text gets wrong is returned as problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from closingdesk.domain.documents.agreement_form import (
    ACCEPTANCE,
    ADDRESS,
    ATTENTION,
    BLANKS,
    COMPANY_SIGNER,
    DWAC,
    DWAC_HEADING,
    FAX,
    NOTICE_NAME,
    OPENING,
    PURCHASE,
    PURCHASER,
    PURCHASER_NOTICES,
    PURCHASER_SIGNER,
    SIGN_HERE,
    TITLE,
    AgreementData,
)
from closingdesk.domain.documents.agreement_layout import AddressBlank, Blank, hanging, text_of
from closingdesk.domain.money import format_shares, format_usd, purchase_price
from closingdesk.domain.problems import Problem


class Unreadable(Exception):
    """The text does not follow the form at ``part``."""

    def __init__(self, part: str, what: str) -> None:
        super().__init__(f"{part}: {what}")
        self.part, self.what = part, what


class Lines:
    """A cursor over the lines of a text, trailing spaces dropped."""

    def __init__(self, text: str) -> None:
        self.lines = [line.rstrip() for line in text.splitlines()]
        self.at = 0

    def next(self, part: str) -> str:
        if self.at == len(self.lines):
            raise Unreadable(part, "does not follow the form: the text ends too early")
        self.at += 1
        return self.lines[self.at - 1]

    def seek(self, line: str, part: str) -> None:
        """Go past the next line that is ``line``; the lines skipped are the terms' own."""
        try:
            self.at = self.lines.index(line, self.at) + 1
        except ValueError:
            raise Unreadable(part, f"does not follow the form: no {line.strip()!r}") from None

    def skip_blank_lines(self) -> None:
        while self.at < len(self.lines) and not self.lines[self.at]:
            self.at += 1

    def paragraph(self, part: str) -> list[str]:
        """The next paragraph: the lines up to a blank line."""
        self.skip_blank_lines()
        lines = []
        while self.at < len(self.lines) and self.lines[self.at]:
            lines.append(self.next(part))
        if not lines:
            raise Unreadable(part, "does not follow the form: a paragraph is missing")
        return lines

    def expect(self, lines: str, part: str) -> None:
        self.skip_blank_lines()
        for line in lines.split("\n"):
            if self.next(part) != line:
                raise Unreadable(part, f"does not follow the form: expected {line.strip()!r}")

    def blank(self, blank: Blank | AddressBlank, part: str) -> str | None:
        """The value on a label's line and on the lines under it, down to the label's rule."""
        self.skip_blank_lines()
        line = self.next(part)
        if line != blank.label and not line.startswith(blank.label + " "):
            raise Unreadable(part, f"does not follow the form: expected {blank.label.strip()!r}")
        words = [line[len(blank.label) + 1 :]] if line != blank.label else []
        more = self.until(blank.rule, part)
        if "" in more:
            raise Unreadable(
                part, f"does not follow the form: a blank line in {blank.label.strip()!r}"
            )
        return " ".join(words + more) or None

    def until(self, rule: str, part: str) -> list[str]:
        """The lines up to ``rule`` (which is passed), stripped."""
        lines = []
        while (line := self.next(part)) != rule:
            lines.append(line.strip())
        return lines

    def address(self, blank: AddressBlank, part: str) -> tuple[str, ...]:
        """The address lines; a line indented past the others continues the one above."""
        first = self.blank(blank, part)
        lines = [] if first is None else [first]
        indent, start = hanging(blank.label), self.at
        self.until(blank.last_rule, part)
        for line in self.lines[start : self.at - 1]:
            if line.startswith(indent + "  ") and lines:
                lines[-1] += " " + line.strip()
            elif line:
                lines.append(line.strip())
        return tuple(lines)


@dataclass(frozen=True)
class Written:
    """What a text says in each blank, as written."""

    opening: str  # the opening paragraph
    purchase: str  # the paragraph of Shares, prices and Warrant
    dwac: tuple[str | None, ...]
    notice_name: str | None
    attention: str | None
    address: tuple[str, ...]
    fax: str | None
    issuer: str
    company_signer: tuple[str | None, ...]
    signed_name: str | None
    purchaser_signer: tuple[str | None, ...]


def read(text: str) -> Written:
    lines = Lines(text)
    if TITLE not in lines.lines:
        raise Unreadable("", "is not a Securities Purchase Agreement in the form: no title")
    lines.seek(TITLE, "title")
    opening = text_of(lines.paragraph("opening paragraph"))
    purchase = text_of(lines.paragraph("purchase paragraph"), without_rules=True)
    lines.seek(DWAC_HEADING, "DWAC instructions")
    dwac = tuple(lines.blank(blank, "DWAC instructions") for blank in DWAC)
    lines.seek(PURCHASER_NOTICES, "notices")
    notice_name = lines.blank(NOTICE_NAME, "notices")
    attention = lines.blank(ATTENTION, "notices")
    address = lines.address(ADDRESS, "notices")
    fax = lines.blank(FAX, "notices")
    lines.seek(ACCEPTANCE, "signature page")
    issuer = text_of(lines.paragraph("signature page"))
    lines.expect(SIGN_HERE, "signature page")
    company = tuple(lines.blank(blank, "signature page") for blank in COMPANY_SIGNER)
    signed = lines.blank(PURCHASER, "signature page")
    lines.expect(SIGN_HERE, "signature page")
    purchaser = tuple(lines.blank(blank, "signature page") for blank in PURCHASER_SIGNER)
    return Written(
        opening,
        purchase,
        dwac,
        notice_name,
        attention,
        address,
        fax,
        issuer,
        company,
        signed,
        purchaser,
    )


class _Marks(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return f"\x00{key}\x00"


def pattern(template: str, blanks: dict[str, str], **terms: str) -> re.Pattern[str]:
    """A paragraph of the form as a regular expression: the blanks as ``blanks`` say, the
    terms given as they are, any other term as any text."""
    expression = re.escape(template.format_map(_Marks()))
    for key, group in blanks.items():
        expression = expression.replace(re.escape(f"{{{key}}}"), group)
    term = re.compile("\x00(\\w+)\x00")
    return re.compile(
        term.sub(lambda m: re.escape(terms[m[1]]) if m[1] in terms else ".+?", expression)
    )


NUMBERS = pattern(
    PURCHASE,
    {
        "shares": r"(?P<shares>\S+)",
        "price": r"\$(?P<price>\S+)",
        "purchase_price": r"(?P<purchase_price>\S+)",
        "warrant_shares": r"(?P<warrant_shares>\S+)",
        "exercise_price": r"\$(?P<exercise_price>\S+)",
    },
)
COUNT = re.compile(r"\d{1,3}(,\d{3})*")
AMOUNT = re.compile(r"\d{1,3}(,\d{3})*(\.\d+)?|\.\d+")


class Reading:
    """Turns what a text says into values, noting each problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, part: str, what: str) -> None:
        self.problems.append(Problem(f"{self.source}, {part}", what))

    def count(self, text: str, part: str) -> int | None:
        if self.filled(text, part) and not COUNT.fullmatch(text):
            self.problem(part, f"{text!r} is not a whole number")
        return int(text.replace(",", "")) if COUNT.fullmatch(text) else None

    def amount(self, text: str, part: str) -> Decimal | None:
        if self.filled(text, part) and not AMOUNT.fullmatch(text):
            self.problem(part, f"${text} is not an amount in dollars")
        return Decimal(text.replace(",", "")) if AMOUNT.fullmatch(text) else None

    def filled(self, text: str, part: str) -> bool:
        if text.strip("_"):
            return True
        self.problem(part, "is blank")
        return False

    def name(self, written: Written, opening: str) -> str | None:
        """The Purchaser's name, which the opening, the notices and the signature agree on."""
        said = [n for n in (written.notice_name, written.signed_name) if n is not None]
        name = said[0] if said else None if opening == BLANKS["name"] else opening
        if opening != (BLANKS["name"] if name is None else name):
            self.problem(
                "opening paragraph", f"names the Purchaser {opening!r}, the notices {name!r}"
            )
        if written.signed_name != written.notice_name:
            self.problem("signature page", f"names the Purchaser {written.signed_name!r},"
                         f" the notices {written.notice_name!r}")  # fmt: skip
        if name is None:
            self.problem("Purchaser Name", "is blank")
        return name

    def check(self, data: AgreementData) -> None:
        expected = purchase_price(data.shares, data.price_per_share)
        if expected != data.purchase_price:
            self.problem(
                "Purchase Price",
                f"is inconsistent: {format_shares(data.shares)} Shares x"
                f" {format_usd(data.price_per_share)} = {format_usd(expected)}, but the"
                f" agreement states {format_usd(data.purchase_price)}",
            )


def parse_agreement(
    text: str, *, source: str = "agreement"
) -> tuple[AgreementData | None, list[Problem]]:
    """The values a filled agreement was made from, and what is wrong with it.

    A text that is not the form, or has a blank left empty, gives no values.
    """
    try:
        written = read(text)
    except Unreadable as error:
        where = f"{source}, {error.part}" if error.part else source
        return None, [Problem(where, error.what)]
    return agreement_data(written, Reading(source))


def agreement_data(
    written: Written, reading: Reading
) -> tuple[AgreementData | None, list[Problem]]:
    numbers = NUMBERS.fullmatch(written.purchase)
    opening = pattern(OPENING, {"name": "(?P<name>.+)"}, issuer=written.issuer).fullmatch(
        written.opening
    )
    if numbers is None or opening is None:
        reading.problem(
            f"{'purchase' if opening else 'opening'} paragraph", "does not follow the form"
        )
        return None, reading.problems
    name = reading.name(written, opening["name"])
    shares = reading.count(numbers["shares"], "Shares")
    price = reading.amount(numbers["price"], "price per share")
    total = reading.amount(numbers["purchase_price"], "Purchase Price")
    warrant_shares = reading.count(numbers["warrant_shares"], "Warrant shares")
    exercise = reading.amount(numbers["exercise_price"], "exercise price")
    if name is None or shares is None or price is None or total is None:
        return None, reading.problems
    if warrant_shares is None or exercise is None:
        return None, reading.problems
    data = AgreementData(
        name, shares, price, total, warrant_shares, exercise,
        dtc_participant=written.dwac[0], dtc_account=written.dwac[1],
        dtc_reference=written.dwac[2], attention=written.attention, address=written.address,
        fax=written.fax, purchaser_signer_name=written.purchaser_signer[0],
        purchaser_signer_title=written.purchaser_signer[1],
        company_signer_name=written.company_signer[0],
        company_signer_title=written.company_signer[1],
    )  # fmt: skip
    reading.check(data)
    return data, reading.problems
