"""The closing binder's files: one bookmarked PDF of the closing's documents (with the
closing memorandum and the audit log set as PDFs) and a ZIP of the original files with a
manifest of their SHA-256 hashes, which can be verified later.
"""

from closingdesk.adapters.binder.audit_log_pdf import render_audit_log_pdf
from closingdesk.adapters.binder.binder_pdf import BinderDocument, BinderSection, build_binder_pdf
from closingdesk.adapters.binder.binder_zip import BinderFile, build_binder_zip, verify_binder_zip
from closingdesk.adapters.binder.memo_pdf import render_memo_pdf

__all__ = [
    "BinderDocument",
    "BinderFile",
    "BinderSection",
    "build_binder_pdf",
    "build_binder_zip",
    "render_audit_log_pdf",
    "render_memo_pdf",
    "verify_binder_zip",
]
