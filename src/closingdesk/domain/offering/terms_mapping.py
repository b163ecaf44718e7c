"""Offering terms as a plain mapping, the shape a TOML or JSON terms file has.

:func:`terms_to_mapping` writes the terms with strings for every Decimal, date and time, so
the mapping is safe for JSON and TOML; :func:`terms_from_mapping` reads one back, checking
every value and collecting every problem, so the user fixes the whole file in one go.

>>> from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
>>> mapping = terms_to_mapping(NEOTHERAPEUTICS_2002)
>>> mapping["price_per_share"], mapping["agreement_date"], mapping["close_of_business"]
('2.00', '2002-03-12', '17:00')
>>> terms_from_mapping(mapping, source="terms.toml") == (NEOTHERAPEUTICS_2002, [])
True
>>> mapping["wire"]["aba_routing_number"] = "021 000 022"
>>> terms, problems = terms_from_mapping(mapping, source="terms.toml")
>>> terms, [problem.where for problem in problems]
(None, ['terms.toml: wire.aba_routing_number'])
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from difflib import get_close_matches
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from email_validator import EmailNotValidError, validate_email
from stdnum import cusip as stdnum_cusip
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.us import rtn

from closingdesk.domain import text_safety
from closingdesk.domain.money import parse_decimal
from closingdesk.domain.offering.terms import (
    NoticeAddress,
    OfferingTerms,
    ReceivingAccount,
    Signatory,
    WireInstructions,
)
from closingdesk.domain.problems import Problem

T = TypeVar("T")

DEFAULT_CLOSE_OF_BUSINESS = time(17, 0)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YYYY_MM_DD = re.compile(r"\d{4}-\d{2}-\d{2}")
_HH_MM = re.compile(r"(\d{1,2}):(\d{2})")
_CURRENCY = re.compile(r"[A-Z]{3}")


def terms_to_mapping(terms: OfferingTerms) -> dict[str, object]:
    """The terms as nested dicts of strings, ints and lists: scalars first, then tables."""
    mapping = _plain_fields(terms)
    signatories = mapping.pop("signatories", None)
    if signatories:  # [[company.signatories]]
        mapping["company"] = {"signatories": signatories}
    return dict(sorted(mapping.items(), key=lambda item: isinstance(item[1], dict)))


def _plain_fields(
    record: OfferingTerms | WireInstructions | NoticeAddress | ReceivingAccount | Signatory,
) -> dict[str, object]:
    pairs = ((f.name, _plain(getattr(record, f.name))) for f in dataclasses.fields(record))
    return {
        name: plain
        for name, plain in pairs
        if plain is not None and not (name == "accounts" and plain == [])
    }


def _plain(value: object) -> object:
    if isinstance(value, WireInstructions | NoticeAddress | ReceivingAccount | Signatory):
        return _plain_fields(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal | date):
        return str(value)
    return value


class _Invalid(ValueError):
    """A value that cannot be a term; the message says what it must be instead."""


class _Table:
    """One table of a terms mapping, read key by key, its problems added to a shared list.

    Readers return a placeholder for a bad or missing value; the caller discards whatever
    it builds from them as soon as a problem was found.
    """

    def __init__(
        self, mapping: Mapping[str, object], prefix: str, source: str, problems: list[Problem]
    ) -> None:
        self._mapping = mapping
        self._prefix = prefix
        self._source = source
        self._problems = problems
        self._known: list[str] = []

    def add_problem(self, key: str, what: str) -> None:
        self._problems.append(Problem(where=f"{self._source}: {self._prefix}{key}", what=what))

    def required(self, key: str, parse: Callable[[object], T], placeholder: T) -> T:
        value = self.optional(key, parse)
        if value is None and _is_blank(self._mapping.get(key)):
            self.add_problem(key, "is required" if key not in self._mapping else "is empty")
        return placeholder if value is None else value

    def optional(self, key: str, parse: Callable[[object], T]) -> T | None:
        self._known.append(key)
        value = self._mapping.get(key)
        if _is_blank(value):
            return None
        try:
            return parse(value)
        except _Invalid as invalid:
            self.add_problem(key, str(invalid))
            return None

    def table(self, key: str, *, required: bool) -> _Table | None:
        self._known.append(key)
        value = self._mapping.get(key)
        if isinstance(value, Mapping):
            return _Table(value, f"{self._prefix}{key}.", self._source, self._problems)
        if value is not None or required:
            self.add_problem(key, "is required" if value is None else "must be a table")
        return None

    def nested(self, mapping: Mapping[str, object], prefix: str) -> _Table:
        """A table inside a list of this table's (its problems named ``key[n].``)."""
        return _Table(mapping, f"{self._prefix}{prefix}", self._source, self._problems)

    def report_unknown_keys(self) -> None:
        for key in self._mapping:
            if key not in self._known:
                self.add_problem(key, _unknown_key_message(key, self._known))


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str | list | tuple) and not value)


def _unknown_key_message(key: str, known: list[str]) -> str:
    close = get_close_matches(key, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "the keys are " + ", ".join(known)
    return f"unknown key {key!r}: {hint}"


def terms_from_mapping(
    mapping: Mapping[str, object], *, source: str
) -> tuple[OfferingTerms | None, list[Problem]]:
    """The terms a mapping states, or None and every problem found in it."""
    problems: list[Problem] = []
    top = _Table(mapping, "", source, problems)
    terms = _read_terms(top)
    top.report_unknown_keys()
    return (None, problems) if problems else (terms, [])


def _read_terms(top: _Table) -> OfferingTerms:
    return OfferingTerms(
        slug=top.required("slug", _slug, ""),
        issuer_name=top.required("issuer_name", _text, ""),
        security_name=top.required("security_name", _text, ""),
        par_value=top.required("par_value", _price, Decimal(0)),
        price_per_share=top.required("price_per_share", _price, Decimal(0)),
        currency=top.required("currency", _currency, ""),
        warrant_years=top.required("warrant_years", _positive_int, 0),
        exercise_price=top.required("exercise_price", _price, Decimal(0)),
        warrant_coverage=top.required("warrant_coverage", _coverage, Decimal(0)),
        registration_form=top.required("registration_form", _text, ""),
        registration_file_number=top.required("registration_file_number", _text, ""),
        prospectus_rule=top.required("prospectus_rule", _text, ""),
        agreement_date=top.required("agreement_date", _date, date.min),
        governing_law=top.required("governing_law", _text, ""),
        close_of_business=top.optional("close_of_business", _hh_mm) or DEFAULT_CLOSE_OF_BUSINESS,
        timezone=top.required("timezone", _timezone, ""),
        company_signer_name=top.optional("company_signer_name", _text),
        company_signer_title=top.optional("company_signer_title", _text),
        cusip=top.optional("cusip", _cusip),
        assumptions=top.optional("assumptions", _lines) or (),
        warrant_ownership_limitation=bool(top.optional("warrant_ownership_limitation", _flag)),
        wire=_read_wire(top.table("wire", required=True)),
        company_notice=_read_notice(top.table("company_notice", required=True))
        or _PLACEHOLDER_NOTICE,
        transfer_agent=_read_notice(top.table("transfer_agent", required=False)),
        signatories=_read_company(top.table("company", required=False)),
        legal_opinion_required=bool(top.optional("legal_opinion_required", _bool)),
    )


def _read_company(table: _Table | None) -> tuple[Signatory, ...]:
    """[[company.signatories]]: each with a name and a title, and a linked user if any."""
    if table is None:
        return ()
    listed = table.optional("signatories", _table_list) or ()
    table.report_unknown_keys()
    signatories = []
    for number, item in enumerate(listed, start=1):
        one = table.nested(item, f"signatories[{number}].")
        signatories.append(
            Signatory(
                name=one.required("name", _text, ""),
                title=one.required("title", _text, ""),
                user=one.optional("user", _email),
            )
        )
        one.report_unknown_keys()
    return tuple(signatories)


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {value!r}")
    return value


def _table_list(value: object) -> tuple[Mapping[str, object], ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
        raise _Invalid("must be a list of tables: [[company.signatories]] name = ..., title = ...")
    return tuple(value)


def _read_wire(table: _Table | None) -> WireInstructions:
    if table is None:
        return _PLACEHOLDER_WIRE
    wire = WireInstructions(
        bank_name=table.required("bank_name", _text, ""),
        bank_address=table.required("bank_address", _lines, ()),
        aba_routing_number=table.required("aba_routing_number", _routing_number, ""),
        fbo_name=table.required("fbo_name", _text, ""),
        fbo_account=table.required("fbo_account", _text, ""),
        ffc_name=table.required("ffc_name", _text, ""),
        ffc_account=table.required("ffc_account", _text, ""),
        accounts=table.optional("accounts", _accounts) or (),
    )
    table.report_unknown_keys()
    return wire


def _accounts(value: object) -> tuple[ReceivingAccount, ...]:
    """More receiving accounts: a list of tables with a number, and a currency and a bank
    when they are not the offering's (``[[wire.accounts]]``)."""
    if not isinstance(value, list | tuple):
        raise _Invalid("must be a list of tables (number, currency, bank)")
    found = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) - {"number", "currency", "bank"}:
            raise _Invalid(f"each account has a number, a currency and a bank only, not {item!r}")
        currency = item.get("currency")
        found.append(
            ReceivingAccount(
                number=_text(item.get("number")),
                currency=_currency(currency) if currency is not None else None,
                bank=_text(item["bank"]) if item.get("bank") is not None else None,
            )
        )
    return tuple(found)


def _read_notice(table: _Table | None) -> NoticeAddress | None:
    if table is None:
        return None
    notice = NoticeAddress(
        name=table.required("name", _text, ""),
        attention=table.optional("attention", _text),
        title=table.optional("title", _text),
        address=table.required("address", _lines, ()),
        fax=table.optional("fax", _text),
        email=table.optional("email", _email),
    )
    table.report_unknown_keys()
    return notice


_PLACEHOLDER_WIRE = WireInstructions("", (), "", "", "", "", "")
_PLACEHOLDER_NOTICE = NoticeAddress("", None, None, (), None)


# Parsers: one value of a mapping to one term, or _Invalid saying what it must be.


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be text in quotes, not {value!r}")
    if not value.strip():
        raise _Invalid("is empty")
    try:
        return text_safety.validate(value.strip())
    except text_safety.UnsafeText as unsafe:
        raise _Invalid(str(unsafe)) from None


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false (without quotes), not {value!r}")
    return value


def _lines(value: object) -> tuple[str, ...]:
    """A list of lines; one string may also separate its lines with newlines or " | "."""
    items = re.split(r"\n| \| ", value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise _Invalid(f"must be a list of lines of text, not {value!r}")
    lines = tuple(_text(item) for item in items if not _is_blank(item))
    if not lines:
        raise _Invalid("is empty")
    return lines


def _slug(value: object) -> str:
    slug = _text(value)
    if not _SLUG.fullmatch(slug):
        raise _Invalid(
            f"{slug!r} must be lowercase letters, digits and hyphens, like 'neotherapeutics-2002'"
        )
    return slug


def _decimal(value: object) -> Decimal:
    if isinstance(value, float):
        raise _Invalid(
            f'write the number in quotes, like "2.00", not {value}: a bare number with a '
            "decimal point is a float, and a float loses cents"
        )
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    number = parse_decimal(value) if isinstance(value, str) else None
    if number is None:
        raise _Invalid(f'must be a number in quotes, like "2.00", not {value!r}')
    return number


def _price(value: object) -> Decimal:
    price = _decimal(value)
    if price <= 0:
        raise _Invalid(f"must be more than zero, not {price}")
    return price


def _coverage(value: object) -> Decimal:
    coverage = _decimal(value)
    if coverage < 0:
        raise _Invalid(f"must be zero or more (warrant shares per share), not {coverage}")
    return coverage


def _positive_int(value: object) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise _Invalid(f"must be a whole number more than zero, not {value!r}")
    return value


def _date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _YYYY_MM_DD.fullmatch(value.strip()):
        raise _Invalid(f"must be a date, YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _Invalid(f"{value!r} is not a real date") from None


def _hh_mm(value: object) -> time:
    if isinstance(value, time) and value == time(value.hour, value.minute):
        return value
    match = _HH_MM.fullmatch(value.strip()) if isinstance(value, str) else None
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    raise _Invalid(f'must be a time of day "HH:MM" on a 24-hour clock, like "17:00", not {value!r}')


def _timezone(value: object) -> str:
    name = _text(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _Invalid(
            f"{name!r} is not a time zone; use an IANA name like 'America/Los_Angeles'"
        ) from None
    return name


def _currency(value: object) -> str:
    code = _text(value).upper()
    if not _CURRENCY.fullmatch(code):
        raise _Invalid(f"{value!r} must be a three-letter ISO 4217 code, like 'USD'")
    return code


def _routing_number(value: object) -> str:
    return _identifier(value, rtn.validate, "ABA routing number")


def _cusip(value: object) -> str:
    return _identifier(value, stdnum_cusip.validate, "CUSIP")


def _identifier(value: object, validate: Callable[[str], str], name: str) -> str:
    """An identifier checked by python-stdnum, stored without spaces and dashes."""
    text = _text(value)
    try:
        return validate(re.sub(r"[\s-]", "", text))
    except InvalidChecksum:
        raise _Invalid(f"{text!r} is not a valid {name}: the check digit does not match") from None
    except ValidationError as error:
        reason = str(error).rstrip(".").lower()
        raise _Invalid(f"{text!r} is not a valid {name}: {reason}") from None


def _email(value: object) -> str:
    address = _text(value)
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        raise _Invalid(f"{address!r} is not an e-mail address: {error}") from None
    return address
