"""camt control figures: a statement's ``TxsSummry`` and its opening and closing balances.

``TtlNtries``, ``TtlCdtNtries`` and ``TtlDbtNtries`` each give a number of entries
(``NbOfNtries``) and their sum (``Sum``, without sign); the balances are ``Bal`` elements
typed ``OPBD`` (opening booked; ``PRCD``, the previous closing, when there is none) and
``CLBD`` (closing booked), each an ``Amt`` and a ``CdtDbtInd``.
"""

from __future__ import annotations

from decimal import Decimal
from xml.etree.ElementTree import Element

from closingdesk.domain.funding.bank_controls import (
    Stated,
    Tally,
    balance_disagreement,
    disagreements,
)
from closingdesk.domain.money import AmountError, parse_amount
from closingdesk.domain.problems import Problem

_SUMMARIES = (
    ("TtlNtries", None),
    ("TtlCdtNtries", "credit"),
    ("TtlDbtNtries", "debit"),
)


def control_problems(
    report: Element, where: str, tally: Tally, problems: list[Problem]
) -> list[Problem]:
    """The disagreements of a statement with its own figures; a figure that cannot be read
    is added to ``problems``."""
    currency = _currency(report)
    stated = [
        Stated(
            name,
            direction,
            count=_count(report, f"TxsSummry/{name}/NbOfNtries", where, problems),
            amount=_sum(report, f"TxsSummry/{name}/Sum", currency, where, problems),
        )
        for name, direction in _SUMMARIES
        if report.find(f"TxsSummry/{name}") is not None
    ]
    found = disagreements(where, stated, tally, currency)
    opening = _balance(report, ("OPBD", "PRCD"), currency, where, problems)
    closing = _balance(report, ("CLBD",), currency, where, problems)
    if opening is not None and closing is not None:
        wrong = balance_disagreement(where, opening, closing, tally, currency)
        found.extend([wrong] if wrong else [])
    return found


def _currency(report: Element) -> str:
    for path in ("Acct/Ccy", "Bal/Amt", "Ntry/Amt"):
        element = report.find(path)
        if element is not None:
            code = element.get("Ccy") if path != "Acct/Ccy" else element.text
            if code and code.strip():
                return code.strip().upper()
    return "XXX"


def _count(report: Element, path: str, where: str, problems: list[Problem]) -> int | None:
    text = (report.findtext(path) or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 15:
        problems.append(Problem(f"{where}/{path}", f"{text!r} is not a number of entries"))
        return None
    return int(text)


def _sum(
    report: Element, path: str, currency: str, where: str, problems: list[Problem]
) -> Decimal | None:
    text = (report.findtext(path) or "").strip()
    if not text:
        return None
    try:
        return parse_amount(text, currency)
    except AmountError as error:
        problems.append(Problem(f"{where}/{path}", str(error)))
        return None


def _balance(
    report: Element, kinds: tuple[str, ...], currency: str, where: str, problems: list[Problem]
) -> Decimal | None:
    balances = report.findall("Bal")
    for kind in kinds:
        for index, balance in enumerate(balances, 1):
            code = balance.findtext("Tp/CdOrPrtry/Cd") or balance.findtext("Tp/CdOrPrtry/Prtry")
            if (code or "").strip() != kind:
                continue
            path = f"{where}/Bal[{index}]/Amt"
            element = balance.find("Amt")
            text = (element.text or "").strip() if element is not None else ""
            try:
                amount = parse_amount(text, currency)
            except AmountError as error:
                problems.append(Problem(path, str(error)))
                return None
            debit = (balance.findtext("CdtDbtInd") or "").strip() == "DBIT"
            return -amount if debit else amount
    return None
