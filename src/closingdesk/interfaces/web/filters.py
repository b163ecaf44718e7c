"""Jinja filters: money, share counts, times and labels as the deal room writes them.

>>> money(Decimal("2000000"))
'$2,000,000.00'
>>> shares(1000000)
'1,000,000'
>>> percent(Decimal("500"), Decimal("2000"))
25
>>> stamp_text("2002-03-12T16:00:00.000000Z")
'12 Mar 2002, 16:00 UTC'
>>> duration(-(23 * 365 + 40) * 86400)
'23 years'
>>> label("agreement_generated")
'Agreement generated'
>>> countdown(3 * 3600 + 65), countdown(-86400 * 2 - 7200)
('03:01:05 left', 'Closed 2 days 2 hours ago')
>>> url_with("/audit", {"kind": "book.imported", "page": 3}, page=1)
'/audit?kind=book.imported'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from closingdesk.domain.money import format_shares, format_usd

_PLAIN_WORD = re.compile(r"[a-z][a-z-]*[ ,;:]")
_UNITS = (("year", 365 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60))
_LABELS = {"dtc": "DTC", "dwac": "DWAC", "id": "ID", "aba": "ABA", "fbo": "FBO", "ffc": "FFC"}


def money(amount: Decimal | None) -> str:
    return "—" if amount is None else format_usd(amount)


def shares(count: int | None) -> str:
    return "—" if count is None else format_shares(count)


def percent(part: Decimal | int, whole: Decimal | int) -> int:
    """Whole percent for a progress bar; 0 when there is nothing to measure against."""
    return int(Decimal(part) * 100 / Decimal(whole)) if whole else 0


def stamp_text(stamp: str | None) -> str:
    """An ISO 8601 UTC stamp from the store, to the minute."""
    if not stamp:
        return "—"
    at = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)
    return at.strftime("%d %b %Y, %H:%M UTC").lstrip("0")


def long_date(day: date | datetime) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def local_time(at: datetime) -> str:
    """'5:00 PM PST' in the time's own zone."""
    return f"{at:%I:%M %p}".lstrip("0") + f" {at.tzname()}"


def duration(seconds: int) -> str:
    """The largest one or two units of a span, e.g. '3 days 4 hours'; sign ignored."""
    left, parts = abs(seconds), []
    for name, size in _UNITS:
        count, left = divmod(left, size)
        if count:
            parts.append(f"{count} {name}{'' if count == 1 else 's'}")
        if parts and (len(parts) == 2 or name == "year"):
            break
    return " ".join(parts[:2]) or f"{left} second{'' if left == 1 else 's'}"


def countdown(seconds_left: int) -> str:
    """The dashboard's deadline clock; the page's script ticks the same text every second."""
    if seconds_left <= 0:
        return f"Closed {duration(seconds_left)} ago"
    days, left = divmod(seconds_left, 86400)
    hours, left = divmod(left, 3600)
    clock = f"{hours:02d}:{left // 60:02d}:{left % 60:02d} left"
    return f"{days}d {clock}" if days else clock


def plain_decimal(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 0.250 -> '0.25', 25.00 -> '25'."""
    return format(value.normalize(), "f")


def pretty_json(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True)


def url_with(path: str, params: Mapping[str, Any], **changes: Any) -> str:
    """A link to ``path`` with the page's query parameters, some changed (page 1 left out)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "") and (k, v) != ("page", 1)}
    return f"{path}?{urlencode(kept)}" if kept else path


def sentence(text: str) -> str:
    """A message as a sentence: a capital when it starts with a plain word, a full stop.

    >>> sentence("no purchaser 9"), sentence("book.pdf: not a book.")
    ('No purchaser 9.', 'book.pdf: not a book.')
    """
    text = text.strip()
    if _PLAIN_WORD.match(text):
        text = text[:1].upper() + text[1:]
    return text + ("" if text.endswith((".", "!", "?")) else ".")


def label(key: str) -> str:
    words = [_LABELS.get(word, word) for word in key.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


FILTERS: dict[str, Callable[..., Any]] = {
    "money": money,
    "shares": shares,
    "percent": percent,
    "stamp": stamp_text,
    "long_date": long_date,
    "local_time": local_time,
    "duration": duration,
    "label": label,
    "sentence": sentence,
    "countdown": countdown,
    "plain": plain_decimal,
    "pretty_json": pretty_json,
}
GLOBALS: dict[str, Callable[..., Any]] = {"url_with": url_with}
