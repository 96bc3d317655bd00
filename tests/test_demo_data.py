"""The demo registry: the same for the same seed, complete, and true to the services' rules."""

import hashlib
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from io import StringIO
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django.fixtures import Settings
from stdnum.be import vat

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.applications.models import Application, ApplicationStatus
from qualimark.certification import services
from qualimark.certification.lifecycle import FINAL, LIFECYCLE, Status, Transition
from qualimark.certification.models import Certificate, Decision, Involvement, timeline_of
from qualimark.certification.timeline import segment_on
from qualimark.complaints.lifecycle import ComplaintStatus
from qualimark.complaints.models import Appeal, Complaint
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetStatus,
    DatasheetStatusPeriod,
    DatasheetVersion,
    ProposalStatus,
)
from qualimark.demo.generator import ANCHOR, InvalidScale, RegistryNotEmpty, Summary, generate
from qualimark.demo.logins import demo_password
from qualimark.demo.oversight import reference_day
from qualimark.journal.models import JournalEntry
from qualimark.oversight.models import Inspection, InspectionStatus
from qualimark.parties.models import Organisation, Role, RoleKind
from qualimark.parties.services import add_production_unit
from qualimark.sanctions.models import Sanction, SanctionKind
from qualimark.schemes.models import Kind, Programme, Scheme
from qualimark.verification.verify import Outcome, verify

SCALE = 0.05  # about 45 files and 260 datasheets: every status, in a second or two


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The tests read the commands' output in English, whatever the default language."""
    with translation.override("en"):
        yield


@pytest.fixture
def demo(db: None) -> Summary:
    """The history alone: the oversight pass is slower and has its own test."""
    return generate(SCALE, seed=1, oversight=False)


@pytest.fixture
def demo_with_oversight(db: None, settings: Settings, tmp_path: Path) -> Summary:
    settings.MEDIA_ROOT = tmp_path / "media"  # the applications' uploads
    return generate(SCALE, seed=1)


def _digest() -> str:
    """A fingerprint of the registry that ignores database ids (they differ between runs)."""
    queries = [
        Organisation.objects.order_by("enterprise_number").values_list(
            "enterprise_number", "name", "street", "postal_code", "town"
        ),
        Certificate.objects.order_by("number").values_list(
            "number",
            "holder__enterprise_number",
            "production_unit__name",
            "applied_on",
            "expires_on",
        ),
        Decision.objects.order_by("certificate__number", "id").values_list(
            "certificate__number", "transition", "effective", "until", "decided_at", "reason"
        ),
        Datasheet.objects.order_by("quick_code").values_list(
            "quick_code", "certificate__number", "product_name", "quick_code_legacy", "created_at"
        ),
        DatasheetVersion.objects.order_by("datasheet__quick_code", "number").values_list(
            "datasheet__quick_code", "number", "trade_name", "characteristics"
        ),
        DatasheetStatusPeriod.objects.order_by("datasheet__quick_code", "id").values_list(
            "datasheet__quick_code", "status", "valid_from", "superseded_by__quick_code"
        ),
        JournalEntry.objects.order_by("at", "action", "object_repr").values_list(
            "at", "action", "object_repr"
        ),
    ]
    digest = hashlib.sha256()
    for query in queries:
        for row in query:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _digest_of_a_run(seed: int) -> str:
    with transaction.atomic():
        generate(SCALE, seed=seed, oversight=False)
        digest = _digest()
        transaction.set_rollback(True)
    return digest


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_registry_whatever_the_clock_says() -> None:
    first = _digest_of_a_run(seed=1)
    with clock.frozen_at(datetime(2031, 7, 1, 15, 0, tzinfo=ZoneInfo("Europe/Brussels"))):
        again = _digest_of_a_run(seed=1)
    other = _digest_of_a_run(seed=2)

    assert again == first
    assert other != first


def test_every_lifecycle_status_is_on_record_on_the_anchor_date(demo: Summary) -> None:
    certificates = Certificate.objects.prefetch_related("status_periods")
    statuses = [certificate.status_on(ANCHOR) for certificate in certificates]

    assert set(statuses) == set(Status)
    assert sum(demo.statuses.values()) == len(statuses)
    assert demo.statuses.most_common(1)[0][0] == Status.CERTIFIED


def test_every_enterprise_number_is_a_valid_and_distinct_belgian_one(demo: Summary) -> None:
    numbers = list(Organisation.objects.values_list("enterprise_number", flat=True))

    assert len(numbers) > 10
    assert [n for n in numbers if not vat.is_valid(n)] == []
    assert len(set(numbers)) == len(numbers)


def test_quick_codes_carry_a_check_digit_unless_brought_over_as_legacy(demo: Summary) -> None:
    codes = dict(Datasheet.objects.values_list("quick_code", "quick_code_legacy"))
    modern = [code for code, legacy in codes.items() if not legacy]
    legacy = [code for code, is_legacy in codes.items() if is_legacy]

    assert [code for code in modern if not quickcodes.check_digit_ok(code)] == []
    assert legacy, "a few legacy codes are expected"
    assert all(quickcodes.is_well_formed(c) and not quickcodes.check_digit_ok(c) for c in legacy)
    assert len(legacy) < len(modern) / 10


def _published_datasheet(status: Status) -> Datasheet:
    """A datasheet published on the anchor date whose certificate is then in `status`."""
    sheets = Datasheet.objects.select_related("certificate").prefetch_related(
        "status_periods", "certificate__status_periods"
    )
    for sheet in sheets:
        published = sheet.state_on(ANCHOR).status == DatasheetStatus.PUBLISHED
        if published and sheet.certificate.status_on(ANCHOR) == status:
            return sheet
    pytest.fail(f"no published datasheet of a {status} certificate")


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (Status.CERTIFIED, Outcome.VALID),
        (Status.SUSPENDED, Outcome.SUSPENDED),
        (Status.WITHDRAWN, Outcome.WITHDRAWN),
        (Status.EXPIRED, Outcome.EXPIRED),
    ],
)
def test_verification_of_a_datasheet_follows_its_certificate(
    demo: Summary, status: Status, outcome: Outcome
) -> None:
    sheet = _published_datasheet(status)

    assert verify(sheet.quick_code, on=ANCHOR).outcome == outcome


def test_withdrawn_and_superseded_datasheets_are_verified_as_such(demo: Summary) -> None:
    endings = DatasheetStatusPeriod.objects.exclude(status=DatasheetStatus.PUBLISHED)
    withdrawn = endings.filter(status=DatasheetStatus.WITHDRAWN).select_related("datasheet").first()
    superseded = (
        endings.filter(status=DatasheetStatus.SUPERSEDED)
        .select_related("datasheet", "superseded_by")
        .first()
    )
    assert withdrawn is not None
    assert superseded is not None
    assert superseded.superseded_by is not None

    assert verify(withdrawn.datasheet.quick_code, on=withdrawn.valid_from).outcome == (
        Outcome.DATASHEET_WITHDRAWN
    )
    answer = verify(superseded.datasheet.quick_code, on=superseded.valid_from)
    assert answer.outcome == Outcome.SUPERSEDED
    assert answer.superseded_by == [
        superseded.superseded_by.quick_code,
        superseded.superseded_by.product_name,
    ]


def test_every_decision_follows_the_transition_table(demo: Summary) -> None:
    certificates = Certificate.objects.prefetch_related("decisions", "status_periods")
    for certificate in certificates:
        decisions = sorted(certificate.decisions.all(), key=lambda d: d.pk)
        periods = list(certificate.status_periods.all())
        assert decisions[0].transition == Transition.APPLY
        assert decisions[0].effective == certificate.applied_on
        for before, decision in pairwise(decisions):
            assert decision.effective >= before.effective, certificate.number
            earlier = [p for p in periods if p.decision_id < decision.pk]
            current = segment_on(timeline_of(earlier), decision.effective)
            assert current is not None
            assert decision.from_status == current.status, certificate.number
            target = LIFECYCLE.check(Transition(decision.transition), current.status)
            assert decision.to_status == target


def test_every_decision_records_the_reference_documents_in_force_on_its_day(
    demo: Summary,
) -> None:
    """The bulk-written history records them as the decision's service does."""
    decisions = Decision.objects.select_related("certificate__programme").prefetch_related(
        "document_versions"
    )
    recorded = 0
    for decision in decisions.order_by("id")[:400]:
        expected = decision.certificate.programme.versions_on(decision.effective)
        assert {v.pk for v in decision.document_versions.all()} == {v.pk for v in expected}
        recorded += len(expected)
    assert recorded > 0


def test_product_files_name_a_production_unit_and_execution_files_none(demo: Summary) -> None:
    files = Certificate.objects.select_related("programme__scheme", "production_unit")
    for certificate in files:
        is_product = certificate.programme.scheme.kind == Kind.PRODUCT
        assert (certificate.production_unit is not None) == is_product, certificate.number
        if certificate.production_unit is not None:
            assert certificate.production_unit.organisation_id == certificate.holder_id
    assert files.filter(programme__scheme__kind=Kind.EXECUTION).exists()


def test_datasheets_are_published_only_while_their_file_is_granted_and_open(
    demo: Summary,
) -> None:
    sheets = Datasheet.objects.prefetch_related(
        "status_periods", "certificate__decisions", "certificate__status_periods"
    )
    for sheet in sheets:
        decisions = sheet.certificate.decisions.all()
        granted = min(d.effective for d in decisions if d.transition == Transition.GRANT)
        closed = [s.start for s in sheet.certificate.timeline if s.status in FINAL]
        for period in sheet.status_periods.all():
            if period.status == DatasheetStatus.PUBLISHED:
                assert granted <= period.valid_from, sheet.quick_code
                assert not closed or period.valid_from < min(closed), sheet.quick_code
            assert period.valid_from <= ANCHOR


def test_the_services_carry_on_from_the_generated_registry(demo: Summary) -> None:
    decision_maker = User.objects.get(email="decisions@qualimark.demo")
    file_manager = User.objects.get(email="files@qualimark.demo")
    benor = Programme.objects.filter(scheme__code="BENOR").first()
    assert benor is not None
    last = max(
        Certificate.objects.filter(programme__scheme__code="BENOR").values_list("number", flat=True)
    )
    holder = Organisation.objects.filter(production_units__isnull=False).first()
    assert holder is not None
    plant = add_production_unit(
        holder,
        by=User.objects.get(email="files@qualimark.demo"),
        name="Nieuwe fabriek",
        street="Dok Noord 3",
        postal_code="9000",
        town="Gent",
    )
    new = services.apply_for_certification(
        holder=holder, programme=benor, production_unit=plant, by=file_manager, applied_on=ANCHOR
    )
    certified = next(
        c
        for c in Certificate.objects.prefetch_related("status_periods")
        if c.status_on(ANCHOR) == Status.CERTIFIED
    )
    services.suspend_certificate(
        certified, by=decision_maker, reason="Demo.", effective=ANCHOR + timedelta(days=1)
    )

    assert new.number == f"BENOR-{int(last.split('-')[1]) + 1:06d}"
    # Read again: the prefetched status rows of `certified` predate the suspension.
    certified = Certificate.objects.get(pk=certified.pk)
    assert certified.status_on(ANCHOR + timedelta(days=1)) == Status.SUSPENDED


def test_demo_data_refuses_a_registry_that_is_not_empty(db: None) -> None:
    call_command("demo_data", scale=SCALE, stdout=StringIO())
    files = Certificate.objects.count()

    with pytest.raises(CommandError, match="registry is not empty"):
        call_command("demo_data", scale=SCALE, stdout=StringIO())
    assert Certificate.objects.count() == files


def test_demo_data_refuses_a_registry_with_only_a_mark_in_it(benor: Scheme) -> None:
    with pytest.raises(RegistryNotEmpty, match="certification systems"):
        generate(SCALE)
    assert Scheme.objects.count() == 1


@pytest.mark.parametrize("scale", [0, -1, float("nan")])
def test_demo_data_refuses_a_scale_that_is_not_positive(db: None, scale: float) -> None:
    with pytest.raises(InvalidScale):
        generate(scale)


def test_demo_data_prints_what_it_generated(db: None) -> None:
    out = StringIO()
    call_command("demo_data", scale=SCALE, seed=3, stdout=out)

    assert "seed 3" in out.getvalue()
    assert f"Technical datasheets: {Datasheet.objects.count():,}" in out.getvalue()


def _login(output: str) -> str:
    match = re.search(r"login admin@qualimark\.demo / (\S+)", output)
    assert match is not None, output
    return match.group(1)


def test_demo_prepares_a_registry_and_an_administrator(
    db: None, settings: Settings, tmp_path: Path
) -> None:
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    first, second = StringIO(), StringIO()

    call_command("demo", no_serve=True, scale=SCALE, stdout=first)
    call_command("demo", no_serve=True, scale=SCALE, stdout=second)

    admin = User.objects.get(email="admin@qualimark.demo")
    assert admin.is_superuser
    assert admin.is_staff
    assert "Admin: http://127.0.0.1:8000/admin/" in first.getvalue()
    assert not admin.check_password(_login(first.getvalue()))  # the second run made a new one
    assert admin.check_password(_login(second.getvalue()))
    assert "already holds data" in second.getvalue()
    files = re.search(r"Certificates: ([\d,]+)", first.getvalue())
    assert files is not None
    assert int(files.group(1).replace(",", "")) == Certificate.objects.count()


LOGIN_LINE = re.compile(r"^  (?P<role>[^:]+): (?P<email>\S+@\S+) \((?P<side>[^)]+)\)$", re.M)
PASSWORD_LINE = re.compile(r"all with the password (\S+): open http://127\.0\.0\.1:8000(/\S+)")
ROLES = [
    "Administrator",
    "File manager",
    "Decision maker",
    "Reviewer",
    "Auditor",
    "Inspector",
    "Holder administrator",
    "Invited user",
]


def test_every_demo_login_logs_in_and_lands_on_its_side(
    demo_with_oversight: Summary, settings: Settings, client: Client
) -> None:
    settings.DEBUG = True
    out = StringIO()

    call_command("demo", no_serve=True, scale=SCALE, stdout=out)

    found = PASSWORD_LINE.search(out.getvalue())
    assert found is not None, out.getvalue()
    password, login_path = found.groups()
    assert client.get(login_path).status_code == 200
    logins = [match.groupdict() for match in LOGIN_LINE.finditer(out.getvalue())]
    assert [login["role"] for login in logins] == ROLES
    for login in logins:
        assert client.login(email=login["email"], password=password), login
        landed = client.get(reverse("signin:home"), follow=True)
        side = "/portal/" if login["side"] == "holder portal" else "/office/"
        assert (landed.status_code, side in landed.request["PATH_INFO"]) == (200, True), login
        client.logout()


def test_the_demo_password_passes_djangos_validators(db: None) -> None:
    first, second = demo_password(), demo_password()

    validate_password(first)
    assert first != second
    assert re.fullmatch(r"\w{4}-\w{4}-\w{4}", first)


def test_the_demo_holder_has_every_kind_of_work_in_the_portal(
    demo_with_oversight: Summary,
) -> None:
    day = reference_day()
    invited = Role.objects.get(kind=RoleKind.INVITED_USER)
    administrator = Role.objects.get(
        kind=RoleKind.HOLDER_ADMINISTRATOR, organisation=invited.organisation
    )
    holder = administrator.organisation
    files = Certificate.objects.filter(holder=holder).prefetch_related("status_periods")
    certified = [f for f in files if f.status_on(day) == Status.CERTIFIED]
    sheets = Datasheet.objects.filter(certificate__in=certified).prefetch_related("status_periods")
    applications = {a.status: a for a in Application.objects.filter(organisation=holder)}
    submitted = applications[ApplicationStatus.SUBMITTED].certificate
    open_report = Inspection.objects.filter(
        certificate__holder=holder, status=InspectionStatus.REPORT_SENT, comment_deadline__gte=day
    )

    assert invited.organisation == holder
    assert [s for s in sheets if s.state_on(day).status == DatasheetStatus.PUBLISHED]
    assert open_report.exists()
    assert set(applications) == {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED}
    assert submitted is not None
    assert submitted.status_on(day) == Status.APPLIED
    assert applications[ApplicationStatus.SUBMITTED].uploads.count() == 3
    assert DatasheetProposal.objects.get(certificate__holder=holder).status == (
        ProposalStatus.PROPOSED
    )


def test_the_demo_inspector_has_a_visit_to_make_and_a_report_to_write(
    demo_with_oversight: Summary,
) -> None:
    planned = Inspection.objects.get(status=InspectionStatus.PLANNED)
    visited = Inspection.objects.get(status=InspectionStatus.CARRIED_OUT)

    assert planned.inspector == visited.inspector
    assert planned.planned_on > reference_day()
    assert planned.certificate.holder.roles.filter(kind=RoleKind.HOLDER_ADMINISTRATOR).exists()


def test_every_programme_asks_three_documents_in_three_languages(demo: Summary) -> None:
    programmes = Programme.objects.select_related("scheme").prefetch_related("required_documents")
    for programme in programmes:
        documents = list(programme.required_documents.all())
        assert len(documents) == 3, programme
        assert [d.mandatory for d in documents] == [True, True, False], programme
        assert all(d.name_nl and d.name_fr and d.name_en for d in documents)
    execution = next(p for p in programmes if p.scheme.kind == Kind.EXECUTION)
    assert "List of staff and equipment" in [d.name_en for d in execution.required_documents.all()]


def test_demo_refuses_to_run_without_debug(db: None, settings: Settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="QUALIMARK_DEBUG"):
        call_command("demo", no_serve=True, scale=SCALE, stdout=StringIO())
    assert not User.objects.filter(email="admin@qualimark.demo").exists()


def test_the_demo_shows_oversight_at_work_around_the_day_it_is_built(
    demo_with_oversight: Summary,
) -> None:
    day = reference_day()
    open_windows = Inspection.objects.filter(
        status=InspectionStatus.REPORT_SENT, comment_deadline__gte=day
    )
    suspensions = [
        s
        for s in Sanction.objects.filter(kind=SanctionKind.SUSPENSION, revoked=False)
        if s.certificate.status_on(day) == Status.SUSPENDED
    ]

    assert Inspection.objects.filter(status=InspectionStatus.EVALUATED).exists()
    assert open_windows.exists()
    assert suspensions
    assert verify(suspensions[0].certificate.number, on=day).outcome == Outcome.SUSPENDED
    assert Complaint.objects.filter(status=ComplaintStatus.UNDER_INVESTIGATION).exists()
    pending = Appeal.objects.select_related("sanction__certificate").get(decided_on__isnull=True)
    decided = Appeal.objects.select_related("sanction__certificate").get(decided_on__isnull=False)
    assert pending.sanction is not None
    assert decided.sanction is not None
    assert pending.sanction.certificate.status_on(day) == Status.SUSPENDED
    assert decided.sanction.certificate.status_on(day) == Status.CERTIFIED


def _journalled(action: str) -> list[str]:
    return sorted(JournalEntry.objects.filter(action=action).values_list("object_id", flat=True))


def test_the_demo_journals_every_inspection_and_involvement(demo_with_oversight: Summary) -> None:
    inspections = Inspection.objects.exclude(status=InspectionStatus.PLANNED)
    evaluated = Inspection.objects.filter(status=InspectionStatus.EVALUATED)
    involved = Involvement.objects.values_list("certificate_id", flat=True)

    assert _journalled("inspection.planned") == sorted(
        str(pk) for pk in Inspection.objects.values_list("pk", flat=True)
    )
    assert _journalled("inspection.carried_out") == sorted(
        str(pk) for pk in inspections.values_list("pk", flat=True)
    )
    assert _journalled("inspection.evaluated") == sorted(
        str(pk) for pk in evaluated.values_list("pk", flat=True)
    )
    assert _journalled("certificate.involvement") == sorted(str(pk) for pk in involved)
