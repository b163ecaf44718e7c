"""The whole signing in Chromium: a purchaser opens their link, opens the prospectus, gives
consent and signs; an admin countersigns; the executed PDF verifies with pyHanko."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from closingdesk.adapters.store.signing_repository import SigningRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.documents.prospectus import add_prospectus
from closingdesk.services.signing.signatures import signing_view
from tests.http_scenarios import PASSWORD, LiveServer, artifact
from tests.scenarios import ACTOR, NOW
from tests.signing_steps import PROSPECTUS, SIGNERS, change_book, draft_pdfs, link_for

OFFERING = "/offerings/neotherapeutics-2002"


@pytest.mark.browser
def test_a_purchaser_signs_an_admin_countersigns_and_the_executed_pdf_verifies(
    live_server: LiveServer, browser_page: Any, tmp_path: Path
) -> None:
    closing, page = live_server.closing, browser_page
    engine = closing.engine
    change_book(engine, tmp_path, SIGNERS)
    draft_pdfs(engine)
    add_prospectus(engine, PROSPECTUS, source="prospectus.pdf", offering=None, actor=ACTOR, now=NOW)
    link = link_for(engine, closing.app.state.link_key, "Alpha Fund")
    portal = f"{live_server.url}/p/{link.token}"

    page.goto(portal)
    assert "Signing needs the prospectus supplement" in page.locator("#signing").inner_text()
    open_in_the_browser(page, page.locator("[data-prospectus]").get_attribute("href"))
    page.goto(portal)
    page.wait_for_selector("[data-prospectus-delivered]")

    page.check("input[name=consent_version]")
    assert page.input_value("#signer-name") == "Jane Roe"
    page.fill("#signer-title", "Managing Member")
    page.fill("#typed-signature", "Jane Roe")
    page.locator("#signing").screenshot(path=str(artifact("signing-form.png")))
    page.click("text=Sign the agreement")
    page.wait_for_selector("[data-signed]")
    assert " UTC by Jane Roe, Managing Member" in page.locator("[data-signed]").inner_text()
    page.locator("#signing").screenshot(path=str(artifact("signed.png")))

    sign_in_as_admin(page, live_server.url)
    page.goto(f"{live_server.url}/purchasers/{link.link.purchaser_id}")
    assert page.locator("[data-signature-status]").inner_text() == "signed electronically"
    page.locator("#signature").screenshot(path=str(artifact("signature-panel.png")))
    page.goto(f"{live_server.url}{OFFERING}/countersign")
    page.check("[data-pick-all]")
    assert page.is_checked("[data-pick]")
    page.select_option("#signer_name", "Samuel Gulko")
    page.screenshot(path=str(artifact("countersign.png")), full_page=True)
    page.click("text=Countersign the selected")
    page.wait_for_selector("[data-countersigned]")
    assert "Countersigned 1 agreement" in page.locator("h1").inner_text()
    page.screenshot(path=str(artifact("countersigned.png")), full_page=True)

    executed = page.locator("[data-countersigned] a[download]").first
    assert executed.inner_text().startswith("executed-")
    response = page.request.get(f"{live_server.url}{executed.get_attribute('href')}")
    assert response.ok
    pdf = response.body()
    with ThreadPoolExecutor(1) as thread:  # pyHanko runs its own event loop; Playwright's is here
        thread.submit(assert_signed_and_unchanged_by_the_offering, pdf, engine).result()
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "/s/ Jane Roe" in text and "/s/ Samuel Gulko" in text  # the signatory chosen
    assert signing_view(engine, purchaser_id=link.link.purchaser_id).company_signed
    page.goto(portal)
    assert "your agreement is executed" in page.locator("#signing").inner_text()
    assert page.locator("[data-executed]").get_attribute("href") == (
        f"/p/{link.token}/executed-agreement.pdf"
    )
    render_signature_page(pdf, artifact("executed-agreement.png"))


def open_in_the_browser(page: Any, href: str | None) -> None:
    """Open a PDF link as the purchaser's browser does: with its cookies and user agent (a
    headless browser may download a PDF instead of showing it, which still opens it)."""
    assert href
    status = page.evaluate("async (href) => (await fetch(href)).status", href)
    assert status == 200


def sign_in_as_admin(page: Any, url: str) -> None:
    page.goto(f"{url}/login")
    page.fill("input[name=email]", "admin@closing.example")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}{OFFERING}")


def assert_signed_and_unchanged_by_the_offering(pdf: bytes, engine: Any) -> None:
    """pyHanko's own validation, trusting only the installation's CA."""
    with UnitOfWork(engine, read_only=True) as uow:
        authority = SigningRepository(uow.connection).authority()
    assert authority is not None
    _, _, der = pem.unarmor(authority.certificate_pem)
    context = ValidationContext(trust_roots=[x509.Certificate.load(der)], allow_fetching=False)
    [signature] = PdfFileReader(BytesIO(pdf)).embedded_signatures
    status = validate_pdf_signature(signature, context)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert "NeoTherapeutics" in status.signing_cert.subject.human_friendly


def render_signature_page(pdf: bytes, png: Path) -> None:
    """The page with both signature blocks, as a PNG people can look at (needs pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm is missing: .ci/run installs poppler-utils")
        warnings.warn("pdftoppm is missing: executed-agreement.png was not made", stacklevel=2)
        return
    pages = [p.extract_text() for p in PdfReader(BytesIO(pdf)).pages]
    number = next(n for n, text in enumerate(pages, 1) if "/s/ Samuel Gulko" in text)
    source = png.with_suffix(".pdf")
    source.write_bytes(pdf)
    stem = png.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", str(number), "-l", str(number), "-singlefile",
         str(source), str(stem)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    source.unlink()
    assert png.stat().st_size > 10_000
