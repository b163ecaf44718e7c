"""Settlement as the API answers it: readiness, what was settled, the deadlines."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from closingdesk.interfaces.api.schemas import NO_NUL, VISIBLE, Money
from closingdesk.interfaces.mail_config import NO_SERVER
from closingdesk.services.settlement.deliveries import DeliveryOutcome
from closingdesk.services.settlement.lateness import late_json
from closingdesk.services.settlement.settlement_view import SettlementOverview
from closingdesk.services.settlement.settling import SettlementRun


class NotReadyPublic(BaseModel):
    purchaser_id: int
    name: str
    reasons: list[str] = Field(description="every reason, not the first")


class InstructionPublic(BaseModel):
    cusip: str
    shares: int
    purchase_price: Money
    dtc_participant: str
    dtc_account: str
    dtc_reference: str | None
    registration: str
    prospectus: str
    legend: str
    instructed_on: str


class LatePublic(BaseModel):
    """An obligation done after its deadline, and by how much."""

    obligation: str
    due: str
    done_at: str
    days_late: int
    seconds_late: int


class SettledPublic(BaseModel):
    purchaser_id: int
    name: str
    warrant_number: str
    warrant_shares: int
    warrant_issue_date: str = Field(description="the agreement date")
    original_due: str
    late: list[LatePublic] = []
    signed_by: str = ""
    instruction: InstructionPublic


class DeliveryPublic(BaseModel):
    kind: str = Field(description="dwac_instruction or warrant_copy")
    purchaser_id: int | None
    addressee: str
    sent_to: str | None
    status: str
    detail: str


class SettlementRunPublic(BaseModel):
    offering: str
    run_id: int | None = Field(description="null: nobody was ready, nothing was written")
    settled: list[SettledPublic]
    not_ready: list[NotReadyPublic]
    already_settled: list[int]
    mail: str = Field(
        default=NO_SERVER, description='"sent" when a mail server is set, else why nothing was'
    )
    deliveries: list[DeliveryPublic] = Field(
        default_factory=list, description="each message settling sent or tried, as the CLI's"
    )


def settlement_run_public(
    run: SettlementRun, *, mailed: bool = False, deliveries: Sequence[DeliveryOutcome] = ()
) -> SettlementRunPublic:
    return SettlementRunPublic(
        mail="sent" if mailed else NO_SERVER,
        deliveries=[
            DeliveryPublic(
                kind=d.kind,
                purchaser_id=d.purchaser_id,
                addressee=d.addressee,
                sent_to=d.sent_to,
                status=d.status,
                detail=d.detail,
            )
            for d in deliveries
        ],
        offering=run.offering.slug,
        run_id=run.run_id,
        settled=[
            SettledPublic(
                purchaser_id=s.purchaser_id,
                name=s.name,
                warrant_number=s.warrant_number,
                warrant_shares=s.warrant_shares,
                warrant_issue_date=s.issue_date.isoformat(),
                original_due=s.original_due.isoformat(),
                late=[LatePublic(**late_json(x)) for x in s.late],
                signed_by=s.signed_by,
                instruction=InstructionPublic(
                    cusip=s.row.cusip,
                    shares=s.row.shares,
                    purchase_price=s.row.purchase_price,
                    dtc_participant=s.row.dtc_participant,
                    dtc_account=s.row.dtc_account,
                    dtc_reference=s.row.dtc_reference,
                    registration=s.row.registration,
                    prospectus=s.row.prospectus,
                    legend=s.row.legend,
                    instructed_on=s.row.instructed_on.isoformat(),
                ),
            )
            for s in run.settled
        ],
        not_ready=[
            NotReadyPublic(purchaser_id=n.purchaser_id, name=n.name, reasons=list(n.reasons))
            for n in run.not_ready
        ],
        already_settled=list(run.already_settled),
    )


class DeadlinePublic(BaseModel):
    name: str
    subject: str
    due: str
    seconds_left: int
    done: bool
    missed: bool


class WarrantPublic(BaseModel):
    number: str
    purchaser_id: int
    holder: str
    warrant_shares: int
    issue_date: str
    copy_delivered: bool
    original_due: str
    original_dispatched_at: str | None
    carrier: str | None
    tracking: str | None
    shares_confirmed: bool
    original_delivered_at: str | None = None
    original_overdue: bool = Field(
        default=False,
        description="not delivered, and its deadline (the next business day) has passed",
    )
    signed_by: str | None = None
    late: list[LatePublic] = []


class SettlementPublic(BaseModel):
    offering: str
    ready: list[int]
    not_ready: list[NotReadyPublic]
    warrants: list[WarrantPublic]
    deadlines: list[DeadlinePublic]


def settlement_public(view: SettlementOverview) -> SettlementPublic:
    return SettlementPublic(
        offering=view.offering.slug,
        ready=[pid for pid, _ in view.ready],
        not_ready=[
            NotReadyPublic(purchaser_id=n.purchaser_id, name=n.name, reasons=list(n.reasons))
            for n in view.not_ready
        ],
        warrants=[
            WarrantPublic(
                number=s.warrant_number,
                purchaser_id=s.purchaser_id,
                holder=s.name,
                warrant_shares=s.warrant_shares,
                issue_date=s.issue_date,
                copy_delivered=s.copy_delivered,
                original_due=s.original_due,
                original_dispatched_at=s.dispatched_at,
                carrier=s.carrier,
                tracking=s.tracking,
                shares_confirmed=s.shares_confirmed,
                original_delivered_at=s.delivered_at,
                original_overdue=s.original_overdue,
                signed_by=s.signed_by,
                late=[LatePublic(**late_json(x)) for x in s.late],
            )
            for s in view.settled
        ],
        deadlines=[
            DeadlinePublic(
                name=d.name,
                subject=d.subject,
                due=d.due.isoformat(),
                seconds_left=d.seconds_left,
                done=d.done,
                missed=d.missed,
            )
            for d in view.deadlines
        ],
    )


class SettleCreate(BaseModel):
    purchaser_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class DispatchCreate(BaseModel):
    carrier: str = Field(min_length=1, max_length=100, pattern=VISIBLE)
    tracking: str = Field(min_length=1, max_length=100, pattern=VISIBLE)


class DispatchPublic(BaseModel):
    number: str
    purchaser_id: int
    due: str
    dispatched_at: str
    late: bool


class ConfirmationCreate(BaseModel):
    shares: int = Field(ge=1, le=10**12)  # exact in every JSON reader (below 2**53)
    reference: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
