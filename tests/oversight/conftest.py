"""States of external oversight: a regulation with its frequency, a body, an inspection.

Every state is reached through the services, as a user would reach it.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.oversight import planning, reports, services
from qualimark.oversight.models import FindingKind, Inspection, InspectionBody
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from qualimark.schemes.models import (
    DocumentKind,
    DocumentVersion,
    Kind,
    Programme,
    ReferenceDocument,
    Scheme,
    Subject,
)
from qualimark.schemes.services import add_document_version

TODAY = date(2026, 3, 16)  # a Monday; the suite's clock


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.QUALIMARK_CB_NAME = "COPRO vzw"
    mail.outbox = []


@pytest.fixture
def evaluator(file_manager: User) -> User:
    """The file manager assesses reports (and so may not decide on the file afterwards)."""
    return file_manager


@pytest.fixture
def recipients(holder: Organisation, holder_member: User) -> list[Person]:
    """The holder's administrator (reads French) and a contact person without an account."""
    holder_member.language = "fr"
    holder_member.save(update_fields=["language"])
    admin = Person.objects.get(user=holder_member)
    contact = Person.objects.create(
        first_name="Bart", last_name="Smets", email="quality@geotex.example"
    )
    Role.objects.create(person=contact, organisation=holder, kind=RoleKind.CONTACT)
    return [admin, contact]


@pytest.fixture
def planned(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> Inspection:
    return planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )


@pytest.fixture
def carried_out(planned: Inspection, inspector: User, ptv_version: DocumentVersion) -> Inspection:
    """Visited today; a major nonconformity on PTV 829 §5.2 and a remark."""
    services.carry_out_inspection(
        planned, by=inspector, visited_on=TODAY, summary="Production and FPC visited."
    )
    services.add_finding(
        planned,
        by=inspector,
        kind=FindingKind.MAJOR,
        requirement=ptv_version,
        clause="5.2",
        requirement_text="Tensile strength tested on every production lot.",
        observation="No tensile test recorded for lots 2026-031 to 2026-036.",
    )
    services.add_finding(
        planned, by=inspector, kind=FindingKind.REMARK, observation="Calibration due next month."
    )
    return planned


@pytest.fixture
def sent(carried_out: Inspection, recipients: list[Person], file_manager: User) -> Inspection:
    """The report of `carried_out`, sent today (comments until Monday 23 March)."""
    return reports.send_report(carried_out, by=file_manager)


@pytest.fixture
def execution_file(
    db: None, file_manager: User, decision_maker: User, holder: Organisation
) -> Certificate:
    """An execution file (safety barriers, COPRO.EXE) in trial period since 19 January."""
    scheme = Scheme.objects.create(
        code="COPRO.EXE", name="COPRO.EXE", owner="COPRO", kind=Kind.EXECUTION
    )
    subject = Subject.objects.create(
        code="safety-barriers",
        kind=Kind.EXECUTION,
        name_nl="Plaatsen van vangrails",
        name_fr="Pose de glissières de sécurité",
    )
    programme = Programme.objects.create(scheme=scheme, subject=subject)
    brs = ReferenceDocument.objects.create(
        kind=DocumentKind.BRS, number="8072", title_nl="BRS vangrails", title_fr="BRS glissières"
    )
    add_document_version(
        brs,
        by=file_manager,
        label="2024.1",
        valid_from=date(2024, 1, 1),
        inspections_min_per_year=6,
    )
    programme.documents.add(brs)
    certificate = certification.apply_for_certification(
        holder=holder, programme=programme, by=file_manager, applied_on=date(2026, 1, 5)
    )
    certification.admit_application(
        certificate, by=file_manager, reason="Complete.", effective=date(2026, 1, 12)
    )
    certification.start_trial_period(
        certificate, by=file_manager, reason="Trial.", effective=date(2026, 1, 19)
    )
    return certificate


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """These tests read messages in English, whatever the default language (nl)."""
    with translation.override("en"):
        yield
