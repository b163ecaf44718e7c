"""The closing binder's files read back: the PDF's bookmarks and pages, the memo and the log,
the ZIP and its manifest, and every kind of tampering the manifest catches."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from closingdesk.adapters.binder import (
    BinderDocument,
    BinderFile,
    BinderSection,
    build_binder_pdf,
    build_binder_zip,
    render_audit_log_pdf,
    render_memo_pdf,
    verify_binder_zip,
)
from closingdesk.adapters.binder.zip_paths import safe_paths
from closingdesk.adapters.signing.pades import sign_many
from closingdesk.domain.audit.event_chain import GENESIS, ChainedEvent, chain_event
from closingdesk.domain.documents.closing_memo import ClosingMemo, MemoException, money_of
from closingdesk.domain.problems import InvalidInput, Problem
from tests.signing_scenarios import SIGNED_AT, make_pki


def pdf(label: str, pages: int = 1) -> bytes:
    out = BytesIO()
    canvas = Canvas(out, invariant=1)
    for number in range(1, pages + 1):
        canvas.drawString(72, 720, f"{label} page {number}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


ALPHA = BinderDocument("0001 Alpha Fund", pdf("Alpha agreement", pages=2))
SOCIETE = BinderDocument("0002 Société Générale", pdf("Societe agreement"))
MULLER = BinderDocument("W-0001 Müller", pdf("Muller warrant"))
SECTIONS = (
    BinderSection("Executed agreements", (ALPHA, SOCIETE)),
    BinderSection("Certificates of completion", ()),
    BinderSection("Warrants", (MULLER,)),
)


def outline(content: bytes) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(section, page, [(document, page)]) for each top-level bookmark, pages from 0."""
    reader = PdfReader(BytesIO(content))

    def bookmark(item: Any) -> tuple[str, int]:
        page = reader.get_destination_page_number(item)
        assert page is not None, f"{item.title} points at no page"
        return str(item.title), page

    out: list[tuple[str, int, list[tuple[str, int]]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            out[-1][2].extend(bookmark(child) for child in item)
        else:
            out.append((*bookmark(item), []))
    return out


def text_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def test_each_section_has_a_bookmark_with_one_child_per_document_at_its_first_page() -> None:
    binder = build_binder_pdf(SECTIONS, title="Closing binder: NeoTherapeutics, Inc.")
    assert outline(binder) == [
        ("Executed agreements", 1, [("0001 Alpha Fund", 1), ("0002 Société Générale", 3)]),
        ("Certificates of completion", 4, []),
        ("Warrants", 5, [("W-0001 Müller", 5)]),
    ]


def test_the_binder_has_the_cover_every_page_of_every_document_and_a_page_per_empty_section() -> (
    None
):
    pages = text_of(build_binder_pdf(SECTIONS, title="Closing binder"))
    assert len(pages) == 1 + (2 + 1) + 1 + 1
    assert "Alpha agreement page 2" in pages[2]
    assert "Certificates of completion" in pages[4]
    assert "None: this section has no documents." in pages[4]
    assert "Muller warrant page 1" in pages[5]


def test_the_cover_lists_each_section_with_its_documents_pages_and_first_page() -> None:
    cover = text_of(build_binder_pdf(SECTIONS, title="Closing binder: Société Générale"))[0]
    assert "Closing binder: Société Générale" in cover
    lines = [" ".join(line.split()) for line in cover.splitlines()]
    for row in ("Executed agreements", "Certificates of completion", "Warrants"):
        assert row in lines


def test_a_binder_of_only_empty_sections_still_shows_each_section() -> None:
    empty = (BinderSection("Warrants", ()), BinderSection("Confirmations", ()))
    binder = build_binder_pdf(empty, title="Closing binder")
    assert outline(binder) == [("Warrants", 1, []), ("Confirmations", 2, [])]


def test_a_section_of_many_documents_keeps_every_bookmark_though_it_starts_collapsed() -> None:
    many = tuple(BinderDocument(f"{n:04d} Purchaser", pdf(f"doc {n}")) for n in range(1, 41))
    [(title, page, children)] = outline(
        build_binder_pdf([BinderSection("Warrants", many)], title="B")
    )
    assert (title, page, len(children)) == ("Warrants", 1, 40)
    assert children[-1] == ("0040 Purchaser", 40)


def test_documents_that_are_not_readable_pdfs_are_all_named_in_one_refusal() -> None:
    broken = (
        BinderSection("Executed agreements", (ALPHA, BinderDocument("0002 Beta", b"not a pdf"))),
        BinderSection("Warrants", (BinderDocument("W-0002 Gamma", b"%PDF-1.4 cut"),)),
    )
    with pytest.raises(InvalidInput) as refused:
        build_binder_pdf(broken, title="Closing binder")
    assert [p.where for p in refused.value.problems] == [
        "Executed agreements, document 2 (0002 Beta)",
        "Warrants, document 1 (W-0002 Gamma)",
    ]


MEMO = ClosingMemo(
    issuer="NeoTherapeutics, Inc.",
    offering="neotherapeutics-2002",
    closing_date=date(2002, 3, 12),
    shares_sold=1_500_000,
    money=money_of(
        [
            (Decimal("2000000.00"), Decimal("2000000.00")),
            (Decimal("1000000.00"), Decimal("999000.00")),
        ],
        [Decimal("250.00")],
    ),
    purchasers_settled=2,
    purchasers_not_settled=1,
    warrants_issued=2,
    warrant_shares=375_000,
    exceptions=(
        MemoException(
            "short wire",
            "Société Générale",
            Decimal("1000.00"),
            "wired short",
            "refunded, reference OUT-77",
        ),
        MemoException("unknown wire", None, Decimal("250.00"), "no purchaser matches"),
    ),
    documents=(("Executed agreements", 3), ("Warrants", 2)),
)


def test_the_memo_pdf_states_the_totals_and_how_each_exception_was_resolved() -> None:
    text = " ".join(" ".join(text_of(render_memo_pdf(MEMO))).split())
    shown = ("CLOSING MEMORANDUM", "Shares sold 1,500,000",
             "Received from purchasers $2,999,000.00", "Expected from purchasers $3,000,000.00",
             "Short $1,000.00 short (1 purchaser)", "Unidentified (no purchaser) $250.00 (1 wire)",
             "2, for 375,000 warrant shares", "Société Générale", "OUT-77", "open")  # fmt: skip
    assert all(part in text for part in shown)


def events(count: int, subject: str = "purchaser/1") -> list[ChainedEvent]:
    out, previous = [], GENESIS
    for seq in range(1, count + 1):
        event = chain_event(previous, seq=seq, at=f"2002-03-12T17:00:{seq % 60:02d}+00:00",
                            actor="cli", kind="purchaser_signed", subject=subject,
                            payload={"name": "Müller", "seq": seq})  # fmt: skip
        out.append(event)
        previous = event.hash
    return out


def test_the_audit_log_pdf_starts_with_the_verdict_and_lists_every_event() -> None:
    log = events(300, subject="Société Générale")
    pages = text_of(render_audit_log_pdf(log, verdict="The chain holds: 300 events."))
    assert len(pages) > 1
    assert "The chain holds: 300 events." in pages[0]
    assert "300 events, oldest first." in pages[0]
    assert "Société Générale" in pages[0] and "name=Müller" in pages[0]
    assert log[0].hash[:12] in pages[0]
    assert log[-1].hash[:12] in pages[-1]
    assert all("Seq" in page for page in pages)  # the header on every page


def test_an_empty_audit_log_still_shows_its_verdict() -> None:
    pages = text_of(render_audit_log_pdf([], verdict="No events recorded."))
    assert len(pages) == 1 and "No events recorded." in pages[0]


FILES = (
    BinderFile("executed-agreements/0001-alpha-fund.pdf", ALPHA.pdf),
    BinderFile("executed-agreements/0002-Société Générale.pdf", SOCIETE.pdf),
    BinderFile("warrants/W-0001 Müller.pdf", MULLER.pdf),
    BinderFile("transfer-agent/instructions.csv", b"issuer,shares\nNeoTherapeutics,1000\n"),
)
AGREEMENT = "executed-agreements/0001-alpha-fund.pdf"


def binder_zip() -> bytes:
    return build_binder_zip(FILES, binder_pdf=build_binder_pdf(SECTIONS, title="Closing binder"))


def manifest(content: bytes) -> dict[str, object]:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        document: dict[str, object] = json.loads(archive.read("MANIFEST.json"))
    return document


def rewritten(
    content: bytes,
    change: Callable[[str, bytes], bytes | None] = lambda _, data: data,
    added: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """The ZIP written again, each member changed (or dropped, for None), some added."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                target.writestr(info.filename, data)
        for name, data in added:
            target.writestr(name, data)
    return out.getvalue()


def test_the_zip_holds_the_originals_the_binder_and_a_manifest_that_verifies() -> None:
    content = binder_zip()
    with zipfile.ZipFile(BytesIO(content)) as archive:
        names = archive.namelist()
        assert archive.read(AGREEMENT) == ALPHA.pdf
    assert names == [
        AGREEMENT,
        "executed-agreements/0002-societe-generale.pdf",
        "warrants/w-0001-muller.pdf",
        "transfer-agent/instructions.csv",
        "binder.pdf",
        "MANIFEST.json",
    ]
    listed = manifest(content)["files"]
    assert isinstance(listed, list)
    assert [entry["path"] for entry in listed] == names[:-1]
    assert listed[1]["given_path"] == "executed-agreements/0002-Société Générale.pdf"
    assert listed[0]["size"] == len(ALPHA.pdf)
    assert verify_binder_zip(content) == []


def test_the_same_files_give_the_same_zip() -> None:
    assert binder_zip() == binder_zip()


def flipped(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0x01])


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (flipped, "has changed: its SHA-256 is"),
        (lambda data: data + b"\n", f"has changed: the manifest says {len(ALPHA.pdf):,} bytes"),
    ],
)
def test_a_changed_file_is_caught_at_its_path(change: Callable[[bytes], bytes], what: str) -> None:
    changed = rewritten(
        binder_zip(), lambda name, data: change(data) if name == AGREEMENT else data
    )
    [problem] = verify_binder_zip(changed)
    assert problem.where == AGREEMENT and problem.what.startswith(what)


def test_a_byte_flipped_inside_the_zip_is_caught_at_its_file() -> None:
    content = bytearray(binder_zip())
    with zipfile.ZipFile(BytesIO(bytes(content))) as archive:
        info = archive.getinfo("transfer-agent/instructions.csv")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    content[start + info.compress_size // 2] ^= 0xFF
    assert [p.where for p in verify_binder_zip(bytes(content))] == [
        "transfer-agent/instructions.csv"
    ]


def test_a_dropped_file_is_caught_as_missing() -> None:
    dropped = rewritten(binder_zip(), lambda name, data: None if name == AGREEMENT else data)
    assert verify_binder_zip(dropped) == [
        Problem(AGREEMENT, "is listed in the manifest but missing from the ZIP")
    ]


def test_an_added_file_is_caught_as_not_in_the_manifest() -> None:
    added = rewritten(binder_zip(), added=(("warrants/w-0099-extra.pdf", b"%PDF-1.4"),))
    assert verify_binder_zip(added) == [
        Problem("warrants/w-0099-extra.pdf", "is in the ZIP but not in the manifest")
    ]


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_file_added_twice_under_a_listed_name_is_caught() -> None:
    twice = rewritten(binder_zip(), added=((AGREEMENT, b"another"),))
    assert Problem(AGREEMENT, "appears 2 times in the ZIP, so a copy could hide another") in (
        verify_binder_zip(twice)
    )


def test_an_edited_manifest_hash_is_caught_at_the_file_it_lists() -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name != "MANIFEST.json":
            return data
        document = json.loads(data)
        document["files"][2]["sha256"] = "0" * 64
        return json.dumps(document).encode()

    [problem] = verify_binder_zip(rewritten(binder_zip(), edit))
    assert problem.where == "warrants/w-0001-muller.pdf"


def test_an_entry_removed_from_the_manifest_leaves_its_file_unlisted() -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name != "MANIFEST.json":
            return data
        document = json.loads(data)
        del document["files"][0]
        return json.dumps(document).encode()

    [problem] = verify_binder_zip(rewritten(binder_zip(), edit))
    assert problem == Problem(AGREEMENT, "is in the ZIP but not in the manifest")


@pytest.mark.parametrize(
    ("manifest_bytes", "what"),
    [
        (None, "is missing, so no file in the ZIP can be checked"),
        (b"{not json", "cannot be read"),
        (b'{"files": "none"}', 'is not a binder manifest: it has no "files" list'),
    ],
)
def test_a_missing_or_unreadable_manifest_is_one_problem_at_the_manifest(
    manifest_bytes: bytes | None, what: str
) -> None:
    broken = rewritten(
        binder_zip(), lambda name, data: manifest_bytes if name == "MANIFEST.json" else data
    )
    [problem] = verify_binder_zip(broken)
    assert problem.where == "MANIFEST.json" and problem.what.startswith(what)


def test_a_manifest_entry_of_the_wrong_shape_is_named_by_its_number() -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name != "MANIFEST.json":
            return data
        document = json.loads(data)
        document["files"][1]["size"] = "12"
        return json.dumps(document).encode()

    [problem] = verify_binder_zip(rewritten(binder_zip(), edit))
    assert problem.where == "MANIFEST.json file 2"


def test_bytes_that_are_not_a_zip_are_one_problem() -> None:
    assert verify_binder_zip(b"PK nothing", source="closing.zip") == [
        Problem("closing.zip", "is not a ZIP archive (or it is truncated)")
    ]


def test_names_in_the_zip_are_relative_ascii_and_unique() -> None:
    given = [
        "../../etc/passwd",
        "/absolute/Müller.pdf",
        "C:\\Users\\x\\Société Générale.pdf",
        "warrants/Müller.pdf",
        "warrants/MULLER.pdf",
        "warrants/muller.pdf",
        "binder.pdf",
        "MANIFEST.json",
        "山田.pdf",
        "warrants/CON.pdf",
    ]
    names = safe_paths(given, taken=("binder.pdf", "MANIFEST.json"))
    assert names[:8] == [
        "etc/passwd",
        "absolute/muller.pdf",
        "users/x/societe-generale.pdf",
        "warrants/muller.pdf",
        "warrants/muller-2.pdf",
        "warrants/muller-3.pdf",
        "binder-2.pdf",
        "manifest-2.json",
    ]
    assert names[8].startswith("x-") and names[8].endswith(".pdf") and names[8].isascii()
    assert names[9] == "warrants/con-.pdf"
    assert len({name.lower() for name in names}) == len(names)


def signature_fields(content: bytes) -> list[dict[str, Any]]:
    """Every signature field in a PDF: widgets on its pages and fields of its form."""
    reader = PdfReader(BytesIO(content))
    found = [
        annotation.get_object()
        for page in reader.pages
        for annotation in (page.get("/Annots") or [])
        if annotation.get_object().get("/FT") == "/Sig"
    ]
    found += [f for f in (reader.get_fields() or {}).values() if f.get("/FT") == "/Sig"]
    return found


def test_a_signed_pdf_bound_into_the_binder_leaves_no_empty_or_broken_signature_field() -> None:
    pki = make_pki()
    [signed] = sign_many([pdf("Executed agreement", pages=2)], pki.key, at=SIGNED_AT)
    before = signature_fields(signed)
    assert before and all(f.get("/V") is not None for f in before)  # signed: a valued field
    section = BinderSection("Executed agreements", (BinderDocument("0001 Alpha Fund", signed),))
    binder = build_binder_pdf([section], title="Closing binder")
    assert signature_fields(binder) == []
    assert not [f for f in signature_fields(binder) if f.get("/V") is None]  # none empty
    assert b"/Sig" not in binder  # nor any orphan signature dictionary
    assert "Executed agreement page 2" in " ".join(text_of(binder))  # the pages are all bound
