"""The one rule for safe text: what it refuses, what it keeps, and how it names it."""

from __future__ import annotations

import pytest

from closingdesk.domain import text_safety
from closingdesk.domain.problems import InvalidInput

BIDI = [
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\u200e",
    "\u200f",
    "\u061c",
]


@pytest.mark.parametrize("character", BIDI)
def test_every_bidirectional_control_is_refused_even_where_lines_are_allowed(
    character: str,
) -> None:
    assert not text_safety.is_valid(f"Acme{character}Fund", lines=True)


@pytest.mark.parametrize(
    ("character", "named"),
    [
        ("\x00", "U+0000 NULL"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x7f", "U+007F DELETE"),
        ("\x9b", "U+009B CONTROL CHARACTER"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\ud800", "U+D800 LONE SURROGATE"),
    ],
)
def test_control_and_invisible_format_characters_are_refused_by_code_point_and_name(
    character: str, named: str
) -> None:
    with pytest.raises(text_safety.UnsafeText) as refused:
        text_safety.validate(f"a{character}b")
    assert str(refused.value).startswith(f"contains {named}, ")


def test_line_breaks_and_tabs_are_allowed_only_where_a_field_holds_lines() -> None:
    assert text_safety.is_valid("1 Main St\r\n\tBoston", lines=True)
    for text in ("a\nb", "a\rb", "a\tb"):
        assert not text_safety.is_valid(text)
    with pytest.raises(text_safety.UnsafeText, match="U\\+000A LINE FEED, a line break"):
        text_safety.validate("a\nb")


@pytest.mark.parametrize(
    "name",
    [
        "Zürich Lebenswissenschaften AG",
        "さくら 山田 Partners",
        "Ελληνικό Ταμείο",
        "صندوق الأمل",
        "می\u200cخواهم",  # Persian needs the zero width non-joiner
        "क्\u200dष",  # and Devanagari the joiner
        "Fund\u00a0No.\u202f1",  # no-break spaces are text
        "=cmd|' /C calc'!A0",  # a formula is text; files we write neutralise it
    ],
)
def test_names_in_any_script_with_their_joiners_are_safe(name: str) -> None:
    assert text_safety.validate(name) == name


def test_refuse_unsafe_names_every_field_refused_and_skips_empty_ones() -> None:
    with pytest.raises(InvalidInput) as refused:
        text_safety.refuse_unsafe(
            {"subject": "x\u202e", "body": "a\n\nb", "reason": None, "title": "\x07"},
            lines=["body"],
        )
    assert [p.where for p in refused.value.problems] == ["subject", "title"]


def test_a_column_is_checked_at_once() -> None:
    assert text_safety.all_valid(["Acme", "Beta", ""])
    assert not text_safety.all_valid(["Acme", "Be\u202eta"])
