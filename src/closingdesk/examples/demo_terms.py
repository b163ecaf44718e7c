"""The demo's terms: the seed's offering, with what settlement needs and the form leaves out.

The form names no CUSIP and no transfer agent; the demo supplies fictional ones (the CUSIP
has a valid check digit but belongs to no real security) and says so in its assumptions.
"""

from __future__ import annotations

import dataclasses

from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress, OfferingTerms

DEMO_TRANSFER_AGENT = NoticeAddress(
    name="Example Stock Transfer & Trust Company",
    attention="DWAC Processing",
    title=None,
    address=("1 Registry Plaza, 12th Floor", "New York, NY 10004"),
    fax="(212) 555-0199",
    email="dwac@transfer-agent.example",
)

DEMO_TERMS: OfferingTerms = dataclasses.replace(
    NEOTHERAPEUTICS_2002,
    cusip="64099Z100",
    transfer_agent=DEMO_TRANSFER_AGENT,
    company_signer_name="Samuel Gulko",
    company_signer_title="Chief Financial Officer",
    assumptions=(
        *NEOTHERAPEUTICS_2002.assumptions,
        "CUSIP 64099Z100 is fictional (valid check digit): the form gives none",
        "the transfer agent is fictional: the form names none",
    ),
)
