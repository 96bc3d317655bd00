"""The record of an inspection: the visit, its findings, samples, results and files.

Each service runs in one transaction, locks the inspection it changes, decides whether its
actor may act (the assigned inspector, or a file manager entering the record for him) and
journals what it did. Findings and samples belong to the report and so are recorded until
it is sent; laboratory results often come back later and are recorded whenever they arrive.
"""

from datetime import date

from django.core.files import File
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.errors import NotPermitted
from qualimark.journal.services import record
from qualimark.oversight.exceptions import InvalidInspection
from qualimark.oversight.lifecycle import (
    CANCEL,
    LIFECYCLE,
    RECORD,
    VISITED,
    InspectionStatus,
    Step,
)
from qualimark.oversight.models import (
    NONCONFORMITIES,
    Attachment,
    Finding,
    FindingKind,
    Inspection,
    LabResult,
    Sample,
)
from qualimark.oversight.permissions import inspection_standing
from qualimark.oversight.planning import check_under_oversight
from qualimark.parties.roles import Capacity, performs
from qualimark.schemes.models import DocumentVersion


def lock(inspection: Inspection) -> Inspection:
    """The inspection, locked for the rest of the transaction, with its file."""
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("certificate__programme__scheme", "certificate__holder", "body")
        .get(pk=inspection.pk)
    )


def sync(inspection: Inspection, locked: Inspection, *fields: str) -> Inspection:
    """Bring the caller's instance up to date with what a service saved."""
    for field in fields:
        setattr(inspection, field, getattr(locked, field))
    return inspection


@performs(RECORD)
@transaction.atomic
def carry_out_inspection(
    inspection: Inspection,
    *,
    by: User,
    visited_on: date,
    summary: str = "",
    inspector: User | None = None,
) -> Inspection:
    """Record that `inspector` (by default `by`) of the body visited the holder on `visited_on`.

    `by` is who enters the visit: the inspector himself, or a staff member of the body
    entering it for him; the journal names `by`. From now on the inspector is involved in
    the file and can never decide on it (ISO/IEC 17065). A file manager may record that a
    colleague of the same body carried out an inspection planned for another inspector: the
    one who visited is recorded.
    """
    inspector = inspector or by
    locked = lock(inspection)
    standing = inspection_standing(by, locked)
    target = LIFECYCLE.gate(Step.CARRY_OUT, locked.status, standing)
    if inspector.pk != by.pk and not standing.capacities & {
        Capacity.FILE_MANAGER,
        Capacity.ADMINISTRATOR,
    }:
        raise NotPermitted(
            _("%(person)s records their own visits; a file manager records one for a colleague.")
            % {"person": by}
        )
    if not locked.body.inspectors.filter(pk=inspector.pk).exists():
        raise InvalidInspection(
            _("%(person)s is not an inspector of %(body)s.")
            % {"person": inspector, "body": locked.body.name}
        )
    if visited_on > clock.today():
        raise InvalidInspection(_("A visit cannot be recorded before it took place."))
    check_under_oversight(locked.certificate, visited_on)
    locked.status, locked.visited_on, locked.inspector = target, visited_on, inspector
    locked.report_summary = summary.strip() or locked.report_summary
    locked.save(update_fields=["status", "visited_on", "inspector", "report_summary"])
    record_involvement(locked.certificate, inspector, role=InvolvementRole.INSPECTOR)
    record(
        "inspection.carried_out",
        locked,
        actor=by,
        data={"visited_on": visited_on, "inspector": inspector.pk},
    )
    return sync(inspection, locked, "status", "visited_on", "inspector", "report_summary")


@performs(CANCEL)
@transaction.atomic
def cancel_inspection(inspection: Inspection, *, by: User, reason: str) -> Inspection:
    """Cancel an inspection that has not taken place (a file manager does)."""
    locked = lock(inspection)
    target = LIFECYCLE.gate(Step.CANCEL, locked.status, inspection_standing(by, locked))
    if not reason.strip():
        raise InvalidInspection(_("Say why the inspection is cancelled."))
    locked.status, locked.cancellation_reason = target, reason.strip()
    locked.save(update_fields=["status", "cancellation_reason"])
    record("inspection.cancelled", locked, actor=by, data={"reason": reason})
    return sync(inspection, locked, "status", "cancellation_reason")


def _lock_record(inspection: Inspection, by: User) -> Inspection:
    """The inspection, locked, once `by` may record its report."""
    locked = lock(inspection)
    RECORD.check(inspection_standing(by, locked))
    return locked


def _check_report_open(inspection: Inspection) -> date:
    """The visit date of an inspection whose report can still be written."""
    if inspection.status != InspectionStatus.CARRIED_OUT or inspection.visited_on is None:
        raise InvalidInspection(
            _(
                "The report of inspection %(reference)s is %(status)s: findings and samples "
                "are recorded after the visit and before the report is sent."
            )
            % {"reference": inspection.reference, "status": inspection.get_status_display()}
        )
    return inspection.visited_on


@performs(RECORD)
@transaction.atomic
def write_report_summary(inspection: Inspection, *, by: User, summary: str) -> Inspection:
    """Write the summary of the report, until it is sent."""
    locked = _lock_record(inspection, by)
    _check_report_open(locked)
    locked.report_summary = summary.strip()
    locked.save(update_fields=["report_summary"])
    record("inspection.summary_written", locked, actor=by, data={"summary": locked.report_summary})
    return sync(inspection, locked, "report_summary")


@performs(RECORD)
@transaction.atomic
def add_finding(
    inspection: Inspection,
    *,
    by: User,
    kind: FindingKind,
    observation: str,
    requirement: DocumentVersion | None = None,
    clause: str = "",
    requirement_text: str = "",
) -> Finding:
    """Add a finding to the report.

    A nonconformity names the requirement it breaks: a clause of the version of the
    programme's PTV, TRA or BRS that was in force on the day of the visit.
    """
    locked = _lock_record(inspection, by)
    check_finding(locked, kind, requirement, clause)
    if not observation.strip():
        raise InvalidInspection(_("A finding needs the observation the inspector made."))
    finding = Finding.objects.create(
        inspection=locked,
        kind=FindingKind(kind),
        requirement=requirement,
        clause=clause.strip(),
        requirement_text=requirement_text.strip(),
        observation=observation.strip(),
    )
    record(
        "inspection.finding_added",
        locked,
        actor=by,
        data={
            "finding": finding.pk,
            "kind": kind,
            "requirement": str(requirement) if requirement else None,
            "clause": finding.clause,
        },
    )
    return finding


def check_finding(
    inspection: Inspection, kind: str, requirement: DocumentVersion | None, clause: str
) -> None:
    """Refuse a finding that the report cannot take (also used by the staff forms)."""
    visited_on = _check_report_open(inspection)
    if kind in NONCONFORMITIES and (requirement is None or not clause.strip()):
        raise InvalidInspection(
            _("A nonconformity names the reference document and the clause it breaks.")
        )
    if requirement is None:
        return
    in_force = inspection.certificate.programme.versions_on(visited_on)
    if requirement not in in_force:
        raise InvalidInspection(
            _(
                "%(version)s was not the version in force for this file on %(date)s; "
                "in force were: %(versions)s."
            )
            % {
                "version": requirement,
                "date": date_format(visited_on),
                "versions": ", ".join(str(v) for v in in_force) or "—",
            }
        )


@performs(RECORD)
@transaction.atomic
def add_sample(
    inspection: Inspection,
    *,
    by: User,
    reference: str,
    characteristics: str,
    laboratory: str,
    taken_on: date | None = None,
) -> Sample:
    """Record a sample taken for a laboratory (on the day of the visit unless said)."""
    locked = _lock_record(inspection, by)
    visited_on = _check_report_open(locked)
    taken_on = taken_on or visited_on
    check_sample(locked, reference, taken_on)
    if not (characteristics.strip() and laboratory.strip()):
        raise InvalidInspection(_("A sample needs what is to be tested, and by which laboratory."))
    sample = Sample.objects.create(
        inspection=locked,
        reference=reference.strip(),
        characteristics=characteristics.strip(),
        laboratory=laboratory.strip(),
        taken_on=taken_on,
    )
    record(
        "inspection.sample_added",
        locked,
        actor=by,
        data={"sample": sample.reference, "laboratory": sample.laboratory, "taken_on": taken_on},
    )
    return sample


def check_sample(inspection: Inspection, reference: str, taken_on: date) -> None:
    """Refuse a sample the report cannot take (also used by the staff forms)."""
    visited_on = _check_report_open(inspection)
    if not reference.strip():
        raise InvalidInspection(_("A sample needs its reference."))
    if inspection.samples.filter(reference=reference.strip()).exists():
        raise InvalidInspection(
            _("Sample %(reference)s is already recorded for this inspection.")
            % {"reference": reference.strip()}
        )
    if not visited_on <= taken_on <= clock.today():
        raise InvalidInspection(
            _("A sample is taken from the day of the visit (%(date)s) up to today.")
            % {"date": date_format(visited_on)}
        )


@performs(RECORD)
@transaction.atomic
def record_lab_result(
    sample: Sample, *, by: User, received_on: date, result: str, conform: bool
) -> LabResult:
    """Record the laboratory's result on `sample`, also after the report was sent."""
    sample.inspection = _lock_record(sample.inspection, by)
    check_lab_result(sample, received_on)
    if not result.strip():
        raise InvalidInspection(_("Give the result the laboratory reported."))
    lab_result = LabResult.objects.create(
        sample=sample,
        received_on=received_on,
        result=result.strip(),
        conform=conform,
        recorded_by=by,
        recorded_at=clock.now(),
    )
    record(
        "inspection.lab_result_recorded",
        sample.inspection,
        actor=by,
        data={"sample": sample.reference, "received_on": received_on, "conform": conform},
    )
    return lab_result


def check_lab_result(sample: Sample, received_on: date) -> None:
    """Refuse a result that cannot be recorded (also used by the staff forms)."""
    if sample.inspection.status not in VISITED:
        raise InvalidInspection(_("This inspection has not been carried out."))
    if LabResult.objects.filter(sample=sample).exists():
        raise InvalidInspection(
            _("The result of sample %(reference)s is already recorded.")
            % {"reference": sample.reference}
        )
    if not sample.taken_on <= received_on <= clock.today():
        raise InvalidInspection(
            _("A result is received between the day the sample was taken (%(date)s) and today.")
            % {"date": date_format(sample.taken_on)}
        )


@performs(RECORD)
@transaction.atomic
def add_attachment(
    inspection: Inspection, *, by: User, file: File[bytes], description: str
) -> Attachment:
    """Attach a file (photo, delivery note, laboratory report…) to a carried-out inspection."""
    locked = _lock_record(inspection, by)
    if locked.status not in VISITED:
        raise InvalidInspection(_("Files are attached once the inspection is carried out."))
    if not description.strip():
        raise InvalidInspection(_("Describe the attached file."))
    attachment = Attachment.objects.create(
        inspection=locked,
        file=file,
        description=description.strip(),
        added_by=by,
        added_at=clock.now(),
    )
    record(
        "inspection.attachment_added",
        locked,
        actor=by,
        data={
            "attachment": attachment.pk,
            "file": attachment.file.name,
            "description": description,
        },
    )
    return attachment
