"""The certificate of completion: one PDF page (or more) listing a document's signing events.

It names the document and its SHA-256, then tabulates every signing event with its
evidence: the signer and their title, their side, the method, when (UTC), the IP address and
user agent, the link and the e-mail it was sent to, and the consent version. The same
completion gives the same bytes (reportlab's invariant mode: fixed ids and dates).
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from closingdesk.adapters.documents.pdf_styles import styles as closingdesk_styles
from closingdesk.adapters.documents.pdf_styles import with_fallback as escape
from closingdesk.domain.signing.signing_evidence import (
    Completion,
    SigningEvidence,
    check_completion,
)

HEADERS = ("#", "Signer", "Side", "Method", "When (UTC)", "IP address", "User agent",
           "Link / sent to", "Consent", "Document seen")  # fmt: skip
NONE = "none attached"
WIDTHS = (0.3, 1.5, 0.75, 0.85, 1.15, 0.95, 1.5, 1.2, 0.8, 0.9)


def completion_pdf(completion: Completion) -> bytes:
    styles = closingdesk_styles()  # our embedded faces: names in any script print
    cell = ParagraphStyle("cell", parent=styles["line"], fontSize=7.5, leading=9)
    out = BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=landscape(letter),
        invariant=1,
        title=f"Certificate of completion: {completion.document_name}",
        author="closingdesk",
        leftMargin=0.5 * inch,
        rightMargin=0.5 * inch,
        topMargin=0.5 * inch,
        bottomMargin=0.5 * inch,
    )
    story = [
        Paragraph("Certificate of completion", styles["title"]),
        *(Paragraph(line, styles["flush"]) for line in _summary(completion)),
        Spacer(0, 0.15 * inch),
        _table(completion, cell),
        Spacer(0, 0.15 * inch),
        *(Paragraph(line, cell) for line in _notes(completion)),
    ]
    document.build(story)
    return out.getvalue()


def _summary(completion: Completion) -> list[str]:
    lines = [
        ("Document", completion.document_name),
        ("Document SHA-256", completion.document_sha256),
        ("Offering", completion.offering),
        ("Executed PDF SHA-256", completion.executed_sha256),
        ("Company signing certificate (SHA-256)", completion.certificate_fingerprint),
        ("Exhibit B, prospectus supplement (SHA-256)", completion.exhibit_b_sha256 or NONE),
        ("Signing events", str(len(completion.events))),
        ("Certificate generated (UTC)", _utc(completion.generated_at)),
    ]
    return [f"<b>{escape(label)}:</b> {escape(value)}" for label, value in lines if value]


def _table(completion: Completion, style: ParagraphStyle) -> Table:
    rows = [[Paragraph(f"<b>{h}</b>", style) for h in HEADERS]]
    for number, evidence in enumerate(completion.events, start=1):
        values = _row(number, evidence, completion.document_sha256)
        rows.append([Paragraph(escape(value), style) for value in values])
    table = Table(rows, colWidths=[w * inch for w in WIDTHS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _row(number: int, evidence: SigningEvidence, document_sha256: str) -> list[str]:
    signer = evidence.who + (f", {evidence.title}" if evidence.title else "")
    link = " / ".join(
        part
        for part in (
            None if evidence.link_id is None else f"link {evidence.link_id}",
            evidence.sent_to,
        )
        if part
    )
    same = evidence.document_sha256 == document_sha256
    seen = "this document" if same else f"OTHER: {evidence.document_sha256[:16]}..."
    return [
        str(number),
        signer,
        evidence.role,
        evidence.method,
        _utc(evidence.at),
        evidence.ip or "-",
        evidence.user_agent or "-",
        link or "-",
        evidence.consent_version or "-",
        seen,
    ]


def _notes(completion: Completion) -> list[str]:
    notes = [
        'Times are the server\'s clock in UTC. "Document seen" compares the SHA-256 of the '
        "bytes each signer was shown with the document's SHA-256 above.",
    ]
    problems = check_completion(completion)
    notes += [f"<b>Problem:</b> {escape(str(problem))}" for problem in problems]
    return notes


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
