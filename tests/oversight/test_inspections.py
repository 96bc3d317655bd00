"""Recording an inspection: the visit, findings against the rules in force, samples."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.permissions import check_impartial
from qualimark.errors import NotPermitted, NotVisible
from qualimark.oversight import reports, services
from qualimark.oversight.exceptions import InvalidInspection, StepNotAllowed
from qualimark.oversight.models import FindingKind, Inspection, InspectionStatus
from qualimark.parties.models import Person
from qualimark.schemes.models import DocumentKind, DocumentVersion, ReferenceDocument
from qualimark.schemes.services import add_document_version

from .conftest import TODAY


def test_the_inspector_who_visited_can_never_decide_on_the_file(
    planned: Inspection, decision_maker: User, file_manager: User
) -> None:
    # A decision maker who also inspects for the body visits the holder.
    planned.body.inspectors.add(decision_maker)
    services.carry_out_inspection(
        planned, by=file_manager, inspector=decision_maker, visited_on=TODAY
    )

    assert planned.status == InspectionStatus.CARRIED_OUT
    with pytest.raises(SeparationOfDutiesError):
        certification.suspend_certificate(planned.certificate, by=decision_maker, reason="NC.")


def test_a_visit_entered_by_staff_involves_the_inspector_not_the_staff_member(
    planned: Inspection, inspector: User, file_manager: User
) -> None:
    services.carry_out_inspection(planned, by=file_manager, inspector=inspector, visited_on=TODAY)

    assert planned.inspector == inspector
    with pytest.raises(SeparationOfDutiesError):
        check_impartial(planned.certificate, inspector)
    check_impartial(planned.certificate, file_manager)


def test_a_staff_member_cannot_enter_a_visit_for_someone_outside_the_body(
    planned: Inspection, outsider: User, file_manager: User
) -> None:
    with pytest.raises(InvalidInspection, match="not an inspector"):
        services.carry_out_inspection(
            planned, by=file_manager, inspector=outsider, visited_on=TODAY
        )


def test_an_outsider_does_not_even_see_the_inspection_to_record(
    planned: Inspection, outsider: User
) -> None:
    with pytest.raises(NotVisible):
        services.carry_out_inspection(planned, by=outsider, visited_on=TODAY)

    planned.refresh_from_db()
    assert planned.status == InspectionStatus.PLANNED


def test_only_the_assigned_inspector_or_a_file_manager_records_the_report(
    carried_out: Inspection, reviewer: User, holder_member: User
) -> None:
    with pytest.raises(NotPermitted, match="record the inspection"):
        services.add_finding(
            carried_out, by=reviewer, kind=FindingKind.REMARK, observation="Seen on the way."
        )
    # Visits are unannounced: the holder does not see an inspection before its report.
    with pytest.raises(NotVisible):
        services.write_report_summary(carried_out, by=holder_member, summary="All fine.")


def test_an_inspector_neither_plans_nor_cancels(planned: Inspection, inspector: User) -> None:
    with pytest.raises(NotPermitted, match="cancel the inspection"):
        services.cancel_inspection(planned, by=inspector, reason="Not today.")


def test_a_visit_in_the_future_is_refused(planned: Inspection, inspector: User) -> None:
    with pytest.raises(InvalidInspection, match="before it took place"):
        services.carry_out_inspection(planned, by=inspector, visited_on=date(2026, 3, 17))


def test_a_cancelled_inspection_cannot_be_carried_out(
    planned: Inspection, inspector: User, file_manager: User
) -> None:
    services.cancel_inspection(planned, by=file_manager, reason="Plant closed for works.")

    with pytest.raises(StepNotAllowed, match="cancelled"):
        services.carry_out_inspection(planned, by=inspector, visited_on=TODAY)


def test_a_finding_refers_to_the_version_in_force_on_the_day_of_the_visit(
    carried_out: Inspection, inspector: User, ptv_829: ReferenceDocument
) -> None:
    old = ptv_829.versions.get(label="2019.1")

    with pytest.raises(InvalidInspection, match=r"PTV 829 2021\.2"):
        services.add_finding(
            carried_out,
            by=inspector,
            kind=FindingKind.MINOR,
            requirement=old,
            clause="4.1",
            observation="Labels lack the PTV number.",
        )


def test_a_nonconformity_names_its_requirement(carried_out: Inspection, inspector: User) -> None:
    with pytest.raises(InvalidInspection, match="clause"):
        services.add_finding(
            carried_out, by=inspector, kind=FindingKind.MINOR, observation="Labels incomplete."
        )


def test_a_document_outside_the_programme_is_refused(
    carried_out: Inspection, inspector: User, file_manager: User
) -> None:
    other = ReferenceDocument.objects.create(
        kind=DocumentKind.PTV, number="411", title_nl="Kunststofbuizen", title_fr="Tubes"
    )
    version = add_document_version(
        other, by=file_manager, label="2020", valid_from=date(2020, 1, 1)
    )

    with pytest.raises(InvalidInspection, match="not the version in force"):
        services.add_finding(
            carried_out,
            by=inspector,
            kind=FindingKind.MAJOR,
            requirement=version,
            clause="1",
            observation="x",
        )


def test_findings_are_no_longer_added_once_the_report_is_sent(
    sent: Inspection, inspector: User, ptv_version: DocumentVersion
) -> None:
    with pytest.raises(InvalidInspection, match="before the report is sent"):
        services.add_finding(
            sent,
            by=inspector,
            kind=FindingKind.MINOR,
            requirement=ptv_version,
            clause="4.1",
            observation="Forgotten.",
        )


def test_a_sample_result_is_not_recorded_twice(
    carried_out: Inspection, inspector: User, file_manager: User, recipients: list[Person]
) -> None:
    sample = services.add_sample(
        carried_out, by=inspector, reference="S-1", characteristics="mass", laboratory="Lab Gent"
    )
    services.record_lab_result(
        sample, by=file_manager, received_on=TODAY, result="203 g/m²", conform=True
    )
    reports.send_report(carried_out, by=file_manager)

    with pytest.raises(InvalidInspection, match="already recorded"):
        services.record_lab_result(
            sample, by=file_manager, received_on=TODAY, result="190 g/m²", conform=False
        )
    with pytest.raises(InvalidInspection, match="before the report is sent"):
        services.add_sample(
            carried_out, by=inspector, reference="S-2", characteristics="mass", laboratory="Lab"
        )


def test_a_file_is_attached_under_inspections(
    carried_out: Inspection, inspector: User, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path

    attachment = services.add_attachment(
        carried_out,
        by=inspector,
        file=ContentFile(b"%PDF-1.4 delivery note", name="delivery-note.pdf"),
        description="Delivery note of lot 2026-031",
    )

    assert attachment.file.name.startswith("inspections/")
    assert (tmp_path / attachment.file.name).read_bytes() == b"%PDF-1.4 delivery note"


def test_nothing_is_attached_to_an_inspection_not_carried_out(
    planned: Inspection, inspector: User
) -> None:
    with pytest.raises(InvalidInspection, match="carried out"):
        services.add_attachment(
            planned, by=inspector, file=ContentFile(b"x", name="x.txt"), description="Photo"
        )


def test_an_inspector_records_only_their_own_visit(
    planned: Inspection, inspector: User, body: object
) -> None:
    """Els may not record that a colleague visited: the visit and the involvement would name
    someone who was never there. A file manager records a colleague's visit."""
    colleague = User.objects.create_user("tom.peeters@inspect.example", None, first_name="Tom")
    planned.body.inspectors.add(colleague)

    with pytest.raises(NotPermitted, match="records their own visits"):
        services.carry_out_inspection(planned, by=inspector, inspector=colleague, visited_on=TODAY)

    planned.refresh_from_db()
    assert (planned.status, planned.inspector) == (InspectionStatus.PLANNED, inspector)
