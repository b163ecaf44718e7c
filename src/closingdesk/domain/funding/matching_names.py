"""Party names as compared when matching wires: what is left once the noise is gone.

A bank writes "ALPHA FUND LP" where the book says "Alpha Fund, L.P."; a name is compared
in lower case, without accents or punctuation, without a leading "the" and without the
legal form at its end (LLC, L.P., Inc., Ltd., GmbH...), and with the words banks
abbreviate written one way (FD and FUND, PTNRS and PARTNERS, INTL, MGMT, CAP, TR, & and
AND...). Banks also cut a name at 35 characters (SWIFT's line width), so a long originator
that is the beginning of a name, word for word (the last word possibly cut), names it.
Scores are rapidfuzz's, 0 to 100.

>>> normalised_name("EXTREMELY LONG NAMED BIOTECH MASTER FD LTD")
'extremely long named biotech master fund'
>>> normalised_name("Smith & Jones Intl Cap Mgmt Ptnrs")
'smith and jones international capital management partners'
>>> cut = "EXTREMELY LONG NAMED BIOTECH MASTE"
>>> truncation_score(cut, "extremely long named biotech master fund")
95

>>> normalised_name("The Alpha Fund, L.P.")
'alpha fund'
>>> normalised_name("ALPHA FUND L P")
'alpha fund'
>>> normalised_name("Zürich Life Sciences GmbH & Co. KG")
'zurich life sciences'
>>> normalised_name("Παπαδόπουλος Ventures")
'παπαδοπουλοσ ventures'
>>> name_score("ALPHA FUND LP", "Alpha Fund, L.P.")
100
>>> remittance_score("WIRE FOR ALPHA FUND, L.P. PURCHASE", "alpha fund")
100
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

_FORMS = """llc lp llp lllp pllc inc incorporated corp corporation co company ltd limited plc
gmbh mbh ag kg kgaa sa sas sarl srl spa bv nv ab asa oy oyj pty pte lda"""
LEGAL_FORMS = frozenset(_FORMS.split())
_ASCII = str.maketrans(
    {c: " " for c in string.punctuation}
    | {c: "" for c in ".'’`"}  # "L.P." is "lp", "O'Brien" is "obrien"
    | {"&": " and "}
)
_TRAILING = LEGAL_FORMS | {"and"}  # "& Co. KG" ends a name as a whole
_SAME_WORD = {
    "fd": "fund",
    "fds": "funds",
    "ptnrs": "partners",
    "prtnrs": "partners",
    "ptnr": "partner",
    "partnrs": "partners",
    "intl": "international",
    "int'l": "international",
    "mgmt": "management",
    "mgt": "management",
    "mngmt": "management",
    "cap": "capital",
    "tr": "trust",
    "tst": "trust",
    "assoc": "associates",
    "assocs": "associates",
    "invs": "investments",
    "invts": "investments",
    "hldgs": "holdings",
    "hldg": "holding",
    "grp": "group",
    "svcs": "services",
    "natl": "national",
    "advs": "advisors",
    "mstr": "master",
    "opp": "opportunity",
    "opps": "opportunities",
}
TRUNCATED_AT = 30  # an originator this long may have been cut at 35 characters
TRUNCATED_SCORE = 95
_NOT_WORD = re.compile(r"[\W_]+")
_SHORTEST_FUZZY = 8  # shorter names are found in a remittance only word for word


@lru_cache(maxsize=65536)  # a bank file repeats its payers' names
def normalised_name(name: str) -> str:
    tokens = [_SAME_WORD.get(t, t) for t in _tokens(name)]
    while tokens:
        letters = _trailing_letters(tokens)
        if tokens[-1] in _TRAILING:
            tokens.pop()
        elif len(letters) > 1 and "".join(letters) in LEGAL_FORMS:  # "L P", "L L C"
            del tokens[-len(letters) :]
        else:
            break
    if tokens and tokens[0] == "the":
        tokens.pop(0)
    return " ".join(tokens)


def _trailing_letters(tokens: list[str]) -> list[str]:
    count = 0
    while count < min(len(tokens), 4) and len(tokens[-1 - count]) == 1:
        count += 1
    return tokens[len(tokens) - count :]


def normalised_text(text: str) -> str:
    """Free text (a remittance) with every legal form dropped, wherever it stands."""
    return " ".join(_SAME_WORD.get(t, t) for t in _tokens(text) if t not in LEGAL_FORMS)


def truncation_score(originator: str, name: str) -> int:
    """95 when ``originator`` (as written) is long enough to have been cut and is the
    beginning of ``name`` (normalised) word for word, its last word possibly cut; else 0."""
    return truncated_fit(truncated_words(originator), name)


def truncated_words(originator: str) -> list[str] | None:
    """The words of an originator that may have been cut (None: too short to have been),
    worked out once for all the names it is compared with."""
    if len(originator.strip()) < TRUNCATED_AT:
        return None
    words = [_SAME_WORD.get(t, t) for t in _tokens(originator)]
    return words if len(words) >= 2 else None


def truncated_fit(words: list[str] | None, name: str) -> int:
    if words is None:
        return 0
    names = name.split()
    if len(words) > len(names):
        return 0
    whole, last = words[:-1], words[-1]
    fits = names[: len(whole)] == whole and names[len(whole)].startswith(last)
    return TRUNCATED_SCORE if fits else 0


def name_score(originator: str, name: str) -> int:
    """How alike two names are, word order aside; both are normalised here."""
    scores = names_like(normalised_name(originator), [normalised_name(name)])
    return scores.get(0, 0)


def remittance_score(remittance: str, name: str) -> int:
    """How well free text names someone (``name`` already normalised)."""
    return names_in(normalised_text(remittance), [name]).get(0, 0)


def names_like(originator: str, names: Sequence[str], *, floor: int = 0) -> dict[int, int]:
    """The score of each of ``names`` (normalised) like ``originator``, by position.

    Names scoring below ``floor`` are left out.
    """
    if not originator or not names:
        return {}
    found = process.extract(
        originator, names, scorer=fuzz.token_sort_ratio, score_cutoff=floor, limit=None
    )
    return {i: round(score) for _, score, i in found}


def names_in(text: str, names: Sequence[str], *, floor: int = 0) -> dict[int, int]:
    """How well the normalised ``text`` names each of ``names``, by position.

    A name is found anywhere in the text, spelt loosely; a short name only as whole words.
    """
    if not text or not names:
        return {}
    found = process.extract(text, names, scorer=fuzz.partial_ratio, score_cutoff=floor, limit=None)
    padded = f" {text} "
    return {
        i: round(score)
        for name, score, i in found
        if len(name) >= _SHORTEST_FUZZY or f" {name} " in padded
    }


def _tokens(text: str) -> list[str]:
    folded = text.casefold()
    if folded.isascii():
        return folded.translate(_ASCII).split()
    decomposed = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", folded.translate(_ASCII)).split()
