"""The closing binder of a settled closing: its bookmarks read back, its ZIP verified, any
change to a file or to the manifest caught."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.binder.build import build_binder, verify_binder
from closingdesk.services.funding.funding_decisions import mark_refunded
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.settlement.settling import settle
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import paid, ready


def _closed(engine: Engine, folder: Path) -> Path:
    ready(engine, folder)
    paid(engine, folder, 3, amounts={3: "10500.00"})  # Gamma over by $500, then refunded
    mark_refunded(engine, 3, reference="OUT-9", amount=None, offering=None, actor=ACTOR, now=NOW)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    dispatch_original(
        engine,
        "W-0002",
        carrier="UPS",
        tracking="1Z",
        offering=None,
        actor=ACTOR,
        now=NOW + timedelta(days=5),
    )
    return build_binder(engine, folder / "binder.pdf", offering=None, actor=ACTOR, now=NOW).zip


def test_the_binder_pdf_has_a_bookmark_for_each_section_and_document(
    engine: Engine, tmp_path: Path
) -> None:
    _closed(engine, tmp_path)
    reader = PdfReader(tmp_path / "binder.pdf")
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [
        "Closing memorandum",
        "Purchaser schedule",
        "Forms",
        "Prospectus supplement (Exhibit B)",
        "Corporate approvals",
        "Executed agreements",
        "Certificates of completion",
        "Warrants",
        "Transfer agent instructions",
        "Transfer agent confirmations",
        "Delivery proofs",
        "Bank evidence",
        "Notices",
        "Audit log",
    ]
    children = [item for item in reader.outline if isinstance(item, list)]
    documents = [c for group in children for c in group]
    assert {"Alpha Fund", "Beta Partners"} <= {c.title for c in documents}
    assert all(reader.get_destination_page_number(c) > 0 for c in documents)
    memo = reader.pages[1].extract_text() + reader.pages[2].extract_text()
    assert "1,250,000" in memo  # shares sold: Alpha's 1,000,000 and Beta's 250,000
    assert "OUT-9" in memo  # the refund, and how it was resolved
    assert "late original" in memo


def test_the_binder_zip_verifies_and_a_changed_file_is_caught(
    engine: Engine, tmp_path: Path
) -> None:
    archive = _closed(engine, tmp_path)
    content = archive.read_bytes()
    assert verify_binder(content, source="binder.zip", engine=engine) == []
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = z.namelist()
        manifest = json.loads(z.read("MANIFEST.json"))
    assert "audit-log.jsonl" in names and any(n.endswith(".csv") for n in names)
    warrant = next(n for n in names if n.startswith("warrants/"))
    changed = _rewrite(content, warrant, b"%PDF-1.4 forged")
    problems = verify_binder(changed, source="binder.zip", engine=engine)
    assert [p.where for p in problems] == [warrant]
    assert manifest and [e.kind for e in audit_log(engine) if e.kind == "binder.built"]


def test_a_file_and_its_manifest_changed_together_are_caught_by_the_record(
    engine: Engine, tmp_path: Path
) -> None:
    content = _closed(engine, tmp_path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        manifest = json.loads(z.read("MANIFEST.json"))
    forged = b"%PDF-1.4 forged"
    entry = next(e for e in manifest["files"] if e["path"].startswith("warrants/"))
    entry["size"], entry["sha256"] = len(forged), hashlib.sha256(forged).hexdigest()
    changed = _rewrite(
        _rewrite(content, entry["path"], forged), "MANIFEST.json", json.dumps(manifest).encode()
    )
    assert verify_binder(changed, source="b.zip") == []  # the ZIP alone cannot tell
    [problem] = verify_binder(changed, source="b.zip", engine=engine)
    assert problem.where == "b.zip MANIFEST.json"


def _rewrite(content: bytes, name: str, replacement: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, replacement if info.filename == name else source.read(info))
    return out.getvalue()
