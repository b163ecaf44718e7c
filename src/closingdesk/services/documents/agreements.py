"""Drafting agreements from the form: one per purchaser, stored, versioned, evented."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.checklist import is_signed
from closingdesk.domain.documents.agreement_readiness import agreement_data, missing_for_agreement
from closingdesk.domain.documents.agreement_text import AgreementData, parse_agreement, render_blank
from closingdesk.domain.documents.forms_catalog import AGREEMENT, WARRANT, AgreementForms, built_in
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.problems import InvalidInput, NotFound, Problem
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.documents.agreement_formats import (
    FORMATS,
    VERSIONED,
    refuse_text_of_imported,
    render_agreement_file,
)
from closingdesk.services.documents.forms import current_form, current_forms, signed_forms, uses_of

__all__ = ["FORMATS", "DraftedAgreement", "agreement_data", "draft_agreements"]


@dataclass(frozen=True)
class DraftedAgreement:
    purchaser_id: int
    purchaser_name: str
    file_name: str
    content: bytes
    sha256: str
    version: int
    changed: bool  # False when the same bytes were already stored
    missing: tuple[str, ...]  # blanks left because the purchaser's data is incomplete


def draft_agreements(
    engine: Engine,
    *,
    offering: str | None,
    purchaser_id: int | None = None,
    fmt: str = "txt",
    actor: str,
    now: datetime,
) -> tuple[Offering, list[DraftedAgreement]]:
    """Draft every purchaser's agreement (or one's) in one format, each format its own
    document; a new version only when the bytes changed. The forms in use make it; a
    signed purchaser's agreement in a new format is made from the forms they signed."""
    if fmt not in FORMATS:
        raise InvalidInput(f"format {fmt!r} is not supported; use one of {', '.join(FORMATS)}")
    at = stamp(now)
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        purchasers = uow.purchasers.list(found.id, purchaser_id=purchaser_id)
        if purchaser_id is not None and not purchasers:
            raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
        latest = uow.documents.latest(found.id, kind="agreement", fmt=fmt)
        supplement = _supplement(uow, found.id)
        # a signed agreement is binding: its version stays, whatever the renderer does now
        open_ones = [p for p in purchasers if not (is_signed(p.checklist) and p.id in latest)]
        forms = _forms_for(uow, found.id, open_ones, at=at)
        drafted = [
            _draft(found.terms, p, latest.get(p.id), fmt, forms[p.id], supplement)
            for p in open_ones
        ]
        _store(uow, found, drafted, fmt=fmt, at=at)
        uow.forms.record_uses(
            found.id,
            [
                u
                for d in drafted
                if d.changed
                for u in uses_of(forms[d.purchaser_id], d.purchaser_id, fmt, d.version)
            ],
        )
        ticked = _newly_complete(open_ones, drafted)
        uow.purchasers.set_checklist(ticked, "agreement_generated", done=True)
        uow.events.append(at=at, actor=actor, entries=_events(drafted, fmt, set(ticked)))
        uow.commit()
    return found, drafted


def _draft(
    terms: OfferingTerms,
    purchaser: Purchaser,
    latest: tuple[int, str] | None,
    fmt: str,
    forms: AgreementForms,
    supplement: tuple[int, bytes] | None,
) -> DraftedAgreement:
    """Rendered as the latest version first: the same bytes are no new version. Otherwise
    rendered again as the next version, since a Word or PDF agreement names its version."""
    data = agreement_data(terms, purchaser)
    version = latest[0] if latest else 1
    render = partial(render_agreement_file, fmt, terms, data, forms=forms, supplement=supplement)
    content = render(version=version)
    digest = hashlib.sha256(content).hexdigest()
    changed = latest is None or latest[1] != digest
    if changed and latest is not None:
        version += 1
        if fmt in VERSIONED:
            content = render(version=version)
            digest = hashlib.sha256(content).hexdigest()
    return DraftedAgreement(
        purchaser_id=purchaser.id,
        purchaser_name=purchaser.name,
        file_name=f"agreement-{purchaser.id:05d}-{file_slug(purchaser.name)}.{fmt}",
        content=content,
        sha256=digest,
        version=version,
        changed=changed,
        missing=tuple(missing_for_agreement(purchaser)),
    )


def _forms_for(
    uow: UnitOfWork, offering_id: int, purchasers: list[Purchaser], *, at: str
) -> dict[int, AgreementForms]:
    """The forms each purchaser's agreement is made from: the newest, except for one who has
    signed (an agreement in another format), whose signed PDF's forms stay theirs."""
    newest = current_forms(uow, offering_id, at=at)
    signed = [p.id for p in purchasers if is_signed(p.checklist)]
    pdfs = uow.documents.latest(offering_id, kind="agreement", fmt="pdf")
    kept = signed_forms(uow, offering_id, [(p, "pdf", pdfs[p][0]) for p in signed if p in pdfs])
    return {p.id: kept.get(p.id, newest) for p in purchasers}


def _supplement(uow: UnitOfWork, offering_id: int) -> tuple[int, bytes] | None:
    """The offering's current prospectus supplement (version, bytes): Exhibit B."""
    stored = uow.offering_documents.latest(offering_id, kind="prospectus")
    return None if stored is None else (stored.version, stored.content)


def _store(
    uow: UnitOfWork, offering: Offering, drafted: list[DraftedAgreement], *, fmt: str, at: str
) -> None:
    uow.documents.add_many(
        [
            {
                "offering_id": offering.id,
                "purchaser_id": d.purchaser_id,
                "kind": "agreement",
                "format": fmt,
                "version": d.version,
                "file_name": d.file_name,
                "sha256": d.sha256,
                "content": d.content,
                "created_at": at,
            }
            for d in drafted
            if d.changed
        ]
    )


def _newly_complete(purchasers: list[Purchaser], drafted: list[DraftedAgreement]) -> list[int]:
    """Purchasers whose agreement is now drafted with complete data and was not before."""
    complete = {d.purchaser_id for d in drafted if not d.missing}
    return [p.id for p in purchasers if p.id in complete and not p.checklist["agreement_generated"]]


def _events(
    drafted: list[DraftedAgreement], fmt: str, ticked: set[int]
) -> list[tuple[str, str, dict[str, Any]]]:
    """A new version, or an unchanged one that ticks ``agreement_generated`` again (after the
    book changed and changed back), is a change of state: each gets its event."""
    return [
        (
            "agreement.drafted",
            f"purchaser:{d.purchaser_id}",
            {
                "format": fmt,
                "version": d.version,
                "sha256": d.sha256,
                "file_name": d.file_name,
                "missing": list(d.missing),
                "new_version": d.changed,
                "agreement_generated": d.purchaser_id in ticked,
            },
        )
        for d in drafted
        if d.changed or d.purchaser_id in ticked
    ]


def blank_form(engine: Engine, *, offering: str | None) -> tuple[Offering, str]:
    """The seed's blank text form; refused once counsel's agreement form is in use."""
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        in_use = current_form(uow, found.id, AGREEMENT)
    refuse_text_of_imported(AgreementForms(in_use, built_in(WARRANT)))
    return found, render_blank(found.terms)


def read_agreement(path: Path) -> tuple[AgreementData | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read {path}: {error}") from error
    return parse_agreement(text, source=path.name)


def file_slug(name: str, *, limit: int = 40) -> str:
    """A file-name-safe ASCII form of a name: "Zürich Fonds AG" -> "zurich-fonds-ag"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:limit].rstrip("-") or "purchaser"
