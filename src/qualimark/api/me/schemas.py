"""The declared input and output of `/me/`: every field listed, no database id anywhere.

Files are named by their certificate number and inspections by their reference, as on the
pages; people by their name only (no e-mail address leaves through this part).
"""

from datetime import date, datetime

from ninja import Field, Schema

from qualimark.api.schemas import Day, HolderRef, ProductionUnitOut, SchemeRef, SubjectRef
from qualimark.certification.lifecycle import Status, Transition
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import FindingKind

MAX_PAGE = 10_000
MAX_PER_PAGE = 100


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)


class FileSummary(Schema):
    number: str
    scheme: SchemeRef
    subject: SubjectRef
    holder: HolderRef
    production_unit: str | None = Field(description="Name and town of the production unit.")
    status: Status | None = Field(description="Status today.")
    applied_on: date
    expires_on: date | None = Field(description="First day on which it is no longer valid.")


class FilePageOut(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    results: list[FileSummary]


class DecisionOut(Schema):
    transition: Transition
    from_status: Status | None = Field(description="Null for the application itself.")
    to_status: Status
    effective: date = Field(description="The first day the decision takes effect.")
    until: date | None = Field(description="For a suspension with an end: the day it ends.")
    expires_on: date | None = Field(description="The expiry a grant or a renewal set.")
    decided_by: str = Field(description="The name of who took it.")
    decided_at: datetime
    reason: str


class FileOut(Schema):
    number: str
    scheme: SchemeRef
    subject: SubjectRef
    holder: HolderRef
    production_unit: ProductionUnitOut | None
    applied_on: date
    expires_on: date | None = Field(description="First day on which it is no longer valid.")
    status: Status | None = Field(description="Status today.")
    valid: bool = Field(description="Certified today (not suspended, withdrawn, …).")
    decisions: list[DecisionOut] = Field(description="Every decision on the file, oldest first.")
    may_take: list[Transition] = Field(
        description="The decisions open on the file today that the caller may take."
    )


class DecisionIn(Schema):
    transition: Transition
    reason: str = Field(max_length=4000, description="Why; it goes into the decision letter.")
    effective: Day | None = Field(None, description="From when; default today.")
    until: Day | None = Field(None, description="Suspension only: the day it ends by itself.")
    expires_on: Day | None = Field(None, description="Grant or renewal: the new expiry date.")


class InspectionSummary(Schema):
    reference: str
    certificate_number: str
    holder: HolderRef
    status: InspectionStatus
    body: str = Field(description="The inspection body.")
    inspector: str = Field(description="The name of the inspector.")
    planned_on: date
    visited_on: date | None
    report_sent_at: datetime | None
    comment_deadline: date | None = Field(description="The last day the holder may comment.")
    comment_window_open: bool


class InspectionPageOut(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    results: list[InspectionSummary]


class FindingOut(Schema):
    kind: FindingKind
    requirement: str | None = Field(description="The reference document and its version.")
    clause: str
    observation: str


class CommentOut(Schema):
    by: str = Field(description="The name of who wrote it.")
    at: datetime
    text: str


class InspectionOut(InspectionSummary):
    location: str = Field(description="The production unit, or the site of an execution.")
    summary: str = Field(description="The report's summary.")
    findings: list[FindingOut]
    comments: list[CommentOut] = Field(description="The holder's answers to the report.")
