"""The staff admin of complaints and appeals: it shows them and changes them through services."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision, InvolvementRole
from qualimark.complaints import services
from qualimark.complaints.letters import send_letter
from qualimark.complaints.lifecycle import AppealStatus, ComplaintStatus
from qualimark.complaints.models import (
    Appeal,
    AppealCommitteeMember,
    Complaint,
    LetterKind,
)
from qualimark.complaints.votes import Ballot, Outcome
from qualimark.journal.models import JournalEntry
from tests.complaints.conftest import vote_all

TODAY = date(2026, 3, 16)


@pytest.fixture
def staff(client: Client, appeals_officer: User) -> Client:
    """The appeals officer in the admin, with every permission, reading English."""
    appeals_officer.is_superuser = True
    appeals_officer.save(update_fields=["is_superuser"])
    client.force_login(appeals_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _url(name: str, *args: Any) -> str:
    return reverse(f"admin:{name}", args=args)


def _step(obj: Complaint | Appeal, step: str) -> str:
    return _url(f"complaints_{obj._meta.model_name}_step", obj.pk, step)


def _errors(response: Any) -> list[str]:
    return list(response.context["form"].non_field_errors())


# Complaints -------------------------------------------------------------------------------


def test_complaint_list_filters_by_status_and_subject_and_searches_the_reference(
    staff: Client, complaint: Complaint
) -> None:
    for query in (
        "?status=received",
        "?subject_kind=certified_product",
        f"?q={complaint.reference}",
        "?q=Verstraete",
    ):
        response = staff.get(_url("complaints_complaint_changelist") + query)
        assert response.status_code == 200
        assert complaint.reference in response.text, query

    response = staff.get(_url("complaints_complaint_changelist") + "?status=founded")
    assert complaint.reference not in response.text


def test_registering_a_complaint_through_the_admin_gives_it_its_reference(
    staff: Client, certified: Certificate
) -> None:
    response = staff.post(
        _url("complaints_complaint_add"),
        {
            "received_on": TODAY.isoformat(),
            "complainant_name": "Pieter De Smet",
            "complainant_email": "pieter@desmet.example",
            "subject_kind": "certified_product",
            "certificate": certified.pk,
            "description": "Rolls tear.",
        },
    )

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("complaints_complaint_change", complaint.pk)
    assert complaint.reference == "K-2026-0001"
    assert complaint.organisation == certified.holder


def test_an_invalid_enterprise_number_in_the_admin_is_a_message_not_an_error_page(
    staff: Client,
) -> None:
    response = staff.post(
        _url("complaints_complaint_add"),
        {
            "received_on": TODAY.isoformat(),
            "complainant_name": "Pieter De Smet",
            "complainant_email": "pieter@desmet.example",
            "subject_kind": "mark_misuse",
            "company_name": "Geo Discount BV",
            "company_enterprise_number": "0202.239.952",
            "description": "BENOR logo on uncertified rolls.",
        },
    )

    assert response.status_code == 200
    [error] = _errors(response)
    assert "check digits do not match" in error
    assert not Complaint.objects.exists()


def test_complaint_page_shows_its_letters_and_the_steps_open_to_it(
    staff: Client, complaint: Complaint, appeals_officer: User
) -> None:
    send_letter(
        complaint,
        LetterKind.ACKNOWLEDGEMENT,
        by=appeals_officer,
        to=complaint.complainant_email,
        subject="Your complaint",
        body="We received your complaint about rolls.",
    )

    response = staff.get(_url("complaints_complaint_change", complaint.pk))

    assert response.status_code == 200
    assert "We received your complaint about rolls." in response.text
    assert _step(complaint, "admissible") in response.text
    assert _step(complaint, "letter") in response.text
    assert _step(complaint, "conclude") not in response.text


def test_complaint_page_names_its_steps_in_the_reader_s_language(
    staff: Client, complaint: Complaint
) -> None:
    english = staff.get(_url("complaints_complaint_change", complaint.pk))
    french = staff.get(_url("complaints_complaint_change", complaint.pk), HTTP_ACCEPT_LANGUAGE="fr")

    # The step links are written with a capital first letter.
    assert "Declare the complaint admissible" in english.text
    assert "Send a letter" in english.text
    assert "De klacht ontvankelijk verklaren" not in english.text
    assert "Déclarer la plainte recevable" in french.text
    assert "Envoyer une lettre" in french.text


def test_declaring_a_complaint_admissible_through_its_step_page(
    staff: Client, complaint: Complaint
) -> None:
    response = staff.post(_step(complaint, "admissible"), {"reason": "About a certified product."})

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ADMISSIBLE
    assert complaint.admissibility_reason == "About a certified product."


def test_a_step_out_of_order_is_not_taken(staff: Client, complaint: Complaint) -> None:
    response = staff.post(_step(complaint, "conclude"), {"founded": "yes", "findings": "Too weak."})

    assert response.status_code == 200
    [error] = _errors(response)
    assert "Cannot conclude that the complaint is founded: it is received" in error
    assert "This step is not open at this stage." in staff.get(_step(complaint, "conclude")).text
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_an_unknown_step_is_not_found(staff: Client, complaint: Complaint) -> None:
    assert staff.get(_step(complaint, "delete-everything")).status_code == 404


def test_a_letter_naming_an_anonymous_complainant_is_refused_on_the_page(
    staff: Client, complaint: Complaint
) -> None:
    response = staff.post(
        _step(complaint, "letter"),
        {
            "kind": LetterKind.TO_HOLDER,
            "to": "quality@geotex.example",
            "subject": "Complaint",
            "body": "Hilde Verstraete complains about your rolls.",
        },
    )

    assert response.status_code == 200
    [error] = _errors(response)
    assert "asked not to be named" in error
    assert not complaint.letters.exists()


def test_a_complaint_page_cannot_be_saved_as_a_form(staff: Client, complaint: Complaint) -> None:
    response = staff.post(
        _url("complaints_complaint_change", complaint.pk), {"status": ComplaintStatus.FOUNDED}
    )

    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


# Appeals ------------------------------------------------------------------------------------


def test_lodging_an_appeal_through_the_admin(
    staff: Client, suspension: Decision, holder_member: User
) -> None:
    response = staff.post(
        _url("complaints_appeal_add"),
        {
            "appellant": suspension.certificate.holder_id,
            "decision": suspension.pk,
            "grounds": "The samples were taken from a damaged roll.",
            "lodged_on": TODAY.isoformat(),
        },
    )

    appeal = Appeal.objects.get()
    assert response.status_code == 302
    assert appeal.decision == suspension
    assert appeal.reference == "B-2026-0001"


def test_seating_voting_and_deciding_through_the_admin_reverses_the_suspension(
    staff: Client,
    appeal: Appeal,
    committee: list[AppealCommitteeMember],
    certified: Certificate,
) -> None:
    response = staff.post(_step(appeal, "seat"), {"members": [m.pk for m in committee]})
    assert response.status_code == 302
    for member, ballot in zip(committee, [Ballot.REVERSE] * 3 + [Ballot.UPHOLD], strict=True):
        response = staff.post(_step(appeal, "vote"), {"member": member.pk, "vote": ballot})
        assert response.status_code == 302

    page = staff.get(_url("complaints_appeal_change", appeal.pk))
    assert _step(appeal, "decide") in page.text
    assert _step(appeal, "seat") not in page.text  # the committee has voted: it stays
    response = staff.post(
        _step(appeal, "decide"),
        {"reason": "Samples not representative.", "effective": TODAY.isoformat()},
    )

    assert response.status_code == 302
    appeal.refresh_from_db()
    certified.forget_history()
    assert (appeal.status, appeal.outcome) == (AppealStatus.DECIDED, Outcome.REVERSED)
    assert certified.status_on(TODAY) == Status.CERTIFIED
    page = staff.get(_url("complaints_appeal_change", appeal.pk))
    assert "Anne Leroy" in page.text  # the votes, inline
    assert _step(appeal, "decide") not in page.text


def test_a_committee_that_is_not_two_plus_two_is_refused_on_the_page(
    staff: Client, appeal: Appeal, public_members: list[AppealCommitteeMember]
) -> None:
    response = staff.post(_step(appeal, "seat"), {"members": [m.pk for m in public_members]})

    assert response.status_code == 200
    [error] = _errors(response)
    assert "this one has 3 and 0" in error
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.LODGED


def test_an_involved_staff_member_deciding_the_appeal_sees_why_it_is_refused(
    staff: Client,
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    certified: Certificate,
) -> None:
    vote_all(seated, committee, [Ballot.REVERSE] * 4, by=appeals_officer)
    certification.record_involvement(certified, appeals_officer, role=InvolvementRole.EVALUATOR)

    response = staff.post(
        _step(seated, "decide"), {"reason": "Reversed.", "effective": TODAY.isoformat()}
    )

    assert response.status_code == 200
    [error] = _errors(response)
    assert "ISO/IEC 17065" in error
    seated.refresh_from_db()
    assert seated.status == AppealStatus.SEATED


def test_committee_members_are_kept_in_the_admin_and_journalled(staff: Client) -> None:
    response = staff.post(
        _url("complaints_appealcommitteemember_add"),
        {
            "name": "Karin Vos",
            "organisation": "Agentschap Wegen en Verkeer",
            "constituency": "public_institution",
            "active": "on",
        },
    )

    assert response.status_code == 302
    member = AppealCommitteeMember.objects.get()
    assert JournalEntry.objects.filter(
        action="appealcommitteemember.added", object_id=str(member.pk)
    ).exists()


def test_every_page_of_complaints_and_appeals_opens(
    staff: Client, complaint: Complaint, seated: Appeal
) -> None:
    pages = [
        _url("complaints_complaint_changelist"),
        _url("complaints_complaint_add"),
        _url("complaints_appeal_changelist"),
        _url("complaints_appeal_add"),
        _url("complaints_appeal_change", seated.pk),
        _url("complaints_appealcommitteemember_changelist"),
        *(
            _step(complaint, step)
            for step in ("admissible", "inadmissible", "investigate", "note", "conclude")
        ),
        *(_step(complaint, step) for step in ("sanction", "letter")),
        *(_step(seated, step) for step in ("seat", "vote", "decide")),
    ]

    for page in pages:
        assert staff.get(page).status_code == 200, page


def test_the_page_links_only_the_steps_its_reader_may_take_and_the_service_refuses_others(
    client: Client, complaint: Complaint, file_manager: User
) -> None:
    """A file manager investigates but does not conclude; the link is not there, and the
    step posted anyway is refused by the service with its reason."""
    file_manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_complaint", "change_complaint"])
    )
    services.declare_admissible(complaint, by=file_manager, reason="About a certified product.")
    services.start_investigation(complaint, by=file_manager)
    client.force_login(file_manager)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    page = client.get(_url("complaints_complaint_change", complaint.pk))
    refused = client.post(_step(complaint, "conclude"), {"founded": "no", "findings": "Fine."})

    assert _step(complaint, "note") in page.text
    assert _step(complaint, "conclude") not in page.text
    assert refused.status_code == 200
    [error] = _errors(refused)
    assert "may not conclude that the complaint is unfounded" in error
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.UNDER_INVESTIGATION
