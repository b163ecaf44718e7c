"""The DWAC issuance instruction: what the company tells its transfer agent for each purchaser.

The transfer agent issues the purchaser's Shares and credits them through DTC's
Deposit/Withdrawal at Custodian (DWAC) system to the purchaser's broker: a DTC participant,
an account there, and a reference. The Shares carry no restrictive legend, because their
sale is registered by the issuer's effective shelf registration statement and the
prospectus supplement. One row per purchaser; one letter per settlement run lists them all
and is signed by the company's authorised officer. ``CSV_COLUMNS`` is the contract with the
transfer agent's systems: the same rows as a CSV with these headers, in this order.

>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as terms
>>> registration(terms), prospectus(terms)
('Form S-3, File No. 333-53108', 'prospectus supplement under Rule 424(b)(5)')
>>> authorised_officer(terms)
('Samuel Gulko', 'Senior Vice President Finance, Chief Financial Officer, Secretary and Treasurer')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from stdnum import cusip as stdnum_cusip

from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.agreement_form import written_date
from closingdesk.domain.documents.notice_letter import authorised_officer, company_lines
from closingdesk.domain.money import format_shares, format_usd
from closingdesk.domain.offering.terms import OfferingTerms, Signatory

LEGEND = "without restrictive legend"

CSV_COLUMNS: tuple[str, ...] = (
    "instructed_on",
    "issuer",
    "cusip",
    "security",
    "purchaser_id",
    "purchaser_name",
    "shares",
    "purchase_price",
    "dtc_participant",
    "dtc_account",
    "dtc_reference",
    "warrant_number",
    "warrant_shares",
    "registration",
    "prospectus",
    "legend",
)


@dataclass(frozen=True)
class DwacInstructionRow:
    instructed_on: date
    issuer: str
    cusip: str  # compact: nine characters, no spaces
    security: str
    purchaser_id: int
    purchaser_name: str
    shares: int
    purchase_price: Decimal
    dtc_participant: str
    dtc_account: str
    dtc_reference: str | None
    warrant_number: str
    warrant_shares: int
    registration: str
    prospectus: str
    legend: str = LEGEND


def instruction_row(
    purchaser: Purchaser, terms: OfferingTerms, *, warrant_number: str, instructed_on: date
) -> DwacInstructionRow:
    """The purchaser's row; only for a purchaser with no settlement problems (else a bug)."""
    if not (terms.cusip and purchaser.dtc_participant and purchaser.dtc_account):
        raise ValueError(f"purchaser {purchaser.id} is not ready to settle: check readiness first")
    return DwacInstructionRow(
        instructed_on=instructed_on,
        issuer=terms.issuer_name,
        cusip=stdnum_cusip.compact(terms.cusip),
        security=terms.security_name,
        purchaser_id=purchaser.id,
        purchaser_name=purchaser.name,
        shares=purchaser.shares,
        purchase_price=purchaser.purchase_price(terms),
        dtc_participant=purchaser.dtc_participant.strip(),
        dtc_account=purchaser.dtc_account.strip(),
        dtc_reference=(purchaser.dtc_reference or "").strip() or None,
        warrant_number=warrant_number,
        warrant_shares=purchaser.warrant_shares(terms),
        registration=registration(terms),
        prospectus=prospectus(terms),
    )


def registration(terms: OfferingTerms) -> str:
    return f"Form {terms.registration_form}, File No. {terms.registration_file_number}"


def prospectus(terms: OfferingTerms) -> str:
    return f"prospectus supplement under Rule {terms.prospectus_rule}"


SIGNATURE = (("By:", "signature"), ("Name:", "signer_name"), ("Title:", "signer_title"))
INSTRUCTION = (
    '{issuer} (the "Company") instructs you, as its transfer agent, to issue {total_shares}'
    " shares of its {security}, par value {par} per share (CUSIP {cusip}), to the"
    " {purchaser_count} listed below, and to credit each purchaser's shares through The"
    " Depository Trust Company's Deposit/Withdrawal at Custodian (DWAC) system to the DTC"
    " participant and account shown, quoting the reference shown."
)
REGISTERED = (
    "The shares are to be issued {legend}: their offer and sale are registered under the"
    " Securities Act of 1933 by the Company's effective registration statement on Form"
    " {registration_form} (File No. {file_number}) and its {prospectus}."
)
RESERVATION = (
    "Please also reserve {warrant_shares} shares of the Company's {security} for issuance upon"
    " exercise of the warrants listed below (their numbers are shown beside each purchaser),"
    " each at an exercise price of {exercise_price} per share; no shares are to be issued"
    " under a warrant until it is exercised."
)
LETTER_FORM: tuple[t.Block, ...] = (
    t.Lines("from"),
    t.Para("{dated}", indent_first=False),
    t.Lines("to"),
    t.Heading("Re: {subject}"),
    t.Para(INSTRUCTION),
    t.Para(REGISTERED),
    t.Para(RESERVATION),
    t.Para("{cutoff}"),  # left out when the run names no cut-off
    t.Para("{attachments}"),
    t.Signature("{issuer}", SIGNATURE, lead="THE COMPANY:"),
)
"""closingdesk's own form of DWAC letter (version 1 of the ``dwac_letter`` form)."""
LETTER_LINES = ("from", "to")


@dataclass(frozen=True)
class DwacLetter:
    """The covering letter of one settlement run: its values; the rows are its table."""

    dated: date
    to_lines: tuple[str, ...]
    from_lines: tuple[str, ...]
    subject: str
    paragraphs: tuple[str, ...]  # the body as closingdesk's own form words it
    signer_name: str
    signer_title: str
    issuer: str
    cusip: str
    signed: bool = False  # signed by the authorised signatory named
    values: tuple[tuple[str, str], ...] = ()  # the form's text placeholders and their values

    def context(self) -> t.Context:
        """Every placeholder of a DWAC letter form, filled."""
        return {
            **dict(self.values),
            "dated": written_date(self.dated),
            "to": self.to_lines,
            "from": self.from_lines,
            "subject": self.subject,
            "issuer": self.issuer,
            "signer_name": self.signer_name,
            "signer_title": self.signer_title,
            "signature": f"/s/ {self.signer_name}" if self.signed else "",
        }


def dwac_letter(
    rows: Sequence[DwacInstructionRow],
    terms: OfferingTerms,
    *,
    dated: date,
    signer: Signatory | None = None,
    cutoff: datetime | None = None,
    attachments: Sequence[tuple[str, str]] = (),
) -> DwacLetter:
    """The letter instructing the transfer agent to issue and credit every row's Shares,
    signed by ``signer`` (an authorised signatory; None: unsigned, the block shows who
    would sign)."""
    if not rows or terms.transfer_agent is None or not terms.cusip:
        raise ValueError("a DWAC letter needs rows, a transfer agent and a CUSIP")
    cusip = stdnum_cusip.compact(terms.cusip)
    name, title = (signer.name, signer.title) if signer else authorised_officer(terms)
    values = {
        "cusip": cusip,
        "security": terms.security_name,
        "par": format_usd(terms.par_value),
        "total_shares": format_shares(sum(row.shares for row in rows)),
        "purchaser_count": f"{len(rows):,} purchaser{'s' if len(rows) != 1 else ''}",
        "legend": LEGEND,
        "registration_form": terms.registration_form,
        "file_number": terms.registration_file_number,
        "prospectus": prospectus(terms),
        "warrant_shares": format_shares(sum(row.warrant_shares for row in rows)),
        "exercise_price": format_usd(terms.exercise_price),
        "cutoff": _cutoff(cutoff) if cutoff else "",
        "attachments": _attached(attachments),
    }
    filled = {**values, "issuer": terms.issuer_name}
    paragraphs = tuple(
        text
        for block in LETTER_FORM
        if isinstance(block, t.Para) and "{dated}" not in block.text
        for text in [block.text.format_map(filled)]
        if text
    )
    return DwacLetter(
        dated=dated,
        to_lines=company_lines(terms.transfer_agent),
        from_lines=company_lines(terms.company_notice),
        subject=f"DWAC issuance instruction: {terms.issuer_name}, CUSIP {cusip}",
        paragraphs=paragraphs,
        signer_name=name,
        signer_title=title,
        issuer=terms.issuer_name,
        cusip=cusip,
        signed=signer is not None,
        values=tuple(values.items()),
    )


def _cutoff(cutoff: datetime) -> str:
    hour = cutoff.hour % 12 or 12
    noon = "a.m." if cutoff.hour < 12 else "p.m."
    when = f"{hour}:{cutoff.minute:02d} {noon} ({cutoff.tzname()}) on {written_date(cutoff.date())}"
    return (
        f"Please approve each purchaser's DWAC deposit and credit the shares by {when}, and "
        "tell the Company at once of any you cannot approve by then, and why."
    )


def _attached(attachments: Sequence[tuple[str, str]]) -> str:
    """The attachments, numbered: the approvals on file, then the CSV of the rows."""
    items = [*(f"{what} ({name})" for what, name in attachments), "the same rows as a CSV file"]
    listed = "; ".join(f"({i}) {item}" for i, item in enumerate(items, start=1))
    return f"Attached: {listed}. Please confirm each credit to the Company, quoting the reference."
