"""Build the default Word templates shipped beside this file, from the domain's wording.

Run after changing the agreement's or the warrant's wording, and commit the result:

    .venv/bin/python -m closingdesk.adapters.documents.templates.build_default_templates

The templates are deterministic (fixed dates), so a rebuild without changes is a no-op.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

from closingdesk.adapters.documents.docx_document import fixed_zip
from closingdesk.adapters.documents.docx_template import build_template
from closingdesk.domain.documents.agreement_document import AGREEMENT, FOOTER

BUILT = date(2000, 1, 1)


def agreement_template() -> bytes:
    document = build_template(AGREEMENT, footer=FOOTER, title="Securities Purchase Agreement")
    core = document.core_properties
    core.author = core.last_modified_by = "closingdesk"
    core.created = core.modified = datetime.combine(BUILT, datetime.min.time(), UTC)
    core.revision = 1
    out = BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue(), BUILT)


def main() -> None:
    path = Path(__file__).with_name("agreement.docx")
    path.write_bytes(agreement_template())
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
