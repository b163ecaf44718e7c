"""The consent to sign electronically: the text a purchaser reads before adopting a signature.

Under the federal ESIGN Act (15 U.S.C. 7001(c)) and the Uniform Electronic Transactions Act,
an electronic signature binds only a party who agreed to do business electronically, after
being told of their right to paper, how to withdraw and what they need to read the records.
The text is versioned: each signature records :data:`CONSENT_VERSION`, the version it was
given under, and a changed text gets a new version.

>>> CONSENT_VERSION
'esign-consent-1'
>>> "paper copy" in CONSENT_TEXT and "withdraw" in CONSENT_TEXT
True
"""

from __future__ import annotations

CONSENT_VERSION: str = "esign-consent-1"

CONSENT_TEXT: str = """\
Consent to sign electronically

Before you sign, please read this. By giving your consent you agree that your Securities
Purchase Agreement, your signature page and the notices about them may be given to you and
signed by you electronically, and that your electronic signature binds you exactly as a
signature in ink on paper would (the federal ESIGN Act and the Uniform Electronic
Transactions Act as adopted in the governing state).

What it means. You will read your agreement on this page as a PDF and sign it by typing your
name as your signature. We record who signed, when (in UTC, by our server's clock), from
which IP address and browser, the link you used and the e-mail address it was sent to, and
the SHA-256 fingerprint of exactly the document you were shown.

Your right to paper. You may sign on paper instead: ask the placement agent or the company
for a paper copy and return a signed signature page by e-mail, facsimile or mail. You may
ask for a paper copy of any document you signed here at any time, free of charge.

Withdrawing your consent. You may withdraw this consent at any time before you sign by
telling the placement agent or the company; withdrawing does not undo a signature already
given. After you withdraw, the closing continues on paper.

What you need. A device with a current web browser that can show PDF files, and a way to
keep a copy (save or print). The executed agreement and its certificate of completion will
be made available to you for download.

How to get a copy. Download the PDF from this page before and after you sign, or ask the
placement agent for one.
"""
