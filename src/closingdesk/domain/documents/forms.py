"""Counsel's forms as text: one editable source per document, read into typeset blocks.

Every closingdesk document that counsel owns (the agreement, the form of warrant that is its
Exhibit A, the transfer agent's DWAC letter, the notice letter) is a *form*: plain text in a
small block markup, from which the PDF and the Word file are both made. A form names each
value it prints as a ``{placeholder}``; ``{{`` and ``}}`` print a brace.

The markup: a line starting with ``@`` opens a block, its options after it (``key=value``,
quoted with ``"`` when the value has spaces, or a bare flag); the block's text is the lines
that follow, up to a blank line or the next ``@`` line. Text after a blank line with no
``@`` line before it is a plain paragraph. ``#`` at the start of a line makes it a comment.

- ``@title`` — a title line, and optionally a subtitle line under it;
- ``@heading [centered]`` — one line;
- ``@para [number=1.] [level=N] [flush] [lead="Run-in heading."]`` — a paragraph; its lines
  are joined with single spaces; ``flush``: the first line is not indented;
- ``@lines KEY [boxed]`` — a value that is a list of lines (an address, wire instructions);
- ``@fields [flush]`` — one ``Label: {key}`` per line, a value on a rule (``Label:`` alone:
  a rule left blank to write on);
- ``@signature [lead="COMPANY:"] [signer=company|purchaser]`` — the party's name on its
  first line, then ``By:``/``Name: {key}``/``Title: {key}`` rows as in ``@fields``;
- ``@pagebreak``; and where a kind allows it, ``@warrant`` (the agreement: the form of
  warrant, as Exhibit A) and ``@paragraphs`` (a letter: the paragraphs of its body).

>>> blocks = parse_form("@heading\\nNotices\\n\\n@fields\\nFax: {fax}\\nSigned:\\n", "x.txt")
>>> blocks
(Heading(text='Notices', centered=False), Fields(rows=(('Fax:', 'fax'), ('Signed:', None)), \
indent=True))
>>> print(form_source(blocks), end="")
@heading
Notices
<BLANKLINE>
@fields
Fax: {fax}
Signed:
>>> parse_form("@para\\nThe {price of it}\\n", "x.txt")
Traceback (most recent call last):
...
closingdesk.domain.documents.forms.FormError: x.txt:2: {price of it} is not a placeholder name
"""

from __future__ import annotations

import hashlib
import re
import shlex
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from string import Formatter

from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.typeset import Block
from closingdesk.domain.problems import InvalidInput

NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")
ROW = re.compile(r"(?P<label>.*?)\s*(?:\{(?P<key>[^{}]*)\})?\Z")
WIDTH = 88  # a paragraph's lines in an exported form (joined again on import)


class FormError(InvalidInput):
    """A form that cannot be read: the file and line, and what is wrong there."""


@dataclass(frozen=True)
class Insert:
    """A place where a kind's form takes a part made elsewhere (``@warrant``, ``@paragraphs``)."""

    name: str


Item = Block | Insert


def sha256(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Open:
    kind: str
    options: dict[str, str | bool]
    line: int
    body: list[tuple[int, str]]


KINDS = ("title", "heading", "para", "lines", "fields", "signature", "pagebreak")
OPTIONS: dict[str, set[str]] = {
    "title": set(),
    "heading": {"centered"},
    "para": {"number", "level", "flush", "lead"},
    "lines": {"boxed"},
    "fields": {"flush"},
    "signature": {"lead", "signer"},
    "pagebreak": set(),
}
SIGNERS = ("company", "purchaser")


def parse_form(source: str, file: str, *, inserts: Iterable[str] = ()) -> tuple[Item, ...]:
    """The blocks of a form's source; :class:`FormError` names ``file`` and the line."""
    allowed_inserts = set(inserts)
    items: list[Item] = []
    current: _Open | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            items.append(_block(current, file))
        current = None

    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("#"):
            continue
        if line.startswith("@"):
            close()
            kind, options = _directive(line, file, number)
            if kind in allowed_inserts:
                if options:
                    raise FormError(f"{file}:{number}: @{kind} takes no options")
                items.append(Insert(kind))
            elif kind in KINDS:
                _check_options(kind, options, file, number)
                current = _Open(kind, options, number, [])
            else:
                known = ", ".join(f"@{k}" for k in (*KINDS, *sorted(allowed_inserts)))
                raise FormError(f"{file}:{number}: unknown block @{kind} (known: {known})")
        elif not line.strip():
            close()
        else:
            if current is None:
                current = _Open("para", {}, number, [])
            current.body.append((number, line.strip() if current.kind == "para" else line))
    close()
    if not items:
        raise FormError(f"{file}: the form is empty")
    return tuple(items)


def _directive(line: str, file: str, number: int) -> tuple[str, dict[str, str | bool]]:
    try:
        words = shlex.split(line[1:])
    except ValueError as error:
        raise FormError(f"{file}:{number}: cannot read the options ({error})") from error
    if not words:
        raise FormError(f"{file}:{number}: a lone @ names no block")
    kind, *rest = words
    options: dict[str, str | bool] = {}
    for index, word in enumerate(rest):
        key, equals, text = word.partition("=")
        if kind == "lines" and index == 0 and not equals:
            options["key"] = key
            continue
        options[key] = text if equals else True
    return kind, options


def _check_options(kind: str, options: Mapping[str, str | bool], file: str, number: int) -> None:
    allowed = OPTIONS[kind] | ({"key"} if kind == "lines" else set())
    for key in options:
        if key not in allowed:
            known = ", ".join(sorted(OPTIONS[kind])) or "none"
            raise FormError(f"{file}:{number}: @{kind} has no option {key!r} (options: {known})")
    if kind == "lines" and not isinstance(options.get("key"), str):
        raise FormError(f"{file}:{number}: @lines needs the name of its value (@lines KEY)")
    level = options.get("level", "0")
    if kind == "para" and not (isinstance(level, str) and level.isdigit() and int(level) <= 6):
        raise FormError(f"{file}:{number}: level= is a whole number from 0 to 6")
    signer = options.get("signer", "company")
    if kind == "signature" and signer not in SIGNERS:
        raise FormError(f"{file}:{number}: signer= is one of {', '.join(SIGNERS)}")
    for key in ("number", "lead"):
        if options.get(key) is True:
            raise FormError(f"{file}:{number}: {key}= needs a value")


def _block(block: _Open, file: str) -> Block:
    lines = [text for _, text in block.body]
    where = f"{file}:{block.line}"
    for number, text in block.body:
        _placeholders(text, f"{file}:{number}")
    for key in ("number", "lead"):
        value = block.options.get(key)
        if isinstance(value, str):
            _placeholders(value, where)
    o = block.options
    match block.kind:
        case "title":
            _count(lines, 1, 2, where, "@title has a title line and may have a subtitle line")
            return t.Title(lines[0].strip(), lines[1].strip() if len(lines) > 1 else "")
        case "heading":
            _count(lines, 1, 1, where, "@heading has one line of text")
            return t.Heading(lines[0].strip(), centered=bool(o.get("centered")))
        case "para":
            _count(lines, 1, None, where, "@para has text")
            return t.Para(
                " ".join(lines),
                number=str(o.get("number", "")),
                level=int(str(o.get("level", "0"))),
                indent_first=not o.get("flush"),
                lead=str(o.get("lead", "")),
            )
        case "lines":
            _count(lines, 0, 0, where, "@lines has no text: its value gives the lines")
            key = str(o["key"])
            _placeholders("{" + key + "}", where)
            return t.Lines(key, boxed=bool(o.get("boxed")))
        case "fields":
            _count(lines, 1, None, where, "@fields has a line per field")
            return t.Fields(_rows(block.body, file), indent=not o.get("flush"))
        case "signature":
            _count(lines, 2, None, where, "@signature has the party's name, then its rows")
            return t.Signature(
                lines[0].strip(),
                _rows(block.body[1:], file),
                lead=str(o.get("lead", "")),
                signer=str(o.get("signer", "")),
            )
        case _:
            _count(lines, 0, 0, where, "@pagebreak has no text")
            return t.PageBreak()


def _count(lines: Sequence[str], least: int, most: int | None, where: str, rule: str) -> None:
    if len(lines) < least or (most is not None and len(lines) > most):
        raise FormError(f"{where}: {rule}")


def _rows(body: Sequence[tuple[int, str]], file: str) -> tuple[tuple[str, str | None], ...]:
    rows: list[tuple[str, str | None]] = []
    for number, text in body:
        match = ROW.match(text.strip())
        label, key = (match["label"], match["key"]) if match else ("", None)
        if not label or "{" in label or "}" in label:
            raise FormError(
                f"{file}:{number}: a field line is a label, then at most one {{placeholder}}"
                f" at its end: {text.strip()!r}"
            )
        if key is not None and not NAME.match(key):
            raise FormError(f"{file}:{number}: {{{key}}} is not a placeholder name")
        rows.append((label, key))
    return tuple(rows)


def _placeholders(text: str, where: str) -> list[str]:
    """The placeholders of a text; a malformed brace or a name that is not one is refused."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError as error:
        raise FormError(f"{where}: {error} (write {{{{ or }}}} for a brace)") from error
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not NAME.match(name) or spec or conversion:
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise FormError(f"{where}: {{{shown}}} is not a placeholder name")
        names.append(name)
    return names


# -- checking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormRules:
    """What one kind's form may and must contain."""

    placeholders: frozenset[str]  # every value the document can fill
    lines: frozenset[str]  # the values that are lists of lines (for @lines)
    required: tuple[str, ...]  # placeholders the form must print somewhere
    inserts: tuple[str, ...] = ()  # @warrant, @paragraphs: each must appear exactly once
    signers: tuple[str, ...] = ()  # signature blocks the document completes when signed


def placeholders_of(item: Item) -> Iterator[str]:
    """Every placeholder a block names, with its own key for @lines and fields."""
    texts: list[str] = []
    match item:
        case t.Title(text, subtitle):
            texts = [text, subtitle]
        case t.Heading(text):
            texts = [text]
        case t.Para(text, number, lead=lead):
            texts = [text, number, lead]
        case t.Lines(key):
            yield key
        case t.Fields(rows):
            texts = [label for label, _ in rows]
            yield from (key for _, key in rows if key)
        case t.Signature(party, rows, lead):
            texts = [party, lead, *(label for label, _ in rows)]
            yield from (key for _, key in rows if key)
    for text in texts:
        yield from (name for _, name, _, _ in Formatter().parse(text) if name)


def check_form(source: str, file: str, rules: FormRules) -> tuple[Item, ...]:
    """The form's blocks, once every placeholder is known and every required one is there."""
    items = parse_form(source, file, inserts=rules.inserts)
    used: set[str] = set()
    for item in items:
        for name in placeholders_of(item):
            if name not in rules.placeholders:
                raise FormError(
                    f"{file}:{_line_of(source, name)}: unknown placeholder {{{name}}}"
                    f" (known: {', '.join(sorted(rules.placeholders))})"
                )
            if isinstance(item, t.Lines) != (name in rules.lines):
                need = "@lines" if name in rules.lines else "text or a field"
                raise FormError(f"{file}:{_line_of(source, name)}: {{{name}}} belongs in {need}")
            used.add(name)
    missing = [name for name in rules.required if name not in used]
    if missing:
        names = ", ".join("{" + name + "}" for name in missing)
        raise FormError(f"{file}: the form leaves out required placeholders: {names}")
    for name in rules.inserts:
        count = sum(1 for item in items if item == Insert(name))
        if count != 1:
            raise FormError(f"{file}: @{name} must appear exactly once (found {count})")
    signers = [item.signer for item in items if isinstance(item, t.Signature) and item.signer]
    for signer in rules.signers:
        if signers.count(signer) != 1:
            raise FormError(
                f"{file}: the form needs exactly one @signature signer={signer}"
                f" (found {signers.count(signer)})"
            )
    return items


def _line_of(source: str, name: str) -> int:
    pattern = re.compile(r"(?<!\{)\{" + re.escape(name) + r"\}|^@lines\s+" + re.escape(name))
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.startswith("#") and pattern.search(line):
            return number
    return 1


def expand(
    items: Sequence[Item], parts: Mapping[str, Callable[[], Sequence[Block]]]
) -> list[Block]:
    """The form's blocks with each ``@insert`` replaced by its part."""
    out: list[Block] = []
    for item in items:
        out += list(parts[item.name]()) if isinstance(item, Insert) else [item]
    return out


# -- writing -------------------------------------------------------------------------------


def form_source(items: Sequence[Item], *, header: str = "") -> str:
    """The markup of ``items``: :func:`parse_form` reads it back into the same blocks."""
    chunks = [_comment(header)] if header else []
    chunks += [_source(item) for item in items]
    return "\n\n".join(chunks) + "\n"


def _comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines())


def _option(key: str, value: str) -> str:
    """``key=value``, the value in double quotes when it has a space or a quote."""
    if value and not re.search(r"[\s\"'\\]", value):
        return f"{key}={value}"
    return f'{key}="' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _source(item: Item) -> str:
    match item:
        case Insert(name):
            return f"@{name}"
        case t.Title(text, subtitle):
            return "\n".join(["@title", text, *([subtitle] if subtitle else [])])
        case t.Heading(text, centered):
            return f"@heading{' centered' if centered else ''}\n{text}"
        case t.Para(text, number, level, indent_first, lead):
            options = [
                *([_option("number", number)] if number else []),
                *([f"level={level}"] if level else []),
                *([] if indent_first else ["flush"]),
                *([_option("lead", lead)] if lead else []),
            ]
            wrapped = textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False)
            return "\n".join([" ".join(["@para", *options]), *wrapped])
        case t.Lines(key, boxed):
            return f"@lines {key}{' boxed' if boxed else ''}"
        case t.Fields(rows, indent):
            return "\n".join([f"@fields{'' if indent else ' flush'}", *_row_lines(rows)])
        case t.Signature(party, rows, lead, signer):
            options = [
                *([_option("lead", lead)] if lead else []),
                *([f"signer={signer}"] if signer else []),
            ]
            return "\n".join([" ".join(["@signature", *options]), party, *_row_lines(rows)])
        case _:
            return "@pagebreak"


def _row_lines(rows: Sequence[tuple[str, str | None]]) -> list[str]:
    return [f"{label} {{{key}}}" if key else label for label, key in rows]
