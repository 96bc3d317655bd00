"""Each permission asked of each persona: the answers of the table in the access contract.

A holder's people see their own files only; the CB's staff see all; an inspector sees the
files and inspections assigned to it; decisions are for the decision makers, never for
someone who inspected or evaluated the file.
"""

from typing import Any

import pytest

from qualimark.applications import services as applications
from qualimark.applications.models import Application
from qualimark.certification.models import Certificate
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation
from qualimark.schemes.models import ReferenceDocument

PERSONAS = (
    "holder_member",  # An Peeters, administrator of Geotex Belgium (the holder)
    "invited_member",  # Jan Maes, invited user of Geotex Belgium
    "other_admin",  # Bart Smet, administrator of Textilia (another holder)
    "file_manager",
    "decision_maker",
    "reviewer",
    "inspector",  # Els Wouters, assigned to the inspection of the file
    "outsider",
    "administrator",  # the CB's superuser
)


def answers(request: pytest.FixtureRequest, permission: str, obj: Any = None) -> dict[str, bool]:
    return {name: request.getfixturevalue(name).has_perm(permission, obj) for name in PERSONAS}


def only(*names: str) -> dict[str, bool]:
    return {name: name in names for name in PERSONAS}


STAFF = ("file_manager", "decision_maker", "reviewer", "administrator")
HOLDER = ("holder_member", "invited_member")


def test_portal_is_for_holder_users_and_office_for_staff_and_inspectors(
    request: pytest.FixtureRequest, planned: Inspection
) -> None:
    assert answers(request, "portal.use") == only(*HOLDER, "other_admin")
    assert answers(request, "office.use") == only(*STAFF, "inspector")


def test_a_file_is_seen_by_its_holder_the_staff_and_its_inspector(
    request: pytest.FixtureRequest, planned: Inspection, certified: Certificate
) -> None:
    assert answers(request, "certification.view_file", certified) == only(
        *HOLDER, *STAFF, "inspector"
    )


def test_holder_b_never_sees_holder_a_file(
    request: pytest.FixtureRequest, certified: Certificate
) -> None:
    assert not request.getfixturevalue("other_admin").has_perm("certification.view_file", certified)


def test_only_the_holder_administrator_renounces(
    request: pytest.FixtureRequest, certified: Certificate
) -> None:
    assert answers(request, "certification.renounce", certified) == only("holder_member")


def test_file_managers_and_decision_makers_steer_a_file(
    request: pytest.FixtureRequest, application: Certificate
) -> None:
    assert answers(request, "certification.steer_file", application) == only(
        "file_manager", "decision_maker", "administrator"
    )


def test_decision_makers_decide_but_an_inspector_does_not(
    request: pytest.FixtureRequest, planned: Inspection, certified: Certificate
) -> None:
    assert answers(request, "certification.decide", certified) == only(
        "decision_maker", "administrator"
    )


def test_the_holder_users_apply_and_propose_datasheets(
    request: pytest.FixtureRequest, holder: Organisation, certified: Certificate
) -> None:
    # A file manager (or the administrator) registers an application sent on paper.
    assert answers(request, "certification.apply", holder) == only(
        *HOLDER, "file_manager", "administrator"
    )
    assert answers(request, "datasheets.propose", certified) == only(*HOLDER)


def test_only_the_holder_administrator_manages_users(
    request: pytest.FixtureRequest, holder: Organisation
) -> None:
    # The body's file managers and administrator appoint a new holder's first administrator.
    assert answers(request, "parties.manage_users", holder) == only(
        "holder_member", "file_manager", "administrator"
    )


def test_a_planned_inspection_is_hidden_from_the_holder(
    request: pytest.FixtureRequest, planned: Inspection
) -> None:
    assert answers(request, "oversight.view_inspection", planned) == only(*STAFF, "inspector")
    assert answers(request, "oversight.comment_report", planned) == only()


def test_a_sent_report_is_seen_and_commented_by_the_holder(
    request: pytest.FixtureRequest, sent: Inspection
) -> None:
    assert answers(request, "oversight.view_inspection", sent) == only(*HOLDER, *STAFF, "inspector")
    assert answers(request, "oversight.comment_report", sent) == only(*HOLDER)


def test_no_comment_once_the_window_closed(
    request: pytest.FixtureRequest, window_closed: Inspection
) -> None:
    assert answers(request, "oversight.comment_report", window_closed) == only()
    assert answers(request, "oversight.view_inspection", window_closed) == only(
        *HOLDER, *STAFF, "inspector"
    )


def test_the_inspector_and_file_managers_record_an_inspection(
    request: pytest.FixtureRequest, planned: Inspection
) -> None:
    assert answers(request, "oversight.record_inspection", planned) == only(
        "inspector", "file_manager", "administrator"
    )
    assert answers(request, "oversight.plan_inspection") == only("file_manager", "administrator")


def test_reviewers_and_file_managers_evaluate_reports(
    request: pytest.FixtureRequest, window_closed: Inspection
) -> None:
    assert answers(request, "oversight.evaluate_report", window_closed) == only(
        "reviewer", "file_manager", "administrator"
    )


def test_staff_handle_complaints_and_file_managers_review_proposals(
    request: pytest.FixtureRequest,
) -> None:
    # Reviewers evaluate reports; complaints are the file managers' and decision makers'.
    assert answers(request, "complaints.register_complaint") == only(
        "file_manager", "decision_maker", "administrator"
    )
    assert answers(request, "datasheets.review_proposal") == only("file_manager", "administrator")


def test_a_draft_application_is_edited_by_its_organisation_only(
    request: pytest.FixtureRequest, draft: Application
) -> None:
    assert answers(request, "applications.edit_application", draft) == only(*HOLDER)
    assert answers(request, "applications.view_application", draft) == only(*HOLDER, *STAFF)


def test_a_submitted_application_is_no_longer_edited(
    request: pytest.FixtureRequest,
    draft: Application,
    ptv_829: ReferenceDocument,
) -> None:
    holder_member = request.getfixturevalue("holder_member")
    applications.update_application(
        draft,
        by=holder_member,
        programme=draft.programme,
        production_unit=draft.production_unit,
        ptv_version=ptv_829.versions.get(label="2021.2"),
        notes="",
    )
    applications.set_contacts(
        draft,
        by=holder_member,
        contacts=[applications.ContactDetails("An Peeters", "QA", "an.peeters@geotex.example")],
    )
    applications.submit_application(draft, by=holder_member)

    assert answers(request, "applications.edit_application", draft) == only()
    assert answers(request, "applications.view_application", draft) == only(*HOLDER, *STAFF)
