"""Decisions on a file through the office: the buttons a person may use, and the refusals."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision, Evidence
from qualimark.errors import DomainError
from qualimark.journal.models import JournalEntry
from qualimark.oversight import evaluation
from qualimark.oversight.models import ConclusionKind, Inspection, Measure
from qualimark.parties.models import Organisation, RoleKind
from qualimark.schemes.models import DocumentKind, ReferenceDocument
from qualimark.schemes.services import add_document_version
from tests.conftest import give_role

from .conftest import TODAY, SignIn


def decide_url(certificate: Certificate, transition: str) -> str:
    return reverse("backoffice:decide", args=(certificate.number, transition))


def buttons(content: bytes, certificate: Certificate) -> set[str]:
    """The decisions the file page offers, read from the links of its buttons."""
    prefix = reverse("backoffice:decide", args=(certificate.number, "x"))[: -len("x/")]
    text = content.decode()
    return {part.split("/")[0] for part in text.split(f'href="{prefix}')[1:] if part.split("/")[0]}


def test_a_file_manager_is_offered_the_steps_of_an_application(
    sign_in: SignIn, file_manager: User, application: Certificate
) -> None:
    page = sign_in(file_manager).get(reverse("backoffice:file", args=(application.number,)))
    assert buttons(page.content, application) == {"admit", "reject", "withdraw_application"}


def test_a_file_manager_may_not_grant_a_certificate(
    sign_in: SignIn, file_manager: User, in_trial: Certificate
) -> None:
    client = sign_in(file_manager)
    page = client.get(reverse("backoffice:file", args=(in_trial.number,)))
    assert buttons(page.content, in_trial) == {"withdraw_application"}
    response = client.post(
        decide_url(in_trial, "grant"), {"reason": "Looks fine.", "effective": "2026-03-16"}
    )
    assert response.status_code == 403
    assert in_trial.status_on(TODAY) == Status.TRIAL


def test_a_decision_maker_suspends_with_an_end_date_and_evidence(
    sign_in: SignIn, decision_maker: User, reported: Inspection
) -> None:
    certified = reported.certificate
    client = sign_in(decision_maker)
    page = client.get(reverse("backoffice:file", args=(certified.number,)))
    assert buttons(page.content, certified) == {"suspend", "withdraw", "expire", "renew"}
    form = client.get(decide_url(certified, "suspend"))
    assert b'name="until"' in form.content
    assert b'name="expires_on"' not in form.content
    assert f"Report {reported.reference} of the visit on".encode() in form.content

    letter = SimpleUploadedFile("letter 10 March.pdf", b"%PDF-1.4 letter", "application/pdf")
    response = client.post(
        decide_url(certified, "suspend"),
        {
            "reason": "Tensile tests missing.",
            "effective": "2026-03-16",
            "until": "2026-04-16",
            "reports": [reported.pk],
            "files": [letter],
            "other": "Laboratory notice",
            "link": "https://example.org/r/1",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert b"Decision recorded on" in response.content
    decision = Decision.objects.get(certificate=certified, transition="suspend")
    assert decision.until == date(2026, 4, 16)
    rows = list(Evidence.objects.filter(decision=decision).order_by("id"))
    assert [(row.description, row.report_id) for row in rows] == [
        (str(reported), reported.pk),
        ("letter 10 March.pdf", None),
        ("Laboratory notice", None),
    ]
    assert rows[2].url == "https://example.org/r/1"
    certified.forget_history()
    assert certified.status_on(TODAY) == Status.SUSPENDED
    assert certified.status_on(date(2026, 4, 16)) == Status.CERTIFIED

    # The file's timeline links each piece to what it is; the letter downloads.
    timeline = response.content.decode()
    assert reverse("backoffice:inspection", args=(reported.reference,)) in timeline
    download = reverse("backoffice:evidence-file", args=(certified.number, rows[1].pk))
    assert download in timeline
    assert 'href="https://example.org/r/1"' in timeline
    sent = client.get(download)
    assert b"".join(sent.streaming_content) == b"%PDF-1.4 letter"  # type: ignore[attr-defined]
    assert "letter 10 March.pdf" in sent["Content-Disposition"]


def test_a_decision_maker_who_evaluated_the_file_is_not_offered_to_decide_on_it(
    sign_in: SignIn, decision_maker: User, reported: Inspection, certification_body: Organisation
) -> None:
    # A decision maker who also reviews reports evaluates this one.
    give_role(decision_maker, certification_body, RoleKind.REVIEWER)
    certificate = reported.certificate
    finding = reported.findings.get()
    evaluation.evaluate_report(
        reported,
        by=decision_maker,
        conclusions={finding: evaluation.Conclusion(ConclusionKind.CONFIRMED)},
        measure=Measure.SANCTION,
    )
    client = sign_in(decision_maker)
    page = client.get(reverse("backoffice:file", args=(certificate.number,)))
    assert buttons(page.content, certificate) == set()
    assert b"None: no decision is open to you" in page.content

    decisions = Decision.objects.count()
    journal = JournalEntry.objects.count()
    response = client.post(
        decide_url(certificate, "suspend"),
        {"reason": "Serious nonconformity.", "effective": "2026-03-16"},
    )
    assert response.status_code == 403
    assert b"evaluator of file" in response.content
    assert b"ISO/IEC 17065" in response.content
    assert Decision.objects.count() == decisions
    assert JournalEntry.objects.count() == journal
    assert certificate.status_on(TODAY) == Status.CERTIFIED
    assert queue_items(client, "decisions") == []


def queue_items(client: object, key: str) -> list[str]:
    response = client.get(reverse("backoffice:queue"))  # type: ignore[attr-defined]
    sections = {section.key: section for section in response.context["sections"]}
    return [item.title for item in sections[key].items]


def test_a_decision_out_of_order_shows_the_domain_message_and_writes_nothing(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    client = sign_in(decision_maker)
    decisions = Decision.objects.count()
    journal = JournalEntry.objects.count()
    response = client.post(
        decide_url(certified, "suspend"),
        {"reason": "Backdated.", "effective": "2026-01-20"},
    )
    assert response.status_code == 200
    assert (
        f"A decision on {certified.number} already takes effect on 2026-02-02; a new one "
        "cannot take effect before it."
    ) in response.content.decode()
    assert Decision.objects.count() == decisions
    assert JournalEntry.objects.count() == journal


def test_a_decision_the_status_does_not_allow_is_refused_with_its_reason(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    response = sign_in(decision_maker).post(
        decide_url(certified, "lift"), {"reason": "Lift it.", "effective": "2026-03-16"}
    )
    assert response.status_code == 200
    assert b"Cannot lift the suspension: the file is certified on that date" in response.content
    assert not Decision.objects.filter(certificate=certified, transition="lift").exists()


def test_a_decision_needs_its_reason(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    response = sign_in(decision_maker).post(
        decide_url(certified, "withdraw"), {"reason": "", "effective": "2026-03-16"}
    )
    assert response.status_code == 200
    assert b"This field is required." in response.content
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_a_renewal_needs_the_new_expiry_date(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    response = sign_in(decision_maker).post(
        decide_url(certified, "renew"), {"reason": "Renewed.", "effective": "2026-03-16"}
    )
    assert response.status_code == 200
    assert b'name="expires_on"' in response.content
    assert not Decision.objects.filter(certificate=certified, transition="renew").exists()


def test_evidence_that_is_not_the_files_or_not_a_real_document_is_refused(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    client = sign_in(decision_maker)
    other_files_report = client.post(
        decide_url(certified, "withdraw"),
        {"reason": "Fraud.", "effective": "2026-03-16", "reports": ["999999"]},
    )
    assert b"Select a valid choice" in other_files_report.content
    fake = SimpleUploadedFile("report.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(
        decide_url(certified, "withdraw"),
        {"reason": "Fraud.", "effective": "2026-03-16", "files": [fake]},
    )
    assert b"is not a real PDF file" in response.content
    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert not Evidence.objects.exists()


def test_unknown_and_appeal_only_decisions_are_not_found(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    client = sign_in(decision_maker)
    assert client.get(decide_url(certified, "explode")).status_code == 404
    assert client.get(decide_url(certified, "annul")).status_code == 404
    assert client.get(decide_url(certified, "apply")).status_code == 404


def test_a_garbled_date_is_a_form_error_not_a_crash(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    response = sign_in(decision_maker).post(
        decide_url(certified, "withdraw"), {"reason": "Fraud.", "effective": "16/13/2026x"}
    )
    assert response.status_code == 200
    assert b"Enter a valid date." in response.content


def test_a_decision_offered_today_but_refused_on_its_effective_date_says_why(
    sign_in: SignIn, decision_maker: User, certified: Certificate
) -> None:
    certification.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformities.", until=date(2026, 6, 1)
    )
    client = sign_in(decision_maker)
    page = client.get(reverse("backoffice:file", args=(certified.number,)))
    assert "lift" in buttons(page.content, certified)
    decisions = Decision.objects.count()

    # By 1 July the suspension has ended by itself: the transition table refuses lifting it.
    response = client.post(
        decide_url(certified, "lift"), {"reason": "Corrected.", "effective": "2026-07-01"}
    )

    assert response.status_code == 200
    assert b"Cannot lift the suspension" in response.content
    assert Decision.objects.count() == decisions


@pytest.mark.parametrize("codenames", [("view_certificate",), ("view_certificate", "add_decision")])
def test_a_file_manager_cannot_suspend_whatever_django_permissions_say(
    sign_in: SignIn, file_manager: User, certified: Certificate, codenames: tuple[str, ...]
) -> None:
    """Nothing but the role table decides: the suspension's service refuses a file manager."""
    for codename in codenames:
        file_manager.user_permissions.add(Permission.objects.get(codename=codename))
    client = sign_in(file_manager)
    page = client.get(reverse("backoffice:file", args=(certified.number,)))
    assert "suspend" not in buttons(page.content, certified)

    response = client.post(
        decide_url(certified, "suspend"), {"reason": "Findings.", "effective": "2026-03-16"}
    )

    assert response.status_code == 403
    assert b"Sofie Claes" in response.content
    assert certified.number.encode() in response.content
    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert not Decision.objects.filter(certificate=certified, transition="suspend").exists()


def test_a_record_that_is_not_the_files_is_not_evidence_and_nothing_is_decided(
    decision_maker: User, certified: Certificate, holder: Organisation, file_manager: User
) -> None:
    """The service itself refuses what is not the file's own record: a page offers only the
    file's records, but every door goes through the service."""
    foreign = ReferenceDocument.objects.create(
        kind=DocumentKind.PTV, number="999", title_nl="Ander", title_fr="Autre"
    )
    version = add_document_version(foreign, by=file_manager, label="1", valid_from=date(2020, 1, 1))
    for record in (version, holder):
        with pytest.raises(DomainError, match="is not a record of file"):
            certification.suspend_certificate(
                certified,
                by=decision_maker,
                reason="Fraud.",
                evidence=[certification.EvidenceLink(record=record)],
            )
    certified.forget_history()
    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert not Evidence.objects.exists()


def test_a_file_sent_with_a_decision_downloads_for_the_body_alone(
    sign_in: SignIn,
    decision_maker: User,
    reported: Inspection,
    inspector: User,
) -> None:
    certificate = reported.certificate
    decision = certification.suspend_certificate(
        certificate,
        by=decision_maker,
        reason="Tensile tests missing.",
        evidence=[
            certification.EvidenceLink(
                upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 x", "application/pdf")
            )
        ],
    )
    evidence = decision.evidence.get()
    download = reverse("backoffice:evidence-file", args=(certificate.number, evidence.pk))
    assert sign_in(decision_maker).get(download).status_code == 200
    # The file's inspector sees the file, not what the body's decision rests on.
    client = sign_in(inspector)
    page = client.get(reverse("backoffice:file", args=(certificate.number,)))
    assert page.status_code == 200
    assert download not in page.text
    assert client.get(download).status_code == 404
    # An evidence id of this file under another file's number is not found either.
    other = reverse("backoffice:evidence-file", args=("BENOR-999999", evidence.pk))
    assert sign_in(decision_maker).get(other).status_code == 404


def test_the_file_inspector_is_shown_no_complaint_among_the_evidence(
    sign_in: SignIn, inspector: User, decision_maker: User, reported: Inspection, complaint: Any
) -> None:
    """The complaint register is the body's: even a form sent back to an inspector of the
    file (who may not decide) does not name the complaints about it."""
    certificate = reported.certificate
    offered = sign_in(decision_maker).get(decide_url(certificate, "suspend"))
    assert complaint.reference in offered.text
    refused = sign_in(inspector).post(decide_url(certificate, "suspend"), {"reason": ""})
    assert complaint.reference not in refused.text
