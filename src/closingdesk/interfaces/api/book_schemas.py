"""The book import and the agreements draft as the API takes and answers them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from closingdesk.domain.offering.offering_record import Offering
from closingdesk.interfaces.api.offering_schemas import OfferingRef, offering_ref
from closingdesk.services.book.purchasers import BookImport
from closingdesk.services.documents.agreements import FORMATS, DraftedAgreement


class BookImportPublic(BaseModel):
    offering: OfferingRef
    source: str = Field(description="the file name as uploaded")
    created: int
    updated: int
    unchanged: int


def book_import_public(result: BookImport, *, source: str) -> BookImportPublic:
    return BookImportPublic(
        offering=offering_ref(result.offering),
        source=source,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
    )


class AgreementsCreate(BaseModel):
    purchaser_id: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="only this purchaser's; else every one"
    )
    format: str = Field(default="txt", json_schema_extra={"enum": [*FORMATS]})


class DraftedAgreementPublic(BaseModel):
    purchaser_id: int
    purchaser_name: str
    file_name: str
    sha256: str
    version: int
    changed: bool = Field(description="false when the same text was already stored")
    missing: list[str] = Field(description="blanks left: the purchaser's data is incomplete")


class AgreementsDraftedPublic(BaseModel):
    offering: OfferingRef
    data: list[DraftedAgreementPublic]
    count: int
    changed: int


def agreements_drafted_public(
    offering: Offering, drafted: list[DraftedAgreement]
) -> AgreementsDraftedPublic:
    return AgreementsDraftedPublic(
        offering=offering_ref(offering),
        data=[
            DraftedAgreementPublic(
                purchaser_id=d.purchaser_id,
                purchaser_name=d.purchaser_name,
                file_name=d.file_name,
                sha256=d.sha256,
                version=d.version,
                changed=d.changed,
                missing=list(d.missing),
            )
            for d in drafted
        ],
        count=len(drafted),
        changed=sum(d.changed for d in drafted),
    )
