"""Counsel's forms: export the one in use, import a new version, list the versions.

Each offering has one form of each kind in use: the newest version stored, else closingdesk's
own (version 1). Importing checks the file against its kind's rules and stores it as the
next version, with its SHA-256 and an event, in one transaction; nothing drafted before
changes. A document names the form versions it was made from (``document_forms``), so a
signed agreement, its executed counterpart and its warrant keep the forms it was signed on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from closingdesk.adapters.store.form_repository import FormRepository, FormUse, StoredForm
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.documents.forms import FormError, sha256
from closingdesk.domain.documents.forms_catalog import (
    AGREEMENT,
    KINDS,
    WARRANT,
    AgreementForms,
    FormInUse,
    built_in,
    built_in_source,
    check_kind,
    read_form,
)
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.domain.text_safety import unsafe_character
from closingdesk.services.book.offerings import get_offering, resolve_offering
from closingdesk.services.clock import stamp

BUILT_IN_BY = "closingdesk"
BUILT_IN_REASON = "closingdesk's own form"
AGREEMENT_KINDS = (AGREEMENT, WARRANT)


@dataclass(frozen=True)
class FormVersion:
    kind: str
    version: int
    sha256: str
    imported_at: str | None  # None: closingdesk's own, not stored yet (nothing used it)
    imported_by: str
    reason: str
    current: bool


def export_form(engine: Engine, *, offering: str | None, kind: str) -> tuple[int, str]:
    """The version in use of ``kind`` and its source, as counsel edits it."""
    check_kind(kind)
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        stored = uow.forms.latest(found.id, kind)
    return (1, built_in_source(kind)) if stored is None else (stored.version, stored.source)


def import_form(
    engine: Engine,
    *,
    offering: str | None,
    kind: str,
    path: Path,
    reason: str,
    actor: str,
    now: datetime,
) -> FormVersion:
    """Store ``path`` as the next version of ``kind``, once it passes its kind's rules."""
    check_kind(kind)
    if not reason.strip():
        raise InvalidInput("say why the form changes (--reason)")
    source = _read(path)
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        forms = uow.forms
        at = stamp(now)
        latest = _pinned(forms, found.id, kind, at)
        form = read_form(kind, source, version=latest.version + 1, file=path.name)
        stored = StoredForm(kind, form.version, source, form.sha256, at, actor, reason.strip())
        try:
            forms.add(found.id, stored)
        except IntegrityError as error:  # another import took this version number meanwhile
            raise Conflict(
                f"{path.name} was not imported: another {kind} form was imported at the same "
                "time; see 'closingdesk forms list' and import it again if it is still wanted"
            ) from error
        payload = {
            "kind": kind,
            "version": form.version,
            "sha256": form.sha256,
            "previous_sha256": latest.sha256,
            "file_name": path.name,
            "reason": stored.reason,
        }
        uow.events.append(
            at=at, actor=actor, entries=[("form.imported", f"offering:{found.id}", payload)]
        )
        uow.commit()
    return FormVersion(kind, form.version, form.sha256, at, actor, stored.reason, True)


def list_forms(engine: Engine, *, offering: str | None) -> list[FormVersion]:
    """Every version of every kind, oldest first; closingdesk's own is version 1."""
    found = get_offering(engine, offering)
    with UnitOfWork(engine, read_only=True) as uow:
        stored = uow.forms.versions(found.id)
    out: list[FormVersion] = []
    for kind in KINDS:
        versions = [s for s in stored if s.kind == kind]
        if not versions:
            out.append(
                FormVersion(
                    kind, 1, sha256(built_in_source(kind)), None, BUILT_IN_BY, BUILT_IN_REASON, True
                )
            )
            continue
        newest = versions[-1].version
        out += [
            FormVersion(
                kind,
                s.version,
                s.sha256,
                s.imported_at,
                s.imported_by,
                s.reason,
                s.version == newest,
            )
            for s in versions
        ]
    return out


def _read(path: Path) -> str:
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise FormError(f"{path.name}: not UTF-8 text (byte {error.start})") from error
    for number, line in enumerate(source.splitlines(), start=1):
        why = unsafe_character(line)
        if why is not None:
            raise FormError(f"{path.name}:{number}: {why}")
    return source


def _pinned(forms: FormRepository, offering_id: int, kind: str, at: str) -> StoredForm:
    """The newest stored version of ``kind``; closingdesk's own is stored as version 1 the
    first time the offering uses a form of that kind, so it stays what it was."""
    latest = forms.latest(offering_id, kind)
    if latest is not None:
        return latest
    source = built_in_source(kind)
    pinned = StoredForm(kind, 1, source, sha256(source), at, BUILT_IN_BY, BUILT_IN_REASON)
    forms.add(offering_id, pinned)
    return pinned


def _in_use(stored: StoredForm) -> FormInUse:
    return read_form(stored.kind, stored.source, version=stored.version, file=f"{stored.kind} form")


# -- the forms a document is made from ----------------------------------------------------


def current_forms(uow: UnitOfWork, offering_id: int, *, at: str) -> AgreementForms:
    """The agreement and warrant forms in use, closingdesk's own stored as version 1 when
    the offering has none yet (drafting records which versions each agreement used)."""
    forms = uow.forms
    agreement, warrant = (_in_use(_pinned(forms, offering_id, k, at)) for k in AGREEMENT_KINDS)
    return AgreementForms(agreement, warrant)


def current_form(uow: UnitOfWork, offering_id: int, kind: str) -> FormInUse:
    """The form of ``kind`` in use, for a document that is not drafted (letters)."""
    stored = uow.forms.latest(offering_id, kind)
    return built_in(kind) if stored is None else _in_use(stored)


def uses_of(forms: AgreementForms, purchaser_id: int, fmt: str, version: int) -> list[FormUse]:
    """The forms an agreement version is made from: the text format has no Exhibit A."""
    used = (forms.agreement,) if fmt == "txt" else (forms.agreement, forms.warrant)
    return [
        FormUse(purchaser_id, "agreement", fmt, version, f.kind, f.version, f.sha256) for f in used
    ]


def signed_forms(
    uow: UnitOfWork, offering_id: int, agreements: Iterable[tuple[int, str, int]]
) -> dict[int, AgreementForms]:
    """Purchaser id -> the forms of their agreement ``(purchaser, format, version)``; an
    agreement drafted before forms were versioned was made from closingdesk's own."""
    repository = uow.forms
    wanted = [(p, "agreement", fmt, version) for p, fmt, version in agreements]
    uses = repository.uses(offering_id, wanted)
    cache: dict[tuple[str, int], FormInUse] = {}
    out: dict[int, AgreementForms] = {}
    for key in wanted:
        used = uses.get(key, {})
        kinds = [_version(repository, offering_id, used.get(k), k, cache) for k in AGREEMENT_KINDS]
        out[int(key[0] or 0)] = AgreementForms(*kinds)
    return out


def _version(
    repository: FormRepository,
    offering_id: int,
    use: FormUse | None,
    kind: str,
    cache: dict[tuple[str, int], FormInUse],
) -> FormInUse:
    if use is None:
        return built_in(kind)
    key = (kind, use.form_version)
    if key not in cache:
        stored = repository.get(offering_id, kind, use.form_version)
        if stored is None or stored.sha256 != use.form_sha256:
            raise NotFound(
                f"the {kind} form v{use.form_version} (SHA-256 {use.form_sha256[:12]}) a document"
                " was made from is not stored; restore it before re-rendering"
            )
        cache[key] = _in_use(stored)
    return cache[key]


def latest_agreements(
    uow: UnitOfWork, offering_id: int, purchaser_ids: Sequence[int], fmt: str = "pdf"
) -> list[tuple[int, str, int]]:
    """(purchaser, format, newest version) of each purchaser's drafted agreement."""
    latest = uow.documents.latest(offering_id, kind="agreement", fmt=fmt)
    return [(p, fmt, latest[p][0]) for p in purchaser_ids if p in latest]


def warrant_forms(
    uow: UnitOfWork, offering_id: int, purchaser_ids: Sequence[int]
) -> dict[int, FormInUse]:
    """Each purchaser's form of warrant: the Exhibit A of the agreement they signed (its
    newest PDF version), else the form in use."""
    signed = signed_forms(uow, offering_id, latest_agreements(uow, offering_id, purchaser_ids))
    fallback = current_form(uow, offering_id, WARRANT)
    return {p: signed[p].warrant if p in signed else fallback for p in purchaser_ids}


# -- the binder ----------------------------------------------------------------------------

BINDER_COLUMNS = ("Form", "SHA-256", "Imported", "By, and why", "Agreements made from it")
BINDER_WIDTHS = (0.12, 0.3, 0.14, 0.2, 0.24)


BINDER_NAMES = 20  # more agreements than this made from one version are counted, not named


def _few(agreements: list[str]) -> str:
    if len(agreements) <= BINDER_NAMES:
        return "; ".join(agreements)
    return f"{len(agreements):,} agreements, among them " + "; ".join(agreements[:BINDER_NAMES])


def binder_rows(
    uow: UnitOfWork, offering_id: int, names: Mapping[int, str]
) -> list[tuple[str, ...]]:
    """Every version of every form, and the purchasers' agreements (format, version) made
    from it: which wording each purchaser was offered and signed."""
    repository = uow.forms
    made: dict[tuple[str, int], list[str]] = {}
    for use in repository.all_uses(offering_id):
        who = names.get(use.purchaser_id or 0, f"purchaser {use.purchaser_id}")
        made.setdefault((use.form_kind, use.form_version), []).append(
            f"{who} ({use.document_format} v{use.document_version})"
        )
    listed = {key: _few(agreements) for key, agreements in made.items()}
    stored = repository.versions(offering_id)
    rows: list[tuple[str, ...]] = [
        (
            f"{s.kind} v{s.version}",
            s.sha256,
            s.imported_at,
            f"{s.imported_by}: {s.reason}",
            listed.get((s.kind, s.version), "—"),
        )
        for s in stored
    ]
    kinds = {s.kind for s in stored}
    rows += [
        (f"{k} v1", sha256(built_in_source(k)), "—", f"{BUILT_IN_BY}: {BUILT_IN_REASON}", "—")
        for k in KINDS
        if k not in kinds
    ]
    return rows
