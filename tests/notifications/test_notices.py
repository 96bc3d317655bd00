"""The notices of a file: application received, decision taken, report sent, comment received.

Each goes to its people in their own language. The French catalogue translates the names
of decisions and statuses and Django's month names, which the tests read; the sentences
written for these notices are translated later, so for those the tests check the language
the outbox recorded for each recipient.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.notifications.models import Mail
from qualimark.oversight import reports
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, Person, ProductionUnit
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import Programme

Capture = Callable[..., Any]


def _to(address: str) -> list[EmailMessage]:
    return [m for m in mail.outbox if m.to == [address]]


def test_an_application_is_acknowledged_to_the_holder_and_the_file_team(
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    french_admin: User,
    file_manager: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certification.apply_for_certification(
            holder=holder, programme=geotextiles_benor, production_unit=plant, by=french_admin
        )

    assert sorted(m.to[0] for m in mail.outbox) == [
        "an.peeters@geotex.example",
        "sofie.claes@copro.example",
    ]
    assert all(certificate.number in m.subject for m in mail.outbox)
    languages = dict(Mail.objects.values_list("to", "language"))
    assert languages == {"an.peeters@geotex.example": "fr", "sofie.claes@copro.example": "nl"}


def test_a_grant_is_told_in_french_and_dutch_with_the_decision_letter(
    in_trial: Certificate,
    french_admin: User,
    dutch_member: User,
    decision_maker: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decision = certification.grant_certificate(
            in_trial, by=decision_maker, reason="Trial period passed.", effective=date(2026, 3, 16)
        )

    [french] = _to("an.peeters@geotex.example")
    [dutch] = _to("jan.maes@geotex.example")
    assert in_trial.number in french.subject
    assert "accorder le certificat" in french.subject
    assert "het certificaat toekennen" in dutch.subject
    assert "16 mars 2026" in french.body
    assert "16 maart 2026" in dutch.body
    for message, language in ((french, "fr"), (dutch, "nl")):
        ((name, content, mimetype),) = message.attachments
        assert name == f"decision-{in_trial.number}-{decision.pk}.pdf"
        assert mimetype == "application/pdf"
        assert content.startswith(b"%PDF-")
        assert Mail.objects.get(subject=message.subject, to=message.to[0]).language == language


def test_admitting_and_rejecting_an_application_say_which_decision(
    application: Certificate,
    french_admin: User,
    file_manager: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    french_admin.language = "en"
    french_admin.save(update_fields=["language"])
    other_plant = add_production_unit(
        application.holder,
        by=file_manager,
        name="Plant Antwerpen",
        street="Haven 1",
        postal_code="2000",
        town="Antwerpen",
    )
    second = certification.apply_for_certification(
        holder=application.holder,
        programme=application.programme,
        production_unit=other_plant,
        by=french_admin,
    )
    with django_capture_on_commit_callbacks(execute=True):
        certification.admit_application(application, by=file_manager, reason="Complete file.")
    with django_capture_on_commit_callbacks(execute=True):
        certification.reject_application(second, by=file_manager, reason="No plant to visit.")

    subjects = [m.subject for m in _to("an.peeters@geotex.example")]
    assert subjects == [
        f"Certificate {application.number}: decision to declare the application admissible",
        f"Certificate {second.number}: decision to reject the application",
    ]


def test_a_decision_rolled_back_sends_nothing(
    in_trial: Certificate,
    french_admin: User,
    decision_maker: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    from django.db import transaction

    queued_before = Mail.objects.count()

    def grant_then_fail() -> None:
        with transaction.atomic():
            certification.grant_certificate(in_trial, by=decision_maker, reason="Passed.")
            raise RuntimeError("the page failed after the service")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        grant_then_fail()

    assert mail.outbox == []
    assert Mail.objects.count() == queued_before


def test_the_report_goes_to_the_holder_and_a_comment_to_the_file_team(
    carried_out: Inspection,
    recipients: list[Person],
    file_manager: User,
    holder_member: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        reports.send_report(carried_out, by=file_manager)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "an.peeters@geotex.example",
        "quality@geotex.example",
    ]
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        reports.comment_on_report(carried_out, by=holder_member, text="Tests were done; see annex.")

    [message] = mail.outbox
    assert message.to == ["sofie.claes@copro.example"]
    assert carried_out.reference in message.subject
    assert "Tests were done; see annex." in message.body
