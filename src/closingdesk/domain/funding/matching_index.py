"""The blocking index: which few purchasers a name in a wire could possibly be.

Comparing each credit with every purchaser is far too slow for 100,000 purchasers and a
million credits, so each purchaser's normalised name is indexed under its *keys*: its rare
words and its pairs of neighbouring words. Words that say nothing about who is who (fund,
capital, partners, the...) and keys shared by many purchasers are not keys. A text then
needs a fuzzy comparison only with the purchasers that share one of its keys.

>>> index = NameIndex({1: "alpha fund", 2: "beta capital partners", 3: "alpha beta"})
>>> index.candidates("payment from alpha fund")
{1: 'alpha fund', 3: 'alpha beta'}
>>> list(index.candidates("payment from beta alpha"))
[3, 2, 1]
>>> sorted(index.candidates("the capital partners"))
[]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import islice, pairwise

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
        postings: defaultdict[str, dict[int, str]] = defaultdict(dict)
        for purchaser_id, name in names.items():
            for key in keys_of(name.split()):
                postings[key][purchaser_id] = name
        self._postings = {k: v for k, v in postings.items() if len(v) <= MAX_POSTINGS}
        # every word of a name, rare or not: a text's other words are no part of any key
        self._words = frozenset(k for k in postings if " " not in k)

    def candidates(self, text: str) -> dict[int, str]:
        """The purchasers (and their names) sharing the rarest keys with ``text`` (normalised).

        A name's own pair of words is rarer than any of its words alone, so its holder comes
        first, before the many namesakes of one of its words.
        """
        words = [t for t in text.split() if t in self._words]
        if not words:
            return {}
        postings = self._postings
        hits = [ids for key in words + _pairs(words) if (ids := postings.get(key))]
        if len(hits) > 1:
            hits.sort(key=len)
        found: dict[int, str] = {}
        for ids in hits:
            found.update(ids)
            if len(found) >= MAX_CANDIDATES:
                return dict(islice(found.items(), MAX_CANDIDATES))
        return found


def keys_of(tokens: Iterable[str]) -> list[str]:
    """A name's words that may tell it apart, and each pair of neighbouring ones."""
    words = [t for t in tokens if t not in COMMON_WORDS and len(t) > 1]
    return words + _pairs(words)


def _pairs(words: list[str]) -> list[str]:
    return [f"{a} {b}" if a < b else f"{b} {a}" for a, b in pairwise(words)]
