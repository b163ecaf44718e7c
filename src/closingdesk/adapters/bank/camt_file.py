"""ISO 20022 camt.053 (bank to customer statement) and camt.054 (debit/credit notification).

Both hold, per statement or notification, an account (``Acct/Id/IBAN`` or
``Acct/Id/Othr/Id``) and its entries (``Ntry``); the entries are read by
:mod:`.camt_entries`. Every message version from 02 to 08 (and later ones of the same
shape) is read: elements are compared by local name once the root namespace has said which
message this is. The XML is parsed with defusedxml: a file that declares an entity or
refers to anything outside itself is refused before anything is read.

Each statement proves itself: its entries read must make what its ``TxsSummry`` states
(``TtlNtries``, ``TtlCdtNtries``, ``TtlDbtNtries``) and take its opening balance (``OPBD``,
else ``PRCD``) to its closing balance (``CLBD``); a disagreement refuses the file unless the
caller accepts it (then it is a warning). A file without any statement (notification) or
with a document type declaration is refused. An entry without a value or booking date
is dated by its statement's closing balance.

Problems are reported with the element's path, e.g.
``statement.xml /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt``.
"""

from __future__ import annotations

import re
from datetime import date
from xml.etree.ElementTree import Element, ParseError

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import fromstring

from closingdesk.adapters.bank.camt_controls import control_problems
from closingdesk.adapters.bank.camt_entries import EntryReader
from closingdesk.adapters.bank.text import refuse
from closingdesk.domain.funding.bank import BankFile
from closingdesk.domain.funding.bank_controls import Tally
from closingdesk.domain.problems import Problem

MESSAGES = {"camt053": ("BkToCstmrStmt", "Stmt"), "camt054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn")}
NAMESPACE = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.05([34])\.001\.\d+")


def camt_format(namespace: str) -> str | None:
    """ "camt053" or "camt054" for a message namespace, None for anything else."""
    found = NAMESPACE.fullmatch(namespace.strip())
    return f"camt05{found[1]}" if found else None


def read_camt(
    content: bytes, *, source: str, format: str, accept_bad_totals: bool = False
) -> BankFile:
    root = _parse(content, source, format)
    namespace, _, name = root.tag.rpartition("}")
    found = camt_format(namespace.lstrip("{"))
    document, part = MESSAGES[format]
    if name != "Document" or found != format:
        what = f"the root element is {root.tag!r}, not a {format[:4]}.{format[4:]} Document"
        refuse(source, format, [Problem(f"{source} /{name}", what)])
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
    reader = EntryReader(source)
    message = root.find(document)
    if message is None:
        refuse(source, format, [Problem(f"{source} /Document", f"no {document} element")])
    reports = message.findall(part)
    if not reports:
        what = f"no {part} element: the file holds no {_NOUNS[part]}"
        refuse(source, format, [Problem(f"{source} /Document/{document}", what)])
    bad_totals: list[Problem] = []
    for index, report in enumerate(reports, 1):
        path = f"/Document/{document}/{part}[{index}]"
        first = len(reader.transactions)
        _read_report(reader, report, path)
        tally = Tally.of(reader.transactions[first:])
        bad_totals += control_problems(report, f"{source} {path}", tally, reader.problems)
    if reader.problems:  # the figures then disagree only because entries were refused
        refuse(source, format, reader.problems)
    if bad_totals and not accept_bad_totals:
        refuse(source, format, bad_totals)
    warnings = (*reader.warnings, *bad_totals)
    return BankFile(format, tuple(reader.transactions), warnings)


_NOUNS = {"Stmt": "statement", "Ntfctn": "notification"}


def _read_report(reader: EntryReader, report: Element, path: str) -> None:
    account = report.findtext("Acct/Id/IBAN") or report.findtext("Acct/Id/Othr/Id")
    if not (account and account.strip()):
        reader.problems.append(Problem(f"{reader.source} {path}/Acct/Id", "no account number"))
        return
    currency = (report.findtext("Acct/Ccy") or "").strip() or None
    day = _statement_day(report)
    for index, entry in enumerate(report.findall("Ntry"), 1):
        where = f"{path}/Ntry[{index}]"
        reader.read(entry, where, account=account.strip(), currency=currency, day=day)


def _statement_day(report: Element) -> date | None:
    """The day a statement closes (its CLBD balance's date), for entries that give none."""
    for balance in report.findall("Bal"):
        code = (balance.findtext("Tp/CdOrPrtry/Cd") or "").strip()
        text = (balance.findtext("Dt/Dt") or balance.findtext("Dt/DtTm") or "").strip()
        if code == "CLBD" and text:
            try:
                return date.fromisoformat(text[:10])
            except ValueError:
                return None
    return None


def _parse(content: bytes, source: str, format: str) -> Element:
    try:
        root: Element = fromstring(content, forbid_dtd=True)
    except DTDForbidden:
        what = (
            "the file declares a document type (DTD); camt files have none, and entities "
            "and external references are refused, so nothing outside the file is read"
        )
        refuse(source, format, [Problem(source, what)])
    except (EntitiesForbidden, ExternalReferenceForbidden) as error:
        what = (
            f"the file declares the XML entity or reference {_named(error)}; entities and "
            "external references are refused, so nothing outside the file is read"
        )
        refuse(source, format, [Problem(source, what)])
    except DefusedXmlException as error:
        refuse(source, format, [Problem(source, f"refused XML construct ({error})")])
    except ParseError as error:
        line, column = error.position
        where = f"{source} line {line}, column {column + 1}"  # expat counts from 0
        refuse(source, format, [Problem(where, f"not well-formed XML ({error.msg})")])
    return root


def _named(error: DefusedXmlException) -> str:
    name = getattr(error, "name", None) or "?"
    target = getattr(error, "sysid", None) or getattr(error, "pubid", None)
    return f"{name!r} (pointing at {target!r})" if target else repr(name)
