"""Safe names for the files in a binder ZIP: relative, ASCII, lower case, and unique.

A name given by the caller may hold anything a title holds ("Société Générale", "../x",
"C:\\evil"). In the ZIP every folder and file name becomes an ASCII slug, ``..``, ``.`` and
absolute roots are dropped, and a name already taken (compared without case, as Windows and
macOS do) gets ``-2``, ``-3``... before its extension, so no two originals overwrite each
other when the ZIP is unpacked.

>>> safe_paths(["executed-agreements/0001-Société Générale.pdf", "../../etc/passwd",
...             "warrants/Müller.pdf", "warrants/MULLER.pdf", "binder.pdf"])
['executed-agreements/0001-societe-generale.pdf', 'etc/passwd', 'warrants/muller.pdf', \
'warrants/muller-2.pdf', 'binder-2.pdf']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

LONGEST = 100  # characters in one folder or file name
SPELLED = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o",
                         "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH",
                         "ı": "i"})  # fmt: skip
UNSAFE = re.compile(r"[^a-z0-9._-]+")
EXTENSION = re.compile(r"\.[a-z0-9]{1,8}$")
DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
           *(f"lpt{i}" for i in range(10))}  # fmt: skip


def safe_paths(paths: Iterable[str], *, taken: Iterable[str] = ("binder.pdf",)) -> list[str]:
    """Each path made safe, in order; none equals another or one in ``taken``."""
    used = {name.lower() for name in taken}
    out = []
    for path in paths:
        name = _unique(safe_path(path), used)
        used.add(name)
        out.append(name)
    return out


def safe_path(path: str) -> str:
    parts = [p for p in re.split(r"[\\/]+", path) if p not in ("", ".", "..")]
    if parts and re.fullmatch(r"[A-Za-z]:", parts[0]):  # a Windows drive
        parts = parts[1:]
    if not parts:
        return _slug(path)
    return "/".join([*(_slug(p) for p in parts[:-1]), _file_name(parts[-1])])


def _file_name(name: str) -> str:
    """The stem made a slug and the extension kept, as long as it is a short ASCII one."""
    stem, dot, extension = name.rpartition(".")
    if not (dot and stem.strip(".") and EXTENSION.fullmatch("." + extension.lower())):
        return _slug(name)
    return f"{_slug(stem)}.{extension.lower()}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(SPELLED))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = UNSAFE.sub("-", ascii_text).strip("-.")[:LONGEST].strip("-.")
    if not slug:  # nothing Latin in it (a name in another script): a stable stand-in
        slug = "x-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return slug + "-" if slug.split(".")[0] in DEVICES else slug


def _unique(path: str, used: set[str]) -> str:
    if path.lower() not in used:
        return path
    folder, _, name = path.rpartition("/")
    found = EXTENSION.search(name)
    stem, extension = (name[: found.start()], found.group()) if found else (name, "")
    prefix = f"{folder}/" if folder else ""
    number = 2
    while True:
        candidate = f"{prefix}{stem}-{number}{extension}"
        if candidate.lower() not in used:
            return candidate
        number += 1
