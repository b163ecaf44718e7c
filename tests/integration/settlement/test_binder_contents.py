"""What the closing binder holds beyond the signed documents: the prospectus supplement, the
corporate approvals, a schedule per purchaser, every delivery proof, the bank evidence; and
a memo that shows the money case by case, never netted."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.store.offering_documents import OfferingDocumentRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.examples.demo_prospectus import demo_prospectus
from closingdesk.services.binder.build import BuiltBinder, build_binder
from closingdesk.services.documents.prospectus import add_prospectus, record_prospectus_delivered
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.settlement.settling import settle
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import TERMS, closing, paid, signed
from tests.signing_scenarios import small_pdf

RESOLUTION = small_pdf("Resolutions of the Board of Directors approving the offering")


def store_resolution(engine: Engine) -> None:
    """Counsel's upload of a board resolution as a document of the offering (stored through
    the repository: the upload command belongs to the transfer agent package's work)."""
    with UnitOfWork(engine) as uow:
        OfferingDocumentRepository(uow.connection).add(
            1,
            kind="board_resolution",
            fmt="pdf",
            version=1,
            file_name="board-resolution.pdf",
            sha256=hashlib.sha256(RESOLUTION).hexdigest(),  # the name of its file in the store
            content=RESOLUTION,
            created_at="2002-03-11T09:00:00+00:00",
        )
        uow.commit()


@pytest.fixture
def built(engine: Engine, tmp_path: Path) -> BuiltBinder:
    """Alpha pays exactly, Beta $1,000 short, Gamma $500 over; a stranger wires $777."""
    closing(engine, tmp_path)
    add_prospectus(
        engine, demo_prospectus(TERMS), source="supplement.pdf", offering=None, actor=ACTOR, now=NOW
    )
    store_resolution(engine)
    record_prospectus_delivered(engine, 1, how="opened", at=NOW, detail={}, actor=ACTOR)
    signed(engine, 1, 2, 3)
    paid(engine, tmp_path, 1, 2, 3, amounts={2: "499000.00", 3: "10500.00"})
    import_rows(
        engine, tmp_path, f"{ACCOUNT},2002-03-12,11:00,777.00,USD,Stranger,NO-REF,FW999\n", "x.csv"
    )
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    dispatch_original(
        engine, "W-0001", carrier="UPS", tracking="1Z999", offering=None, actor=ACTOR,
        now=NOW + timedelta(days=1),
    )  # fmt: skip
    return build_binder(engine, tmp_path / "binder.pdf", offering=None, actor=ACTOR, now=NOW)


def section(built: BuiltBinder, title: str) -> str:
    """The words of one top-level section of the binder PDF."""
    reader = PdfReader(built.pdf)
    tops = [item for item in reader.outline if not isinstance(item, list)]
    starts = [reader.get_destination_page_number(item) for item in tops]
    index = [str(item.title) for item in tops].index(title)
    end = starts[index + 1] if index + 1 < len(starts) else len(reader.pages)
    pages = reader.pages[starts[index] : end]
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_binder_holds_the_prospectus_supplement_and_the_uploaded_approvals(
    built: BuiltBinder,
) -> None:
    assert "PROSPECTUS SUPPLEMENT (DEMO)" in section(built, "Prospectus supplement (Exhibit B)")
    assert "Resolutions of the Board of Directors" in section(built, "Corporate approvals")
    with zipfile.ZipFile(built.zip) as z:
        names = z.namelist()
    assert {"offering/board-resolution.pdf"} <= set(names)
    assert any(n.startswith("offering/prospectus") for n in names)


def test_the_schedule_has_a_row_per_purchaser_with_warrant_wire_and_dwac(
    built: BuiltBinder,
) -> None:
    text = section(built, "Purchaser schedule")
    for shown in ("Alpha Fund", "1,000,000 shares", "$2,000,000.00", "W-0001",
                  "received $2,000,000.00, funded", "0226 / A-1", "ref. REF-1",
                  "Beta Partners", "received $499,000.00, short",
                  "Gamma Trust", "not instructed", "instructed 2002-03-12"):  # fmt: skip
        assert shown in text, shown


def test_every_delivery_proof_is_listed_with_its_time(built: BuiltBinder) -> None:
    text = section(built, "Delivery proofs")
    assert "original warrant W-0001" in text and "tracking 1Z999" in text
    assert "UPS" in text and "dispatched" in text
    assert "prospectus.delivered Alpha Fund" in text and "opened" in text
    assert "delivered_at 2002-03-12" in text


def test_the_bank_evidence_gives_each_wire_as_the_statement_does(built: BuiltBinder) -> None:
    text = section(built, "Bank evidence")
    assert "bank-1-2-3.csv, row 2" in text and "499,000.00 USD" in text
    assert "FW002-2" in text and "Stranger" in text and "unidentified" in text


def test_the_memo_shows_exact_over_short_and_unidentified_money_apart(
    built: BuiltBinder,
) -> None:
    text = section(built, "Closing memorandum")
    assert "Paid exactly $2,000,000.00 (1 purchaser)" in text
    assert "Over, to refund $500.00 over (1 purchaser)" in text
    assert "Short $1,000.00 short (1 purchaser)" in text
    assert "Unidentified (no purchaser) $777.00 (1 wire)" in text
    assert "Received from purchasers $2,509,500.00" in text
    assert "Difference" not in text


def test_the_binder_pdf_has_no_signature_fields(built: BuiltBinder) -> None:
    reader = PdfReader(io.BytesIO(built.pdf.read_bytes()))
    assert not reader.get_fields()
    assert not any(
        a.get_object().get("/Subtype") == "/Widget"
        for page in reader.pages
        for a in (page.get("/Annots") or [])
    )


def test_the_binder_lists_every_form_version_and_the_agreements_made_from_it(
    built: BuiltBinder,
) -> None:
    text = section(built, "Forms")
    for kind in ("agreement", "warrant", "dwac_letter", "notice"):
        assert f"{kind} v1" in text, kind
    assert "closingdesk's own form" in text
