"""closingdesk's form of Common Stock Purchase Warrant (Exhibit A to the agreement): its wording.

All of the form's wording is here, as typeset blocks (:mod:`closingdesk.domain.documents.typeset`)
whose ``{fields}`` a warrant's context fills
(:func:`~closingdesk.domain.warrants.warrant.warrant_context`):
counsel replaces the form in this one place. The PDF and the Word template are both made
from these blocks, and :func:`~closingdesk.domain.warrants.warrant.warrant_text` sets them as text.
"""

from __future__ import annotations

from closingdesk.domain.documents.typeset import (
    Block,
    Fields,
    Heading,
    PageBreak,
    Para,
    Signature,
    Title,
)

SIGNED = (("By:", None), ("Name:", None), ("Title:", None))
# the company's block: blank in the form (Exhibit A), filled by the officer who signs a warrant
COMPANY_SIGNED = (
    ("By:", "warrant_signature"),
    ("Name:", "warrant_signer_name"),
    ("Title:", "warrant_signer_title"),
)


def _items(*texts: str, start: str = "a") -> list[Block]:
    """Lettered items; a text's words before " | " are its run-in heading."""
    leads = [text.partition(" | ") if " | " in text else ("", "", text) for text in texts]
    return [
        Para(text, number=f"({chr(ord(start) + i)})", level=1, lead=lead)
        for i, (lead, _, text) in enumerate(leads)
    ]


HEAD: list[Block] = [
    Title("COMMON STOCK PURCHASE WARRANT", "{issuer}"),
    Fields(
        (
            ("Warrant No.:", "warrant_number"),
            ("Holder:", "holder"),
            ("Warrant Shares:", "warrant_shares"),
            ("Exercise Price:", "exercise_price_per_share"),
            ("Issue Date:", "issue_date"),
            ("Expiration Time:", "expiry"),
        ),
        indent=False,
    ),
    Para(
        'This certifies that, for value received, {holder} (the "Holder") may buy from {issuer}'
        ' (the "Company"), on the terms of this Common Stock Purchase Warrant (this "Warrant"),'
        " up to {warrant_shares} fully paid and non-assessable shares of the Company's common"
        ' stock (the "Common Stock"; the shares so issuable, the "Warrant Shares") at'
        ' {exercise_price} per share (the "Exercise Price"), at any time from {issue_date} (the'
        ' "Issue Date") until 5:00 p.m., New York City time, on {termination_date} (the'
        ' "Termination Date") or, if the Termination Date is not a trading day (a day on which'
        " the New York Stock Exchange is open for trading), on the next trading day, being"
        ' {expiry} (the "Expiration Time"). This Warrant is issued under the Securities'
        " Purchase Agreement between the Company and the Holder to which it is Exhibit A (the"
        ' "Purchase Agreement").'
    ),
]
EXERCISE: list[Block] = [
    Heading("1. Exercise"),
    *_items(
        "Right to exercise. | The Holder may exercise this Warrant, in whole or in part and from"
        " time to time, from the Issue Date until the Expiration Time. Any part of this"
        " Warrant not exercised by the Expiration Time lapses and is void.",
        "Notice of Exercise. | To exercise, the Holder delivers to the Company a completed and"
        ' signed notice in the form of Annex 1 (a "Notice of Exercise") by hand, courier,'
        " facsimile or e-mail at the Company's address for notices. The exercise takes effect"
        " when the Company receives the Notice of Exercise, if before the Expiration Time. The"
        " Holder need not surrender this Warrant unless it exercises it in full.",
        "Cash exercise. | Unless the Holder elects a cashless exercise under Section 1(d), it"
        " pays the aggregate Exercise Price of the Warrant Shares it buys (their number"
        " multiplied by the Exercise Price) in cash, by wire transfer of immediately available"
        " funds to the account the Company designates, within two trading days after"
        " delivering the Notice of Exercise.",
        "Cashless exercise. | If, when the Holder exercises, no registration statement covering"
        " the issuance of the Warrant Shares to the Holder, or their resale by the Holder, is"
        " effective and available for use (see Section 7), the Holder may instead exercise this"
        " Warrant by a cashless (net) exercise: it pays no cash and receives the number of"
        " Warrant Shares given by the formula",
    ),
    Para("X = Y(A − B) / A,", level=4),
    Para("where:", level=2),
    Para("X = the number of Warrant Shares issued to the Holder;", level=3),
    Para("Y = the number of Warrant Shares for which this Warrant is being exercised;", level=3),
    Para(
        "A = the closing price of one share of Common Stock on its principal trading market on"
        " the trading day immediately before the date of the Notice of Exercise; and",
        level=3,
    ),
    Para("B = the Exercise Price, as adjusted under Section 2.", level=3),
    Para("A cashless exercise may be made only while A is greater than B.", level=2),
    *_items(
        "Delivery of Warrant Shares. | Within three trading days after an exercise takes effect"
        " (and, for a cash exercise, the Exercise Price is paid) the Company shall have its"
        " transfer agent credit the Warrant Shares to the account of the Holder's broker at The"
        " Depository Trust Company through its Deposit Withdrawal Agent Commission (DWAC)"
        " system or, if that is not available, issue them registered in the Holder's name.",
        "No fractional shares. | The number of Warrant Shares issued on an exercise is rounded"
        " down to a whole share; the Company pays the Holder the value of any fraction in cash,"
        " at the closing price of the Common Stock on the trading day before the exercise.",
        start="e",
    ),
]
ADJUSTMENTS: list[Block] = [
    Heading("2. Adjustments"),
    *_items(
        "Stock dividends, splits and combinations. | If, while this Warrant is outstanding,"
        " the Company (i) pays a dividend or makes a distribution on its Common Stock in shares"
        " of Common Stock, (ii) subdivides its outstanding Common Stock into a larger number of"
        " shares (a stock split) or (iii) combines its outstanding Common Stock into a smaller"
        " number of shares (a reverse stock split), the number of Warrant Shares is multiplied,"
        " and the Exercise Price divided, by the same fraction: the number of shares of Common"
        " Stock outstanding immediately after the event over the number outstanding immediately"
        " before it. The aggregate Exercise Price of this Warrant is therefore unchanged, and on"
        " exercise the Holder receives the shares it would have held had it exercised just"
        " before the event. An adjustment for a dividend or distribution takes effect"
        " immediately after its record date; one for a subdivision or combination, when that"
        " becomes effective.",
        "Reclassifications. | If the Company reclassifies or changes its Common Stock into"
        " other securities (other than by a subdivision or combination under Section 2(a)), the"
        " Holder shall receive on each later exercise, in place of each Warrant Share, the kind"
        " and amount of securities that a holder of one share of Common Stock received in the"
        " reclassification or change, at the same aggregate Exercise Price.",
        "Fundamental transactions. | If the Company (i) merges or consolidates with or into"
        " another person, (ii) sells, leases or otherwise disposes of all or substantially all"
        " of its assets in one or a series of related transactions, (iii) completes a tender or"
        " exchange offer accepted by the holders of more than half of its outstanding Common"
        " Stock, or (iv) completes a share exchange or other transaction by which its Common"
        " Stock is converted into or exchanged for other securities, cash or property (each a"
        ' "Fundamental Transaction"), then on each exercise after it the Holder shall receive,'
        " for each Warrant Share it would otherwise have received, the securities, cash and"
        " other property that a holder of one share of Common Stock received in the Fundamental"
        " Transaction (if holders could choose, the Holder may make the same choice), the"
        " Exercise Price being apportioned among them. The Company shall not enter into a"
        " Fundamental Transaction in which it does not survive unless the successor assumes in"
        " writing, before or at its completion, every obligation of the Company under this"
        " Warrant.",
        "Pro rata distributions. | If the Company distributes to all holders of its Common"
        " Stock, as such, any cash, evidences of indebtedness, securities other than Common"
        " Stock, rights or warrants to acquire its securities, or other property or assets (by"
        " dividend, return of capital, spin-off or otherwise, but not an event covered by"
        " Section 2(a), 2(b) or 2(c)), the Holder shall take part in it as if it had held, on"
        " the distribution's record date, the Warrant Shares then issuable on exercise of this"
        " Warrant in full (without regard to any limitation on exercise), and the Company shall"
        " deliver the Holder's part to it when it delivers the others'.",
        "Calculations. | Adjusted Exercise Prices are rounded to the nearest cent and adjusted"
        " numbers of Warrant Shares down to a whole share. Shares held by or for the Company"
        " are not outstanding shares for these calculations.",
        "Notice of adjustments. | After each adjustment under this Section 2 the Company shall"
        " promptly notify the Holder of the adjusted Exercise Price and number of Warrant Shares,"
        " with a brief statement of the facts that required the adjustment. The Company shall"
        " also notify the Holder of the record or effective date of any dividend, distribution,"
        " reclassification or Fundamental Transaction described above at least ten days before"
        " that date, so that the Holder may exercise this Warrant beforehand; a failure to give"
        " that notice does not affect the validity of the event.",
    ),
]
CLAUSES: list[Block] = [
    Heading("7. Registration of the Warrant Shares"),
    Para(
        "The Company shall use its commercially reasonable efforts to keep a registration"
        " statement under the Securities Act of 1933 covering the issuance of the Warrant"
        " Shares on exercise effective, and its prospectus current, until no part of this"
        " Warrant remains outstanding. While such a registration statement is effective and"
        " available for use, Warrant Shares are issued without any restrictive legend and this"
        " Warrant may be exercised only for cash under Section 1(c); the cashless exercise of"
        " Section 1(d) is available only while it is not. The Company shall notify the Holder"
        " promptly when such a registration statement stops being effective or available, and"
        " again when it is once more."
    ),
    Heading("8. Limitation on beneficial ownership"),
    Para("{ownership_limitation}"),
    Heading("9. Amendments and waivers; days"),
    *_items(
        "Amendments and waivers. | This Warrant may be amended, and any of its provisions"
        " waived, only by a written instrument signed by the Company and the Holder. A waiver"
        " applies only in the instance and for the purpose for which it is given, and no"
        " failure or delay in exercising a right under this Warrant waives it.",
        "Days. | A business day is a day other than a Saturday, a Sunday or a day on which"
        " banks in New York City are authorized or required by law to close; a trading day is"
        " a day on which the principal trading market of the Common Stock is open for trading."
        " If the last or appointed day for taking an action or exercising a right under this"
        " Warrant is not a business day, the action may be taken or the right exercised on the"
        " next business day. If the day on which the Expiration Time falls is not a trading"
        " day, the Expiration Time is instead 5:00 p.m., New York City time, on the next"
        " trading day.",
    ),
]
# Section 8, by the terms' ``warrant_ownership_limitation``: off (the seed's era) or on.
NO_OWNERSHIP_LIMITATION = (
    "This Warrant is not subject to any limitation on exercise by reference to the number of"
    " shares of Common Stock that the Holder beneficially owns."
)
OWNERSHIP_LIMITATION = (
    "The Company shall not give effect to an exercise of this Warrant, and the Holder may not"
    " exercise it, to the extent that after the exercise the Holder, together with its"
    " affiliates and any other person whose beneficial ownership of Common Stock would be"
    " aggregated with the Holder's under Section 13(d) of the Securities Exchange Act of 1934,"
    " would beneficially own more than 4.99% (or, if the Holder so elects before this Warrant"
    " is issued, 9.99%) of the shares of Common Stock outstanding immediately after the"
    " exercise (that percentage, the Beneficial Ownership Limitation). Beneficial ownership is"
    " determined under Section 13(d) and its rules. The Holder may rely on the number of"
    " outstanding shares stated in the Company's latest periodic report filed with the"
    " Securities and Exchange Commission, in a later public announcement by the Company or in"
    " a notice from the Company or its transfer agent; at the Holder's request the Company"
    " shall confirm that number in writing within two trading days. By notice to the Company"
    " the Holder may increase or decrease the Beneficial Ownership Limitation, but not above"
    " 9.99%: an increase takes effect only on the 61st day after the Company receives the"
    " notice, a decrease when the Company receives it. A part of this Warrant that cannot be"
    " exercised because of this limitation does not lapse; it may be exercised as and when"
    " the limitation allows."
)


def ownership_limitation_text(limited: bool) -> str:
    """Section 8's text: the limitation when the terms choose it, else that there is none."""
    return OWNERSHIP_LIMITATION if limited else NO_OWNERSHIP_LIMITATION


GENERAL: list[Block] = [
    Heading("3. Transfer"),
    Para(
        "Subject to applicable securities laws, this Warrant may be transferred, in whole or in"
        " part, by surrendering it to the Company with the assignment form of Annex 2"
        " completed and signed by the Holder. The Company shall record the transfer in its"
        " warrant register and issue new warrants on the same terms to the assignee and, for"
        " any part not transferred, to the Holder. Until a transfer is recorded, the Company may"
        " treat the registered Holder as the owner of this Warrant for all purposes."
    ),
    Heading("4. No rights as a stockholder; reservation of shares"),
    Para(
        "Before Warrant Shares are issued on exercise, this Warrant gives the Holder no rights"
        " of a stockholder in them, such as to vote or to receive dividends. The Company shall"
        " keep reserved, out of its authorized and unissued Common Stock, enough shares to"
        " permit the exercise of this Warrant in full; Warrant Shares issued on an exercise made"
        " as provided here will be validly issued, fully paid and non-assessable."
    ),
    Heading("5. Lost warrant; notices"),
    Para(
        "If this Warrant is lost, stolen, destroyed or mutilated, the Company shall issue a new"
        " warrant on the same terms against an indemnity reasonably satisfactory to it (and the"
        " surrender of a mutilated Warrant). Notices under this Warrant are given in writing at"
        " the addresses for notices stated in the Purchase Agreement, or at another address a"
        " party designates by notice to the other."
    ),
    Heading("6. Governing law"),
    Para(
        "This Warrant shall be governed by and construed in accordance with the internal laws"
        " of the State of {state}, without giving effect to its conflict of laws principles."
    ),
    *CLAUSES,
    Para(
        "IN WITNESS WHEREOF, the Company has caused this Warrant to be signed by its duly"
        " authorized officer as of the Issue Date."
    ),
    Signature("{issuer}", COMPANY_SIGNED),
]
ANNEXES: list[Block] = [
    PageBreak(),
    Title("ANNEX 1", "NOTICE OF EXERCISE"),
    Para("To: {issuer}", indent_first=False),
    Para(
        "The undersigned Holder exercises Warrant No. {warrant_no} for ____________ Warrant"
        " Shares and elects (check one):",
        indent_first=False,
    ),
    Para("[   ]  cash exercise under Section 1(c), paying $______________ in cash; or", level=1),
    Para(
        "[   ]  cashless exercise under Section 1(d), which is available only if no registration"
        " statement covering the issuance or resale of the Warrant Shares is then effective.",
        level=1,
    ),
    Para("Please deliver the Warrant Shares through DWAC to:", indent_first=False),
    Fields((("DTC participant no.:", None), ("Account no.:", None), ("Reference:", None))),
    Signature("{holder}", (*SIGNED, ("Date:", None)), lead="HOLDER:"),
    PageBreak(),
    Title("ANNEX 2", "ASSIGNMENT FORM"),
    Para(
        "For value received, the undersigned Holder assigns to the assignee named below its"
        " rights under Warrant No. {warrant_no} to buy ____________ Warrant Shares, and asks"
        " the Company to record the transfer in its warrant register.",
        indent_first=False,
    ),
    Fields((("Assignee:", None), ("Address:", None))),
    Signature("{holder}", (*SIGNED, ("Date:", None)), lead="HOLDER:"),
]

WARRANT_FORM: tuple[Block, ...] = (*HEAD, *EXERCISE, *ADJUSTMENTS, *GENERAL, *ANNEXES)
"""The whole form of warrant, in order."""
