"""Paragraphs that remember their parse and line breaks from one agreement to the next.

Most of an agreement's paragraphs (the form's wording, the warrant's) are the same for
every purchaser; parsing their markup and breaking them into lines is most of the cost of
a PDF. A paragraph's frags and lines depend only on its markup, its style and the width it
is set in, so they are computed once and kept (bounded) for the next document. The lines
are only read when drawn; a paragraph split across pages is broken afresh first, as
reportlab's split changes the lines it is given, so a kept result is never changed.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

KEPT = 4096  # paragraphs kept: a few offerings' forms, and the values of recent purchasers


@lru_cache(maxsize=KEPT)
def _parsed(text: str, style: ParagraphStyle, bullet: str | None) -> Paragraph:
    return Paragraph(text, style, bullet)


class _Lines(OrderedDict[tuple[Any, ...], tuple[Any, float]]):
    def keep(self, key: tuple[Any, ...], value: tuple[Any, float]) -> None:
        self[key] = value
        if len(self) > KEPT:
            self.popitem(last=False)


_LINES = _Lines()


class KeptParagraph(Paragraph):  # type: ignore[misc]
    """A reportlab paragraph whose parse and line breaks are reused when they recur."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,  # reportlab's names
        frags: Any = None,
        **options: Any,
    ) -> None:
        self._key: tuple[Any, ...] | None = None
        if text is None or frags is not None:  # a part of a paragraph split across pages
            super().__init__(text, style, bulletText, frags=frags, **options)
            return
        parsed = _parsed(text, style, bulletText)
        super().__init__(text, parsed.style, parsed.bulletText, frags=parsed.frags)
        self._key = (text, style, bulletText)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._key is None:
            return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]
        key = (*self._key, availWidth)
        kept = _LINES.get(key)
        if kept is None:
            width, height = super().wrap(availWidth, availHeight)
            _LINES.keep(key, (getattr(self, "blPara"), height))  # noqa: B009 (set by wrap)
            return width, height
        style = self.style
        first = availWidth - (style.leftIndent + style.firstLineIndent) - style.rightIndent
        self._wrapWidths = [first, availWidth - style.leftIndent - style.rightIndent]
        self.width, (self.blPara, self.height) = availWidth, kept
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if self._key is not None:  # split its own lines, never the kept ones: split edits them
            Paragraph.wrap(self, availWidth, availHeight)
        return super().split(availWidth, availHeight)  # type: ignore[no-any-return]
