"""Counsel's forms of an offering, every version kept, and the forms each document used."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, RowMapping, and_, insert, or_, select

from closingdesk.adapters.store.form_tables import document_forms, forms


@dataclass(frozen=True)
class StoredForm:
    kind: str
    version: int
    source: str
    sha256: str
    imported_at: str
    imported_by: str
    reason: str


@dataclass(frozen=True)
class FormUse:
    """One document version's use of one form version."""

    purchaser_id: int | None
    document_kind: str
    document_format: str
    document_version: int
    form_kind: str
    form_version: int
    form_sha256: str


class FormRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def versions(self, offering_id: int, kind: str | None = None) -> list[StoredForm]:
        """Every stored version (without the newest first), oldest first, by kind."""
        c = forms.c
        query = select(forms).where(c.offering_id == offering_id)
        if kind is not None:
            query = query.where(c.kind == kind)
        rows = self._c.execute(query.order_by(c.kind, c.version))
        return [_form(row._mapping) for row in rows]

    def latest(self, offering_id: int, kind: str) -> StoredForm | None:
        c = forms.c
        row = self._c.execute(
            select(forms)
            .where(c.offering_id == offering_id, c.kind == kind)
            .order_by(c.version.desc())
            .limit(1)
        ).first()
        return None if row is None else _form(row._mapping)

    def get(self, offering_id: int, kind: str, version: int) -> StoredForm | None:
        c = forms.c
        row = self._c.execute(
            select(forms).where(c.offering_id == offering_id, c.kind == kind, c.version == version)
        ).first()
        return None if row is None else _form(row._mapping)

    def add(self, offering_id: int, form: StoredForm) -> None:
        self._c.execute(
            insert(forms),
            {
                "offering_id": offering_id,
                "kind": form.kind,
                "version": form.version,
                "source": form.source,
                "sha256": form.sha256,
                "imported_at": form.imported_at,
                "imported_by": form.imported_by,
                "reason": form.reason,
            },
        )

    def record_uses(self, offering_id: int, uses: Sequence[FormUse]) -> None:
        if uses:
            self._c.execute(
                insert(document_forms),
                [{"offering_id": offering_id, **use.__dict__} for use in uses],
            )

    def all_uses(self, offering_id: int) -> list[FormUse]:
        c = document_forms.c
        query = select(document_forms).where(c.offering_id == offering_id).order_by(c.id)
        return [_use(row._mapping) for row in self._c.execute(query)]

    def uses(
        self,
        offering_id: int,
        documents: Iterable[tuple[int | None, str, str, int]],
    ) -> dict[tuple[int | None, str, str, int], dict[str, FormUse]]:
        """(purchaser, document kind, format, version) -> form kind -> the form version used;
        a document drafted before forms were versioned has none."""
        wanted = list(set(documents))
        found: dict[tuple[int | None, str, str, int], dict[str, FormUse]] = {}
        c = document_forms.c
        for start in range(0, len(wanted), 200):
            chunk = wanted[start : start + 200]
            matches = [
                and_(
                    c.purchaser_id.is_(None) if p is None else c.purchaser_id == p,
                    c.document_kind == k,
                    c.document_format == f,
                    c.document_version == v,
                )
                for p, k, f, v in chunk
            ]
            query = select(document_forms).where(c.offering_id == offering_id, or_(*matches))
            for row in self._c.execute(query):
                use = _use(row._mapping)
                key = (
                    use.purchaser_id,
                    use.document_kind,
                    use.document_format,
                    use.document_version,
                )
                found.setdefault(key, {})[use.form_kind] = use
        return found


def _form(row: RowMapping) -> StoredForm:
    return StoredForm(
        kind=row["kind"],
        version=int(row["version"]),
        source=row["source"],
        sha256=row["sha256"],
        imported_at=row["imported_at"],
        imported_by=row["imported_by"],
        reason=row["reason"],
    )


def _use(row: RowMapping) -> FormUse:
    return FormUse(
        purchaser_id=row["purchaser_id"],
        document_kind=row["document_kind"],
        document_format=row["document_format"],
        document_version=int(row["document_version"]),
        form_kind=row["form_kind"],
        form_version=int(row["form_version"]),
        form_sha256=row["form_sha256"],
    )
