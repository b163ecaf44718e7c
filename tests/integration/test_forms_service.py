"""Counsel's forms in a real store: export, import, and what each drafted document is made of.

Document text is read back with pypdf and python-docx, never with our own renderer.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.adapters.store.document_files import document_content
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.documents.agreement_readiness import agreement_data
from closingdesk.domain.documents.forms import FormError
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.book.offerings import get_offering
from closingdesk.services.documents.agreements import blank_form, draft_agreements
from closingdesk.services.documents.forms import (
    current_forms,
    export_form,
    import_form,
    list_forms,
    warrant_forms,
)
from tests.scenarios import ACTOR, NOW
from tests.signature_scenarios import countersign_all, ready_closing, sign

GENERAL = "This Agreement may be executed in one or more counterparts"
EDITED_GENERAL = (
    "This Agreement, as revised by counsel, may be executed in one or more counterparts"
)
AMENDMENTS = "This Warrant may be amended, and any of its provisions waived"
EDITED_AMENDMENTS = "This Warrant may be amended, and any of its provisions waived after notice"


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages
    )


def docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())


def edited(engine: Engine, folder: Path, kind: str, old: str, new: str) -> Path:
    """The form in use exported, one clause reworded, written to a file."""
    _, source = export_form(engine, offering=None, kind=kind)
    text = _replace_across_lines(source, old, new)
    assert text != source
    path = folder / f"{kind}-edited.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _replace_across_lines(source: str, old: str, new: str) -> str:
    """Replace ``old`` in the source, whose paragraphs wrap: the words may cross lines."""
    blocks = source.split("\n\n")
    for index, block in enumerate(blocks):
        head, _, body = block.partition("\n")
        if " ".join(body.split("\n")).find(old) >= 0 and head.startswith("@para"):
            blocks[index] = head + "\n" + " ".join(body.split("\n")).replace(old, new)
    return "\n\n".join(blocks)


def test_exporting_and_importing_an_unchanged_form_gives_the_same_document_text(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path)
    offering = get_offering(engine, None)
    with UnitOfWork(engine, read_only=True) as uow:
        data = agreement_data(offering.terms, uow.purchasers.get(ids.alpha))  # type: ignore[arg-type]
    before = render_agreement_pdf(offering.terms, data, version=1)
    for kind in ("agreement", "warrant"):
        version, source = export_form(engine, offering=None, kind=kind)
        path = tmp_path / f"{kind}.txt"
        path.write_text(source, encoding="utf-8")
        stored = import_form(
            engine, offering=None, kind=kind, path=path, reason="unchanged", actor=ACTOR, now=NOW
        )
        assert (version, stored.version) == (1, 2)
    with UnitOfWork(engine) as uow:
        forms = current_forms(uow, offering.id, at="2002-03-12T00:00:00Z")
    assert (forms.agreement.version, forms.warrant.version) == (2, 2)
    after = render_agreement_pdf(offering.terms, data, version=1, forms=forms)
    assert pdf_text(after) == pdf_text(before)
    assert "agreement form v2" in PdfReader(BytesIO(after)).metadata["/Keywords"]


def test_an_edited_clause_is_in_the_word_file_the_pdf_and_exhibit_a_alike(
    engine: Engine, tmp_path: Path
) -> None:
    ready_closing(engine, tmp_path)
    for kind, old, new in (
        ("agreement", GENERAL, EDITED_GENERAL),
        ("warrant", AMENDMENTS, EDITED_AMENDMENTS),
    ):
        path = edited(engine, tmp_path, kind, old, new)
        import_form(
            engine, offering=None, kind=kind, path=path, reason="counsel", actor=ACTOR, now=NOW
        )
    _, pdfs = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    _, words = draft_agreements(engine, offering=None, fmt="docx", actor=ACTOR, now=NOW)
    for text in (pdf_text(pdfs[0].content), docx_text(words[0].content)):
        assert EDITED_GENERAL in text and GENERAL not in text
        assert EDITED_AMENDMENTS in text
    assert pdfs[0].version == 2 and pdfs[0].changed


def test_a_signed_agreement_keeps_its_forms_after_an_import_and_the_unsigned_get_the_new(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path)
    sign(engine, ids.alpha)
    path = edited(engine, tmp_path, "agreement", GENERAL, EDITED_GENERAL)
    import_form(
        engine, offering=None, kind="agreement", path=path, reason="r", actor=ACTOR, now=NOW
    )
    warrant = edited(engine, tmp_path, "warrant", AMENDMENTS, EDITED_AMENDMENTS)
    import_form(
        engine, offering=None, kind="warrant", path=warrant, reason="r", actor=ACTOR, now=NOW
    )

    _, pdfs = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    assert ids.alpha not in {d.purchaser_id for d in pdfs}  # signed: never redrafted
    beta = next(d for d in pdfs if d.purchaser_id == ids.beta)
    assert beta.version == 2 and EDITED_GENERAL in pdf_text(beta.content)

    _, words = draft_agreements(engine, offering=None, fmt="docx", actor=ACTOR, now=NOW)
    alpha_word = docx_text(next(d for d in words if d.purchaser_id == ids.alpha).content)
    assert GENERAL in alpha_word and EDITED_GENERAL not in alpha_word

    countersigned = countersign_all(engine, purchaser_ids=[ids.alpha])  # executes it, now
    assert countersigned.executed_document_ids
    with UnitOfWork(engine, read_only=True) as uow:
        row = uow.connection.exec_driver_sql(
            "SELECT id, file_name, sha256 FROM documents WHERE kind = 'executed_agreement'"
        ).one()
        executed = document_content(uow.connection, row)
        offering = get_offering(engine, None)
        forms = warrant_forms(uow, offering.id, [ids.alpha, ids.beta])
    executed_text = pdf_text(bytes(executed))
    assert GENERAL in executed_text and EDITED_GENERAL not in executed_text
    assert AMENDMENTS in executed_text and EDITED_AMENDMENTS not in executed_text
    assert (forms[ids.alpha].version, forms[ids.beta].version) == (1, 2)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("@para\nThe {purchaser} buys.\n", "counsel.txt:2: unknown placeholder {purchaser}"),
        ("@para\nNo values at all.\n", "counsel.txt: the form leaves out required placeholders"),
        ("@colophon\n", "counsel.txt:1: unknown block @colophon"),
        ("@para\nA } brace\n", "counsel.txt:2: Single '}' encountered"),
    ],
)
def test_a_bad_form_is_refused_with_its_file_and_line_and_nothing_changes(
    engine: Engine, tmp_path: Path, source: str, message: str
) -> None:
    ready_closing(engine, tmp_path)
    before, events = list_forms(engine, offering=None), len(audit_log(engine))
    path = tmp_path / "counsel.txt"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(FormError, match=message.replace("{", r"\{").replace("}", r"\}")):
        import_form(
            engine, offering=None, kind="agreement", path=path, reason="r", actor=ACTOR, now=NOW
        )
    assert list_forms(engine, offering=None) == before
    assert len(audit_log(engine)) == events


def test_an_import_is_listed_with_its_hash_and_reason_and_evented(
    engine: Engine, tmp_path: Path
) -> None:
    ready_closing(engine, tmp_path)
    path = edited(engine, tmp_path, "warrant", AMENDMENTS, EDITED_AMENDMENTS)
    stored = import_form(
        engine, offering=None, kind="warrant", path=path, reason="notice", actor=ACTOR, now=NOW
    )
    assert stored.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    warrants = [v for v in list_forms(engine, offering=None) if v.kind == "warrant"]
    assert [(v.version, v.reason, v.current) for v in warrants] == [
        (1, "closingdesk's own form", False),
        (2, "notice", True),
    ]
    event = audit_log(engine)[-1]
    assert event.kind == "form.imported" and event.payload["sha256"] == stored.sha256


def test_the_text_agreement_is_refused_once_the_agreement_form_is_not_closingdesks_own(
    engine: Engine, tmp_path: Path
) -> None:
    ready_closing(engine, tmp_path)
    path = edited(engine, tmp_path, "agreement", GENERAL, EDITED_GENERAL)
    import_form(
        engine, offering=None, kind="agreement", path=path, reason="r", actor=ACTOR, now=NOW
    )
    with pytest.raises(InvalidInput, match="the plain-text agreement is the seed's typed form"):
        draft_agreements(engine, offering=None, fmt="txt", actor=ACTOR, now=NOW)
    with pytest.raises(InvalidInput, match="the plain-text agreement is the seed's typed form"):
        blank_form(engine, offering=None)
