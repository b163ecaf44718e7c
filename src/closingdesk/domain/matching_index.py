"""The blocking index: which few purchasers a name in a wire could possibly be.

Comparing each credit with every purchaser is far too slow for 100,000 purchasers and a
million credits, so each purchaser's normalised name is indexed under its *keys*: its rare
words and its pairs of neighbouring words. Words that say nothing about who is who (fund,
capital, partners, the...) and keys shared by many purchasers are not keys. A text then
needs a fuzzy comparison only with the purchasers that share one of its keys.

>>> index = NameIndex({1: "alpha fund", 2: "beta capital partners", 3: "alpha beta"})
>>> index.candidates("payment from alpha fund")
[1, 3]
>>> index.candidates("payment from beta alpha")
[3, 2, 1]
>>> sorted(index.candidates("the capital partners"))
[]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import pairwise

_COMMON = """the and of for a an fund funds capital partners partner management holdings
holding investments investment investors advisors advisers group trust master offshore
onshore ventures opportunity opportunities global international asset assets equity
strategies strategic value growth income family office foundation bank securities llc lp
inc ltd limited series account accounts i ii iii iv mr mrs ms dr"""
COMMON_WORDS = frozenset(_COMMON.split())
MAX_POSTINGS = 16  # a key shared by more purchasers than this tells nobody apart
MAX_CANDIDATES = 8  # enough to find a misspelt name; few enough to score quickly


class NameIndex:
    def __init__(self, names: Mapping[int, str]) -> None:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for purchaser_id, name in names.items():
            for key in dict.fromkeys(keys_of(name.split())):
                postings[key].append(purchaser_id)
        self._postings = {k: tuple(v) for k, v in postings.items() if len(v) <= MAX_POSTINGS}
        self._words = frozenset(k for k in postings if " " not in k)  # rare or not

    def candidates(self, text: str) -> list[int]:
        """The purchasers sharing the rarest keys with ``text`` (normalised), rarest first.

        A name's own pair of words is rarer than any of its words alone, so its holder comes
        before the many namesakes of one of its words.
        """
        words = [t for t in text.split() if t in self._words]
        if not words:
            return []
        postings = self._postings
        hits = sorted((ids for key in keys_of(words) if (ids := postings.get(key))), key=len)
        found: dict[int, None] = {}
        for ids in hits:
            found.update(dict.fromkeys(ids))
            if len(found) >= MAX_CANDIDATES:
                break
        return list(found)[:MAX_CANDIDATES]


def keys_of(tokens: Iterable[str]) -> list[str]:
    """A name's words that may tell it apart, and each pair of neighbouring ones."""
    words = [t for t in tokens if t not in COMMON_WORDS and len(t) > 1]
    return words + [f"{a} {b}" if a < b else f"{b} {a}" for a, b in pairwise(words)]
