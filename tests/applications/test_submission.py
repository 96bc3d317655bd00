"""A complete draft, once submitted, becomes a certification file in status "applied"."""

import pytest

from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.exceptions import InvalidApplicationDraft
from qualimark.applications.models import Application, ApplicationStatus
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from tests.applications.conftest import APPLIED_ON


def test_submitting_a_complete_draft_opens_a_file_in_status_applied(
    complete: Application, holder_member: User
) -> None:
    certificate = services.submit_application(complete, by=holder_member)

    assert certificate.status_on(APPLIED_ON) == Status.APPLIED
    assert certificate.holder == complete.organisation
    assert certificate.programme == complete.programme
    assert certificate.production_unit == complete.production_unit
    assert certificate.applied_on == APPLIED_ON
    assert certificate.decisions.get().decided_by == holder_member


def test_the_submitted_application_is_linked_to_its_file(
    complete: Application, invited_member: User
) -> None:
    certificate = services.submit_application(complete, by=invited_member)

    stored = Application.objects.get(pk=complete.pk)
    assert stored.status == ApplicationStatus.SUBMITTED
    assert stored.certificate == certificate
    assert stored.submitted_by == invited_member
    assert stored.submitted_at is not None
    assert Certificate.objects.get(pk=certificate.pk).online_application == stored
    assert complete.status == ApplicationStatus.SUBMITTED  # the caller's instance follows


def test_an_application_cannot_be_submitted_twice(
    complete: Application, holder_member: User
) -> None:
    services.submit_application(complete, by=holder_member)

    with pytest.raises(InvalidApplicationDraft, match="can no longer be changed"):
        services.submit_application(complete, by=holder_member)
    assert Certificate.objects.count() == 1


def test_a_second_application_for_an_open_file_is_refused_at_once(
    complete: Application, holder_member: User
) -> None:
    services.submit_application(complete, by=holder_member)

    with pytest.raises(InvalidApplicationDraft, match="still open"):
        services.start_application(
            complete.organisation,
            by=holder_member,
            programme=complete.programme,
            production_unit=complete.production_unit,
        )
