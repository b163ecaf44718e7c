"""Setting text the way the form is set: fixed-width lines, greedy breaks, labels, underlines.

The seed is typed in a fixed-width face on lines of at most ``WIDTH`` columns (a column is
one character). A paragraph has a first-line margin and a margin for its other lines; a
line breaks only at a space, as late as it can, and a word longer than the measure runs
past it rather than being cut. So the lines of a paragraph, stripped and joined with
single spaces, give its text back. A word the form underlines (an exhibit reference) gets
a line of dashes under it.

>>> print("\\n".join(wrap(tokens("see Exhibit A. for the form"), "  ", "", width=14)))
  see
Exhibit A. for
---------
the form
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from string import Formatter

WIDTH = 80
"""The seed's measure: its longest lines have 80 columns; each paragraph breaks greedily there."""

NOTICE_WIDTH = 70
"""The company's notice block is set narrower: the seed breaks its title at 70 columns."""

UNDERLINED = {"Exhibit A.": len("Exhibit A"), "Exhibit B.": len("Exhibit B")}
"""Words the form underlines (the dashes stop before the period), kept on one line."""

_MAY_UNDERLINE = re.compile("|".join(re.escape(phrase.split(" ")[0]) for phrase in UNDERLINED))


def tokens(text: str) -> list[str]:
    """The words of ``text``, an underlined phrase kept as one word."""
    words = text.split(" ")
    merged: list[str] = []
    for word in words:
        if merged and f"{merged[-1]} {word}" in UNDERLINED:
            merged[-1] = f"{merged[-1]} {word}"
        else:
            merged.append(word)
    return merged


def line_starts(sizes: Sequence[int], first: int, rest: int, width: int) -> list[int]:
    """Greedy breaking: the index of the first word of each line.

    ``ends[i]`` is where word ``i`` ends, counting a space after each word, so the words that
    fit on a line are found by bisection.
    """
    ends, starts = list(accumulate(map(add, sizes, repeat(1)))), [0]
    start, margin = 0, first
    while True:
        before = ends[start - 1] if start else 0
        end = max(bisect_right(ends, before + width - margin + 1, lo=start), start + 1)
        if end >= len(sizes):
            return starts
        starts.append(end)
        start, margin = end, rest


def set_lines(words: Sequence[str], starts: Sequence[int], first: str, rest: str) -> list[str]:
    """The lines of ``words`` broken before each of ``starts``, each word's underline below it."""
    lines = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(words)], strict=True)):
        margin = first if number == 0 else rest
        line_words = words[start:end]
        lines.append(margin + " ".join(line_words))
        rule = underline(len(margin), line_words) if _MAY_UNDERLINE.search(lines[-1]) else ""
        if rule:
            lines.append(rule)
    return lines


def underline(column: int, words: Sequence[str]) -> str:
    """The line of dashes under the underlined words of a line starting at ``column``."""
    rule = ""
    for word in words:
        if word in UNDERLINED:
            rule += " " * (column - len(rule)) + "-" * UNDERLINED[word]
        column += len(word) + 1
    return rule


def wrap(words: Sequence[str], first: str, rest: str, width: int = WIDTH) -> list[str]:
    """Greedy lines of ``words`` between the margins and ``width``."""
    sizes = list(map(len, words))
    return set_lines(words, line_starts(sizes, len(first), len(rest), width), first, rest)


def labelled(label: str, value: str | None, rest: str | None = None) -> list[str]:
    """A label with its value on the same line; a long value goes on under its first word."""
    if value is None:
        return [label]
    return lines_of(value, f"{label} ", hanging(label) if rest is None else rest)


def lines_of(text: str, first: str, rest: str | None = None, width: int = WIDTH) -> list[str]:
    """One line of text (a value, a wire instruction, a notice line), wrapped if too long."""
    if len(first) + len(text) <= width:
        return [first + text]
    return wrap(text.split(" "), first, first if rest is None else rest, width)


def text_of(lines: Sequence[str], *, without_rules: bool = False) -> str:
    """A paragraph's text from its lines: stripped and joined by single spaces.

    ``without_rules`` leaves out the lines of dashes that underline a word.
    """
    parts = (line.strip() for line in lines)
    return " ".join(part for part in parts if not (without_rules and not part.strip("-")))


def hanging(label: str) -> str:
    """The margin of a value's next lines: under its first character."""
    return " " * (len(label) + 1)


@dataclass(frozen=True)
class Blank:
    """A labelled blank: the value on the label's line, the rule (dashes) kept below it."""

    label: str
    rule: str
    key: str

    def render(self, values: Mapping[str, str]) -> str:
        value = values.get(self.key)
        if value is None:
            return f"{self.label}\n{self.rule}"
        if len(self.label) + len(value) < WIDTH:
            return f"{self.label} {value}\n{self.rule}"
        return "\n".join([*labelled(self.label, value), self.rule])


@dataclass(frozen=True)
class AddressBlank:
    """The address blank: two rules to write on; the first line of the address goes on the
    label's line, the others on the line above the second rule, all under the first one. A
    line too long for the measure goes on two columns further in."""

    label: str
    rule: str
    last_rule: str
    key: str = "address"

    def render(self, values: Mapping[str, str]) -> str:
        lines = values.get(self.key, "").split("\n")
        more = " " * (len(self.label) + 3)
        out = [*labelled(self.label, lines[0] or None, more), self.rule]
        for line in lines[1:]:
            out += lines_of(line, hanging(self.label), more)
        return "\n".join([*out, *([] if lines[1:] else [""]), self.last_rule])


class Paragraph:
    """A paragraph with blanks, broken into lines once with the blanks empty.

    Filling keeps those lines unless a value makes one too long; then the whole paragraph
    is broken again. ``template`` is a :meth:`str.format` string, one field per blank.
    """

    def __init__(self, first: str, rest: str, template: str, blanks: Mapping[str, str]) -> None:
        self.first, self.rest = first, rest
        self.words = tokens(template)
        self.keys = [_fields(word) for word in self.words]
        self.texts = [word.format_map(blanks) for word in self.words]
        self.starts = line_starts([len(t) for t in self.texts], len(first), len(rest), WIDTH)
        self.filled = [i for i, keys in enumerate(self.keys) if keys]
        bounds = list(zip([-1, *self.filled], [*self.filled, len(self.words)], strict=True))
        self.runs = [self.texts[after + 1 : before] for after, before in bounds]
        checks = [self._check(start, end, blanks) for start, end in self._spans()]
        self.checks = [(room, keys) for room, keys in checks if keys]
        self.fast = self._fast()

    def render(self, values: Mapping[str, str]) -> str:
        fits = all(room >= sum(len(values[k]) for k in keys) for room, keys in self.checks)
        if fits and self.fast is not None:
            return self.fast.format_map(values)
        texts = list(self.texts)
        for index in self.filled:
            texts[index] = self.words[index].format_map(values)
        if fits:
            return "\n".join(set_lines(texts, self.starts, self.first, self.rest))
        return "\n".join(wrap(self._atoms(values), self.first, self.rest))

    def static(self) -> str | None:
        """The paragraph's text when it has no blanks."""
        if self.filled:
            return None
        return "\n".join(set_lines(self.texts, self.starts, self.first, self.rest))

    def _atoms(self, values: Mapping[str, str]) -> list[str]:
        """The words to break into lines: the form's, and each value's split at its spaces."""
        atoms = list(self.runs[0])
        for index, run in zip(self.filled, self.runs[1:], strict=True):
            atoms += self.words[index].format_map(values).split(" ")
            atoms += run
        return atoms

    def _spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, [*self.starts[1:], len(self.words)], strict=True))

    def _check(self, start: int, end: int, blanks: Mapping[str, str]) -> tuple[int, list[str]]:
        """The room a line leaves for its values: its free columns plus its blanks' width."""
        margin = self.first if start == 0 else self.rest
        keys = [key for word_keys in self.keys[start:end] for key in word_keys]
        used = len(margin) + len(" ".join(self.texts[start:end]))
        return WIDTH - used + sum(len(blanks[key]) for key in keys), keys

    def _fast(self) -> str | None:
        """The lines as one format string, unless an underline sits on a line with a blank."""
        lines = []
        for start, end in self._spans():
            margin = self.first if start == 0 else self.rest
            rule = underline(len(margin), self.texts[start:end])
            if rule and any(self.keys[start:end]):
                return None
            lines += [margin + " ".join(self.words[start:end]), *([rule] if rule else [])]
        return "\n".join(lines)


def _fields(word: str) -> list[str]:
    return [name for _, name, _, _ in Formatter().parse(word) if name is not None]
