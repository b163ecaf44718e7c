"""Matching: which purchaser a credit to the offering's account comes from.

A person matching wires looks for the purchaser's payment reference in the remittance text
(the strongest evidence), the purchaser's name there or as the originator (spelt loosely),
and the amount (the exact Purchase Price). The :class:`Matcher` does the same, and matches
automatically only when the evidence points at one purchaser alone; otherwise it offers the
candidates, best first, each with its score (0 to 100) and its reasons.

>>> book = [ExpectedPayment(1, "Alpha Fund, L.P.", "NEOTHERA-00001", Decimal("500.00"), "USD"),
...         ExpectedPayment(2, "Beta Capital LLC", "NEOTHERA-00002", Decimal("700.00"), "USD")]
>>> matcher = Matcher(book, slug="neotherapeutics-2002")
>>> matcher.suggest(Credit(7, Decimal("500.00"), "USD", "ALPHA FUND LP", "")).matched
1
>>> matcher.suggest(Credit(8, Decimal("1.00"), "USD", None, "ref neothera 2")).matched
2
>>> suggestion = matcher.suggest(Credit(9, Decimal("700.00"), "USD", "J SMITH", "SUBSCRIPTION"))
>>> suggestion.matched, suggestion.candidates[0].reasons
(None, ('amount is the exact purchase price',))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from closingdesk.domain.funding.matching_evidence import (
    NAME_FLOOR,
    STRONG_NAME,
    Evidence,
    decide,
    reasons,
    weigh,
)
from closingdesk.domain.funding.matching_index import NameIndex
from closingdesk.domain.funding.matching_names import (
    names_in,
    names_like,
    normalised_name,
    normalised_text,
    truncated_fit,
    truncated_words,
)
from closingdesk.domain.funding.payment_reference import references_in

SHOWN = 5  # candidates offered for a person to choose from
FEW_AT_A_PRICE = 5  # an amount alone suggests its purchasers only when so few share it
_NOBODY: frozenset[int] = frozenset()
_Scorer = Callable[..., dict[int, int]]


@dataclass(frozen=True, slots=True)
class ExpectedPayment:
    purchaser_id: int
    name: str
    reference: str  # the payment reference the purchaser was asked to quote
    amount: Decimal  # the Purchase Price
    currency: str


@dataclass(frozen=True, slots=True)
class Credit:
    txn_id: int
    amount: Decimal
    currency: str
    originator: str | None
    remittance: str


@dataclass(frozen=True, slots=True)
class Candidate:
    purchaser_id: int
    score: int  # 0..100
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    txn_id: int
    matched: int | None  # the purchaser, when the evidence names one alone
    candidates: tuple[Candidate, ...]  # best first, at most SHOWN
    short_of: int | None = None  # a clear name alone, paid less than their price


class Matcher:
    """Indexes the expected payments once, then suggests a purchaser for each credit."""

    def __init__(self, expected: Sequence[ExpectedPayment], *, slug: str) -> None:
        self._slug = slug
        self._expected = {e.purchaser_id: e for e in expected}
        self._names = {e.purchaser_id: normalised_name(e.name) for e in expected}
        self._by_name: defaultdict[str, list[int]] = defaultdict(list)
        by_price: defaultdict[tuple[Decimal, str], set[int]] = defaultdict(set)
        for e in expected:
            self._by_name[self._names[e.purchaser_id]].append(e.purchaser_id)
            by_price[(e.amount, e.currency)].add(e.purchaser_id)
        self._by_price = {price: frozenset(ids) for price, ids in by_price.items()}
        self._index = NameIndex(self._names)

    def expected(self, purchaser_id: int) -> ExpectedPayment:
        return self._expected[purchaser_id]

    def named_by(self, originator_as_written: str) -> dict[int, int]:
        """The purchasers an originator names (score at least NAME_FLOOR), with the score."""
        originator = normalised_name(originator_as_written)
        by_originator = dict.fromkeys(self._by_name.get(originator, ()), 100)
        pool = self._index.candidates(originator)
        by_originator.update(_scores(names_like, originator, pool))
        words = truncated_words(originator_as_written)
        for pid, name in pool.items() if words is not None else ():
            cut = truncated_fit(words, name)
            if cut > by_originator.get(pid, 0):
                by_originator[pid] = cut
        return by_originator

    def suggest(self, credit: Credit) -> Suggestion:
        remittance = normalised_text(credit.remittance)
        references = references_in(credit.remittance, self._slug) & self._expected.keys()
        at_price = self._by_price.get((credit.amount, credit.currency), _NOBODY)
        by_originator = self.named_by(credit.originator or "")
        in_remittance = _scores(names_in, remittance, self._index.candidates(remittance))
        evidence = [
            weigh(
                pid,
                by_reference=pid in references,
                by_originator=by_originator.get(pid, 0),
                in_remittance=in_remittance.get(pid, 0),
                amount=pid in at_price,
                sharing_price=len(at_price),
            )
            for pid in {
                *references,
                *by_originator,
                *in_remittance,
                *(at_price if len(at_price) <= FEW_AT_A_PRICE else ()),
            }
        ]
        if not evidence:
            return Suggestion(credit.txn_id, None, ())
        evidence.sort(key=_best_first)
        matched = decide(evidence)
        if matched is not None:  # shown first, even among namesakes as strong as it
            evidence.sort(key=lambda e: e.purchaser_id != matched)
        return Suggestion(
            txn_id=credit.txn_id,
            matched=matched,
            candidates=tuple(self._candidate(e, credit) for e in evidence[:SHOWN]),
            short_of=None if matched is not None else self._short_of(evidence, credit),
        )

    def _short_of(self, evidence: list[Evidence], credit: Credit) -> int | None:
        """The purchaser a clear name alone names, when the credit is less than their price."""
        named = [e for e in evidence if e.name >= STRONG_NAME]
        if len(named) != 1 or named[0].by_reference:
            return None
        expected = self._expected[named[0].purchaser_id]
        paid_less = credit.currency == expected.currency and credit.amount < expected.amount
        return expected.purchaser_id if paid_less else None

    def _candidate(self, evidence: Evidence, credit: Credit) -> Candidate:
        expected = self._expected[evidence.purchaser_id]
        return Candidate(expected.purchaser_id, evidence.score, reasons(evidence, credit, expected))


def _scores(scorer: _Scorer, text: str, pool: dict[int, str]) -> dict[int, int]:
    if not text or not pool:
        return {}
    ids = list(pool)
    return {
        ids[i]: score for i, score in scorer(text, list(pool.values()), floor=NAME_FLOOR).items()
    }


def _best_first(e: Evidence) -> tuple[int, bool, int, int]:
    """Highest score first; among equals, who was paid their price, then the better name."""
    return (-e.score, not e.amount, -e.name, e.purchaser_id)
