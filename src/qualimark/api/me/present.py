"""Files and inspections turned into the `/me/` schemas."""

from datetime import datetime

from django.utils import timezone

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.api.me import schemas
from qualimark.api.present import holder_ref, production_unit, scheme_ref, subject_ref, unit_line
from qualimark.certification.lifecycle import LIFECYCLE, Status, Transition
from qualimark.certification.models import Certificate, Decision
from qualimark.certification.permissions import file_standing
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import Comment, Finding, FindingKind, Inspection


def local(moment: datetime) -> datetime:
    """A moment as people in Brussels read it (the database hands it back in UTC)."""
    return timezone.localtime(moment)


def file_summary(certificate: Certificate) -> schemas.FileSummary:
    return schemas.FileSummary(
        number=certificate.number,
        scheme=scheme_ref(certificate.programme.scheme),
        subject=subject_ref(certificate.programme.subject),
        holder=holder_ref(certificate.holder),
        production_unit=unit_line(certificate.production_unit),
        status=certificate.status_on(clock.today()),
        applied_on=certificate.applied_on,
        expires_on=certificate.expires_on,
    )


def decision(item: Decision) -> schemas.DecisionOut:
    return schemas.DecisionOut(
        transition=Transition(item.transition),
        from_status=Status(item.from_status) if item.from_status else None,
        to_status=Status(item.to_status),
        effective=item.effective,
        until=item.until,
        expires_on=item.expires_on,
        decided_by=str(item.decided_by),
        decided_at=local(item.decided_at),
        reason=item.reason,
    )


def file(certificate: Certificate, user: User) -> schemas.FileOut:
    status = certificate.status_on(clock.today())
    unit = certificate.production_unit
    decisions = certificate.decisions.select_related("decided_by").order_by("id")
    return schemas.FileOut(
        number=certificate.number,
        scheme=scheme_ref(certificate.programme.scheme),
        subject=subject_ref(certificate.programme.subject),
        holder=holder_ref(certificate.holder),
        production_unit=production_unit(unit) if unit else None,
        applied_on=certificate.applied_on,
        expires_on=certificate.expires_on,
        status=status,
        valid=status == Status.CERTIFIED,
        decisions=[decision(item) for item in decisions],
        may_take=LIFECYCLE.open_to(status, file_standing(user, certificate)),
    )


def inspection_summary(inspection: Inspection) -> schemas.InspectionSummary:
    sent_at = inspection.report_sent_at
    return schemas.InspectionSummary(
        reference=inspection.reference,
        certificate_number=inspection.certificate.number,
        holder=holder_ref(inspection.certificate.holder),
        status=InspectionStatus(inspection.status),
        body=inspection.body.name,
        inspector=str(inspection.inspector),
        planned_on=inspection.planned_on,
        visited_on=inspection.visited_on,
        report_sent_at=local(sent_at) if sent_at else None,
        comment_deadline=inspection.comment_deadline,
        comment_window_open=inspection.comment_window_open(clock.today()),
    )


def finding(item: Finding) -> schemas.FindingOut:
    return schemas.FindingOut(
        kind=FindingKind(item.kind),
        requirement=str(item.requirement) if item.requirement else None,
        clause=item.clause,
        observation=item.observation,
    )


def comment(item: Comment) -> schemas.CommentOut:
    return schemas.CommentOut(by=str(item.by), at=local(item.at), text=item.text)


def inspection(item: Inspection) -> schemas.InspectionOut:
    findings = item.findings.select_related("requirement__document").order_by("id")
    comments = item.comments.select_related("by").order_by("at", "id")
    return schemas.InspectionOut(
        **inspection_summary(item).model_dump(),
        location=item.location,
        summary=item.report_summary,
        findings=[finding(f) for f in findings],
        comments=[comment(c) for c in comments],
    )
