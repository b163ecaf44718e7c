"""Importing a bank file: the offering account's transactions stored once, credits matched.

The file is read and checked whole before anything is written (a refused file changes
nothing). Transactions of other accounts in the file are counted and skipped; a
transaction already stored (the same file again, or an intraday report followed by the
day's statement) is recognised by its identity keys (:mod:`closingdesk.domain.funding.bank`) and
skipped; entries of one file are never merged. New credits go to
the matcher: an unambiguous match is made at once, otherwise its candidates are kept for a
person to decide. A debit that returns an earlier credit is linked to it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Engine

from closingdesk.adapters.bank import read_bank_file
from closingdesk.adapters.store.funding_repository import (
    NewTransaction,
    StoredCandidate,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.funding.bank import (
    BankTransaction,
    is_offering_account,
    offering_account_keys,
)
from closingdesk.domain.funding.matching import (
    Candidate,
    Credit,
    ExpectedPayment,
    Matcher,
    Suggestion,
)
from closingdesk.domain.funding.matching_evidence import SHORT_REASON
from closingdesk.domain.funding.matching_splits import Split, find_splits
from closingdesk.domain.funding.payments import Wire
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms import WireInstructions
from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.bulk import collector_paused
from closingdesk.services.clock import stamp
from closingdesk.services.funding.bank_returns import link_returns
from closingdesk.services.funding.funding_state import (
    apply_funded,
    expected_payments,
    refresh_funded,
)


@dataclass(frozen=True)
class BankImport:
    offering: Offering
    source: str
    format: str
    file_id: int
    added: int
    already_imported: int
    matched: int
    to_review: int
    skipped_accounts: dict[str, int]
    funded: tuple[int, ...]
    warnings: tuple[Problem, ...]


@collector_paused()  # a large file builds millions of objects the collector would walk
def import_bank_file(
    engine: Engine,
    path: Path,
    *,
    offering: str | None,
    actor: str,
    now: datetime,
    format: str = "auto",
    accept_bad_totals: bool = False,
    source: str | None = None,
    decimal: str | None = None,
) -> BankImport:
    name = source or str(path)
    content = path.read_bytes()
    with UnitOfWork(engine, read_only=True) as uow:
        terms = resolve_offering(uow, offering).terms
    ours = offering_account_keys(terms.wire)
    # Parsed before the write transaction opens: a large file must not hold the lock.
    parsed = read_bank_file(
        content,
        source=name,
        format=format,
        accept_bad_totals=accept_bad_totals,
        default_account=terms.wire.ffc_account,
        decimal=decimal,
        keep_account=lambda account: is_offering_account(account, ours),
    )
    accounts = {a: is_offering_account(a, ours) for a in parsed.accounts()}
    if accounts and not any(accounts.values()):
        _refuse_others(name, list(accounts), terms.wire)
    mine = [t for t in parsed.transactions if accounts[t.account]]
    skipped = Counter(t.account for t in parsed.transactions if not accounts[t.account])
    skipped.update(dict(parsed.skipped))
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = uow.funding
        store.lock_imports(found.id)
        fresh, repeated = _new_only(mine, store.identity_keys(found.id))
        at = stamp(now)
        purchasers = uow.purchasers.list(found.id)
        expected = expected_payments(found, purchasers)
        new = _matched(found, expected, fresh)
        concerned = {n.purchaser_id for n in new if n.purchaser_id is not None}
        before = store.wires(found.id, concerned)  # what these purchasers had already
        summary: dict[str, Any] = {
            "transactions": len(parsed.transactions) + sum(n for _, n in parsed.skipped),
            "added": len(new),
            "already_imported": repeated,
            "skipped_accounts": dict(skipped),
            "warnings": [str(w) for w in parsed.warnings],
        }
        file_id = store.add_file(
            offering_id=found.id,
            source=name,
            format=parsed.format,
            sha256=hashlib.sha256(content).hexdigest(),
            imported_at=at,
            imported_by=actor,
            summary=summary,
        )
        ids = store.add_transactions(offering_id=found.id, file_id=file_id, new=new, matched_at=at)
        reversing = [i for i, n in zip(ids, new, strict=True) if _is_return(n.bank)]
        returns = link_returns(store, found.id, reversing_ids=reversing)
        if returns:  # a return may take money from anyone: look at everyone again
            gained, lost = refresh_funded(uow, found)
        else:
            theirs = [p for p in purchasers if p.id in concerned]
            owed = [e for e in expected if e.purchaser_id in concerned]
            wires = [*before, *_wires(ids, new)]
            gained, lost = apply_funded(uow, found, theirs, wires, owed)
        matched = [(i, n.purchaser_id) for i, n in zip(ids, new, strict=True) if n.purchaser_id]
        payload = {
            **summary,
            "file_id": file_id,
            "source": name,
            "format": parsed.format,
            "sha256": hashlib.sha256(content).hexdigest(),
            "matched": [list(pair) for pair in matched],
            # each new transaction's id, direction and exact amount: what `audit verify`
            # replays the bank_transactions table from
            "transactions": [
                [i, n.bank.direction, str(n.bank.amount)] for i, n in zip(ids, new, strict=True)
            ],
            "returns": [list(pair) for pair in returns],
            "funded": gained,
            "no_longer_funded": lost,
        }
        uow.events.append(
            at=at, actor=actor, entries=[("bank.imported", f"offering:{found.id}", payload)]
        )
        uow.commit()
    to_review = sum(1 for n in new if n.bank.direction == "credit" and n.purchaser_id is None)
    return BankImport(
        offering=found,
        source=name,
        format=parsed.format,
        file_id=file_id,
        added=len(new),
        already_imported=repeated,
        matched=len(matched),
        to_review=to_review,
        skipped_accounts=dict(skipped),
        funded=tuple(gained),
        warnings=parsed.warnings,
    )


def _refuse_others(source: str, accounts: list[str], wire: WireInstructions) -> NoReturn:
    ours = ", ".join(a for a in (wire.ffc_account, wire.fbo_account) if a)
    what = (
        f"none of the accounts in the file ({', '.join(accounts)}) is the offering's "
        f"({ours}); nothing was imported"
    )
    raise InvalidInput(
        f"{source} holds no transaction of the offering's account", [Problem(source, what)]
    )


def _is_return(txn: BankTransaction) -> bool:
    return txn.direction == "debit" and txn.reversal


def _new_only(
    transactions: list[BankTransaction], known: dict[str, list[int]]
) -> tuple[list[BankTransaction], int]:
    """The transactions not stored yet, and how many were.

    An entry is one already stored when a stored transaction shares one of its identity
    keys; each stored transaction stands for one entry of this file at most, and entries
    of this file are never compared with each other: a file's entries are all real.
    """
    taken: set[int] = set()
    fresh: list[BankTransaction] = []
    for txn in transactions:
        earlier = next(
            (i for key in txn.identity_keys() for i in known.get(key, ()) if i not in taken),
            None,
        )
        if earlier is None:
            fresh.append(txn)
        else:
            taken.add(earlier)
    return fresh, len(transactions) - len(fresh)


def _wires(ids: list[int], new: list[NewTransaction]) -> list[Wire]:
    """The new transactions as funding sees them."""
    return [
        Wire(
            i,
            n.bank.direction,
            n.bank.amount,
            n.bank.currency,
            n.bank.value_date,
            n.bank.value_time,
            n.bank.originator,
            n.purchaser_id,
        )
        for i, n in zip(ids, new, strict=True)
        if n.purchaser_id is not None
    ]


def _matched(
    offering: Offering, expected: list[ExpectedPayment], fresh: list[BankTransaction]
) -> list[NewTransaction]:
    credits = [t for t in fresh if t.direction == "credit" and not t.reversal]
    if not credits:
        return [NewTransaction(t) for t in fresh]
    matcher = Matcher(expected, slug=offering.slug)
    new: list[NewTransaction] = []
    waiting: list[Credit] = []  # credits matched to nobody: parts of a split payment?
    for number, txn in enumerate(fresh):
        if txn.direction != "credit" or txn.reversal:
            new.append(NewTransaction(txn))
            continue
        credit = Credit(number, txn.amount, txn.currency, txn.originator, txn.remittance)
        suggestion = matcher.suggest(credit)
        candidates = tuple(
            StoredCandidate(c.purchaser_id, c.score, _shortfall(c, suggestion))
            for c in suggestion.candidates
        )
        note = _note(suggestion.matched, candidates)
        new.append(NewTransaction(txn, suggestion.matched, note, candidates))
        if suggestion.matched is None and txn.originator:
            waiting.append(credit)
    return _with_splits(new, find_splits(waiting, matcher), matcher) if waiting else new


def _shortfall(candidate: Candidate, suggestion: Suggestion) -> tuple[str, ...]:
    if candidate.purchaser_id != suggestion.short_of:
        return candidate.reasons
    return (*candidate.reasons, SHORT_REASON)


def _with_splits(
    new: list[NewTransaction], splits: list[Split], matcher: Matcher
) -> list[NewTransaction]:
    """Each split offered on its wires; matched when it is the only one and named strongly
    (and its purchaser is matched to nothing else in this file)."""
    taken = {n.purchaser_id for n in new if n.purchaser_id is not None}
    for split in splits:
        price = matcher.expected(split.purchaser_id)
        reason = split.reason(price.amount, price.currency)
        automatic = split.automatic and split.purchaser_id not in taken
        for number in split.credits:
            item = new[number]
            offered = StoredCandidate(split.purchaser_id, split.name, (reason,))
            others = tuple(c for c in item.candidates if c.purchaser_id != split.purchaser_id)
            candidates = (offered, *others)
            if automatic:
                new[number] = replace(
                    item, purchaser_id=split.purchaser_id, match_note=reason, candidates=candidates
                )
            else:
                new[number] = replace(item, candidates=candidates)
    return new


def _note(matched: int | None, candidates: tuple[StoredCandidate, ...]) -> str | None:
    if matched is None:
        return None
    reasons = next((c.reasons for c in candidates if c.purchaser_id == matched), ())
    return "; ".join(reasons) or "matched automatically"
