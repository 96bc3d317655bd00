"""The complaint register in the back-office: file managers register, judge and investigate,
decision makers conclude and sanction, the auditor reads; the admin only shows complaints."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from qualimark.access.visible import complaint_for
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.complaints import services
from qualimark.complaints.letters import send_letter
from qualimark.complaints.lifecycle import ComplaintStatus
from qualimark.complaints.models import Complaint, LetterKind, SubjectKind
from qualimark.errors import NotVisible
from qualimark.oversight.models import Inspection
from qualimark.sanctions.models import Sanction, SanctionKind
from tests.backoffice.conftest import SignIn
from tests.complaints.conftest import declare_tie

TODAY = date(2026, 3, 16)


def page_url(complaint: Complaint) -> str:
    return reverse("backoffice:complaint", args=(complaint.reference,))


def step_url(complaint: Complaint, step: str) -> str:
    return reverse("backoffice:complaint-step", args=(complaint.reference, step))


def steps_offered(client: Client, complaint: Complaint) -> set[str]:
    response = client.get(page_url(complaint))
    assert response.status_code == 200
    text = response.text
    if 'data-testid="complaint-steps"' not in text:
        return set()
    buttons = text.split('data-testid="complaint-steps"')[1].split("</ul>")[0]
    prefix = page_url(complaint)
    return {part.split('"')[0].strip("/") for part in buttons.split(f'href="{prefix}')[1:]}


def errors(response: Any) -> list[str]:
    return list(response.context["form"].non_field_errors())


def every_error(response: Any) -> str:
    return " ".join(error for field in response.context["form"].errors.values() for error in field)


def investigated(complaint: Complaint, by: User) -> Complaint:
    services.declare_admissible(complaint, by=by, reason="About a certified product.")
    return services.start_investigation(complaint, by=by)


NEW = {
    "received_on": TODAY.isoformat(),
    "complainant_name": "Pieter De Smet",
    "complainant_email": "pieter@desmet.example",
    "subject_kind": SubjectKind.CERTIFIED_PRODUCT,
    "description": "Rolls tear at half the declared strength.",
}


# The register ------------------------------------------------------------------------------


def test_the_register_names_the_complainant_to_the_staff_and_filters_by_status(
    sign_in: SignIn, file_manager: User, complaint: Complaint, certified: Certificate
) -> None:
    client = sign_in(file_manager)
    services.register_complaint(
        by=file_manager,
        complainant=services.Complainant(name="Marie Dubois", email="marie@example.org"),
        subject=services.Subject(SubjectKind.CB_OPERATION),
        description="No answer to my letter.",
    )
    services.declare_admissible(complaint, by=file_manager, reason="About a certified product.")

    page = client.get(reverse("backoffice:complaints"))
    admissible = client.get(reverse("backoffice:complaints"), {"status": "admissible"})

    assert page.status_code == 200
    # Anonymity is asked towards the holder only: the body's staff see who complained.
    assert "Hilde Verstraete" in page.text
    assert "(not named to the holder)" in page.text
    assert "Marie Dubois" in page.text
    assert reverse("backoffice:file", args=(certified.number,)) in page.text
    assert reverse("backoffice:complaint-new") in page.text
    assert complaint.reference in admissible.text
    assert "Marie Dubois" not in admissible.text


def test_the_register_shows_fifty_a_page_at_a_constant_cost(
    sign_in: SignIn,
    file_manager: User,
    certified: Certificate,
    decision_maker: User,
    django_assert_max_num_queries: Any,
) -> None:
    def register(number: int) -> None:
        created = services.register_complaint(
            by=file_manager,
            complainant=services.Complainant(name=f"Complainant {number}", email="c@example.org"),
            subject=services.Subject(SubjectKind.CERTIFIED_PRODUCT, certificate=certified),
            description="Rolls tear.",
            received_on=date(2026, 1, 1 + number % 28),
        )
        if number % 3 == 0:
            investigated(created, decision_maker)

    client = sign_in(file_manager)
    register(0)
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(reverse("backoffice:complaints")).status_code == 200
    for number in range(1, 55):
        register(number)

    with django_assert_max_num_queries(len(one_row)):
        first = client.get(reverse("backoffice:complaints"))
    second = client.get(reverse("backoffice:complaints"), {"page": "2"})

    assert len(first.context["paged"].rows) == 50
    assert "55 complaints." in first.text
    assert len(second.context["paged"].rows) == 5
    assert 'rel="prev"' in second.text


# Registering --------------------------------------------------------------------------------


def test_a_file_manager_registers_a_complaint_about_a_file_by_its_number(
    sign_in: SignIn, file_manager: User, certified: Certificate
) -> None:
    response = sign_in(file_manager).post(
        reverse("backoffice:complaint-new"), {**NEW, "certificate": certified.number}, follow=True
    )

    complaint = Complaint.objects.get()
    assert complaint.reference == "K-2026-0001"
    assert complaint.organisation == certified.holder
    assert response.redirect_chain[-1][0] == page_url(complaint)
    assert "Complaint K-2026-0001 is registered." in response.text


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"certificate": "BENOR-999999"}, "No file has the number BENOR-999999."),
        (
            {
                "subject_kind": SubjectKind.MARK_MISUSE,
                "company_name": "Geo Discount BV",
                "company_enterprise_number": "0202.239.952",
            },
            "check digits do not match",
        ),
        ({"complainant_email": ""}, "Give the complainant's e-mail or postal address"),
        ({"received_on": "2026-13-45"}, "Enter a valid date."),
    ],
)
def test_bad_input_on_registering_is_a_form_error_and_nothing_is_registered(
    sign_in: SignIn, file_manager: User, fields: dict[str, str], error: str
) -> None:
    response = sign_in(file_manager).post(reverse("backoffice:complaint-new"), {**NEW, **fields})

    assert response.status_code == 200
    assert error in every_error(response)
    assert "Nothing was recorded" in response.text
    assert not Complaint.objects.exists()


# The steps ---------------------------------------------------------------------------------


def test_a_file_manager_judges_investigates_and_notes_and_a_decision_maker_concludes(
    sign_in: SignIn,
    file_manager: User,
    decision_maker: User,
    complaint: Complaint,
    client: Client,
) -> None:
    manager = sign_in(file_manager)
    assert steps_offered(manager, complaint) == {"admissible", "inadmissible", "letter"}
    manager.post(step_url(complaint, "admissible"), {"reason": "About a certified product."})
    assert steps_offered(manager, complaint) == {"investigate", "letter"}
    manager.post(step_url(complaint, "investigate"), {"handler": "", "notes": "Samples asked."})
    manager.post(step_url(complaint, "note"), {"note": "Lab confirms 9 kN/m."})
    # Concluding is for the decision makers: no button for the file manager.
    assert steps_offered(manager, complaint) == {"note", "letter"}

    client.logout()
    maker = sign_in(decision_maker)
    assert "conclude" in steps_offered(maker, complaint)
    response = maker.post(
        step_url(complaint, "conclude"),
        {"founded": "yes", "findings": "Strength below the PTV.", "charge_costs": "on"},
        follow=True,
    )

    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.FOUNDED
    assert complaint.handled_by == file_manager
    assert complaint.costs_charged_to_holder
    assert "Samples asked." in complaint.investigation_notes
    assert "Lab confirms 9 kN/m." in complaint.investigation_notes
    page = response.text
    assert "Complaint K-2026-0001 is founded." in page
    assert "Lab confirms 9 kN/m." in page  # the notes, on the page
    assert "Declared admissible" in page  # the history
    assert "Concluded: founded" in page
    assert steps_offered(maker, complaint) == {"sanction", "letter"}


def test_a_decision_maker_sanctions_a_founded_complaint_once(
    sign_in: SignIn,
    file_manager: User,
    decision_maker: User,
    complaint: Complaint,
    certified: Certificate,
) -> None:
    investigated(complaint, file_manager)
    services.conclude_complaint(complaint, by=decision_maker, founded=True, findings="Too weak.")
    client = sign_in(decision_maker)

    response = client.post(
        step_url(complaint, "sanction"),
        {
            "kind": SanctionKind.STRICTER_OVERSIGHT,
            "effective": TODAY.isoformat(),
            "until": "2026-09-16",
            "inspections_per_year": "8",
            "reason": "Founded complaint K-2026-0001.",
        },
        follow=True,
    )

    sanction = Sanction.objects.get(certificate=certified)
    complaint.refresh_from_db()
    assert complaint.sanction == sanction
    assert "Sanction imposed" in response.text
    assert "sanction" not in steps_offered(client, complaint)


def test_a_step_out_of_order_is_a_form_error_and_nothing_changes(
    sign_in: SignIn, decision_maker: User, complaint: Complaint
) -> None:
    client = sign_in(decision_maker)

    form = client.get(step_url(complaint, "conclude"))
    response = client.post(step_url(complaint, "conclude"), {"founded": "yes", "findings": "x"})

    assert "This step is not open at this stage." in form.text
    assert response.status_code == 200
    [error] = errors(response)
    assert "Cannot conclude that the complaint is founded: it is received" in error
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_an_empty_reason_is_a_form_error(
    sign_in: SignIn, file_manager: User, complaint: Complaint
) -> None:
    response = sign_in(file_manager).post(step_url(complaint, "admissible"), {"reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_the_wrong_role_gets_no_button_and_a_refusal(
    sign_in: SignIn, file_manager: User, complaint: Complaint
) -> None:
    investigated(complaint, file_manager)
    client = sign_in(file_manager)

    assert "conclude" not in steps_offered(client, complaint)
    assert client.get(step_url(complaint, "conclude")).status_code == 403
    refused = client.post(step_url(complaint, "conclude"), {"founded": "no", "findings": "Fine."})

    assert refused.status_code == 403
    assert "may not conclude that the complaint is unfounded" in refused.text
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.UNDER_INVESTIGATION


def test_whoever_evaluated_the_file_is_offered_only_the_letters(
    sign_in: SignIn,
    file_manager: User,
    decision_maker: User,
    complaint: Complaint,
    certified: Certificate,
) -> None:
    investigated(complaint, file_manager)
    certification.record_involvement(certified, decision_maker, role=InvolvementRole.EVALUATOR)
    client = sign_in(decision_maker)

    assert steps_offered(client, complaint) == {"letter"}
    refused = client.post(step_url(complaint, "conclude"), {"founded": "no", "findings": "Fine."})

    assert refused.status_code == 403
    assert "ISO/IEC 17065" in refused.text
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.UNDER_INVESTIGATION


def test_a_handler_tied_to_the_holder_is_not_offered_and_cannot_be_named(
    sign_in: SignIn, file_manager: User, decision_maker: User, complaint: Complaint
) -> None:
    services.declare_admissible(complaint, by=file_manager, reason="About a certified product.")
    assert complaint.organisation is not None
    declare_tie(decision_maker, complaint.organisation)
    client = sign_in(file_manager)

    form = client.get(step_url(complaint, "investigate")).context["form"]
    response = client.post(
        step_url(complaint, "investigate"), {"handler": decision_maker.pk, "notes": ""}
    )

    assert list(form.fields["handler"].queryset) == [file_manager]
    assert response.status_code == 200
    assert response.context["form"].errors["handler"]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ADMISSIBLE


def test_a_letter_is_sent_and_shown_but_one_naming_an_anonymous_complainant_is_refused(
    sign_in: SignIn, file_manager: User, complaint: Complaint
) -> None:
    client = sign_in(file_manager)
    assert client.get(step_url(complaint, "letter")).context["form"].initial == {
        "to": "hilde.verstraete@aannemer.example"
    }

    refused = client.post(
        step_url(complaint, "letter"),
        {
            "kind": LetterKind.TO_HOLDER,
            "to": "quality@geotex.example",
            "subject": "Complaint",
            "body": "Hilde Verstraete complains about your rolls.",
        },
    )
    sent = client.post(
        step_url(complaint, "letter"),
        {
            "kind": LetterKind.ACKNOWLEDGEMENT,
            "to": "hilde.verstraete@aannemer.example",
            "subject": "Your complaint",
            "body": "We received your complaint about rolls.",
        },
        follow=True,
    )

    [error] = errors(refused)
    assert "asked not to be named" in error
    assert complaint.letters.count() == 1
    assert "We received your complaint about rolls." in sent.text


def test_an_unknown_step_or_complaint_is_not_found(
    sign_in: SignIn, file_manager: User, complaint: Complaint
) -> None:
    client = sign_in(file_manager)
    assert client.get(step_url(complaint, "delete-everything")).status_code == 404
    assert client.get(reverse("backoffice:complaint", args=("K-1999-0001",))).status_code == 404


# Who reads ---------------------------------------------------------------------------------


def test_the_auditor_reads_the_register_and_the_complaint_but_is_offered_no_step(
    sign_in: SignIn, auditor: User, file_manager: User, complaint: Complaint
) -> None:
    send_letter(
        complaint,
        LetterKind.ACKNOWLEDGEMENT,
        by=file_manager,
        to=complaint.complainant_email,
        subject="Your complaint",
        body="We received your complaint about rolls.",
    )
    client = sign_in(auditor)

    register = client.get(reverse("backoffice:complaints"))
    page = client.get(page_url(complaint))

    assert register.status_code == 200
    assert reverse("backoffice:complaints") in register.text  # the nav entry
    assert reverse("backoffice:complaint-new") not in register.text
    assert page.status_code == 200
    assert "We received your complaint about rolls." in page.text
    assert steps_offered(client, complaint) == set()
    assert client.get(reverse("backoffice:complaint-new")).status_code == 403
    assert client.get(step_url(complaint, "admissible")).status_code == 403
    refused = client.post(step_url(complaint, "admissible"), {"reason": "Looks fine."})
    assert refused.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_an_inspector_neither_reads_the_register_nor_a_complaint(
    sign_in: SignIn, inspector: User, planned: Inspection, complaint: Complaint
) -> None:
    client = sign_in(inspector)

    queue = client.get(reverse("backoffice:queue"))

    assert reverse("backoffice:complaints") not in queue.text
    assert client.get(reverse("backoffice:complaints")).status_code == 403
    assert client.get(page_url(complaint)).status_code == 404


# The admin only shows them -----------------------------------------------------------------


def test_the_admin_shows_a_complaint_with_its_letters_and_changes_nothing(
    sign_in: SignIn, administrator: User, file_manager: User, complaint: Complaint
) -> None:
    send_letter(
        complaint,
        LetterKind.ACKNOWLEDGEMENT,
        by=file_manager,
        to=complaint.complainant_email,
        subject="Your complaint",
        body="We received your complaint about rolls.",
    )
    client = sign_in(administrator)
    change = reverse("admin:complaints_complaint_change", args=(complaint.pk,))

    page = client.get(change)
    posted = client.post(change, {"status": ComplaintStatus.FOUNDED})

    assert page.status_code == 200
    assert "We received your complaint about rolls." in page.text
    assert "/step/" not in page.text
    assert client.get(reverse("admin:complaints_complaint_add")).status_code == 403
    old_step = change.replace("/change/", "/step/admissible/")
    assert client.post(old_step, {"reason": "Admissible."}).status_code != 200
    assert posted.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_a_holder_s_user_never_finds_a_complaint_even_about_its_own_file(
    holder_member: User, auditor: User, complaint: Complaint
) -> None:
    assert complaint_for(auditor, complaint.reference) == complaint
    with pytest.raises(NotVisible):
        complaint_for(holder_member, complaint.reference)


def test_the_steps_are_named_in_the_reader_s_language(
    sign_in: SignIn, file_manager: User, complaint: Complaint
) -> None:
    with translation.override("fr"):
        french = sign_in(file_manager).get(page_url(complaint))

    assert french.status_code == 200
    assert "Déclarer la plainte recevable" in french.text
    assert "Envoyer une lettre" in french.text
