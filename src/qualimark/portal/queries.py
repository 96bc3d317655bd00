"""What the portal's pages read, each in a number of queries that does not grow with the files.

Everything starts from the `qualimark.access.visible` helpers, so a page never shows more
than the same helpers let the API and the downloads show.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from qualimark.access import visible
from qualimark.applications.lifecycle import START
from qualimark.applications.models import Application, ApplicationStatus
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision
from qualimark.datasheets.lifecycle import DATASHEET, PROPOSE, Transition
from qualimark.datasheets.models import Datasheet, DatasheetProposal, DatasheetStatus
from qualimark.datasheets.services import PUBLISHABLE
from qualimark.oversight.lifecycle import SENT_TO_HOLDER, InspectionStatus
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation
from qualimark.parties.roles import AnyUser
from qualimark.portal.presenters import APPLICATION_STAGES, last_valid_day, tone
from qualimark.sanctions.models import Sanction
from qualimark.sanctions.queries import active_sanctions


@dataclass(frozen=True)
class FileRow:
    certificate: Certificate
    status: Status | None
    tone: str
    valid_until: date | None


@dataclass(frozen=True)
class ApplicationRow:
    application: Application
    status_label: str
    tone: str


@dataclass(frozen=True)
class OrganisationSection:
    organisation: Organisation
    files: list[FileRow]
    applications: list[ApplicationRow]
    reports: list[Inspection]
    may_apply: bool
    may_manage_users: bool


def file_row(certificate: Certificate, today: date) -> FileRow:
    status = certificate.status_on(today)
    return FileRow(certificate, status, tone(status), last_valid_day(certificate.expires_on))


def application_row(application: Application, today: date) -> ApplicationRow:
    """A draft says so; a submitted application says where its file stands today."""
    if application.certificate is None:
        return ApplicationRow(application, str(ApplicationStatus(application.status).label), "")
    status = application.certificate.status_on(today)
    label = str(Status(status).label) if status else str(ApplicationStatus.SUBMITTED.label)
    return ApplicationRow(application, label, tone(status))


def is_open(application: Application, today: date) -> bool:
    """A draft, or a submitted application whose file has not yet come to a certificate."""
    if application.certificate is None:
        return application.status == ApplicationStatus.DRAFT
    return application.certificate.status_on(today) in APPLICATION_STAGES


def home_sections(
    user: AnyUser, organisations: list[Organisation], today: date
) -> list[OrganisationSection]:
    """Per organisation: its files, its open applications and the reports awaiting an answer."""
    certificates = (
        visible.visible_certificates(user)
        .filter(holder__in=organisations)
        .select_related("programme__scheme", "programme__subject", "production_unit")
        .prefetch_related("status_periods")
        .order_by("number")
    )
    applications = (
        visible.visible_applications(user)
        .filter(organisation__in=organisations)
        .select_related("programme__scheme", "programme__subject", "certificate")
        .prefetch_related("certificate__status_periods")
        .order_by("-created_at", "-id")
    )
    reports = (
        visible.visible_inspections(user)
        .filter(
            certificate__holder__in=organisations,
            status=InspectionStatus.REPORT_SENT,
            comment_deadline__gte=today,
        )
        .select_related("certificate")
        .order_by("comment_deadline", "reference")
    )
    files_of: dict[int, list[FileRow]] = {}
    for certificate in certificates:
        files_of.setdefault(certificate.holder_id, []).append(file_row(certificate, today))
    open_of: dict[int, list[ApplicationRow]] = {}
    for application in applications:
        if is_open(application, today):
            row = application_row(application, today)
            open_of.setdefault(application.organisation_id, []).append(row)
    reports_of: dict[int, list[Inspection]] = {}
    for inspection in reports:
        reports_of.setdefault(inspection.certificate.holder_id, []).append(inspection)
    return [
        OrganisationSection(
            organisation=organisation,
            files=files_of.get(organisation.pk, []),
            applications=open_of.get(organisation.pk, []),
            reports=reports_of.get(organisation.pk, []),
            may_apply=user.has_perm(START.name, organisation),
            may_manage_users=user.has_perm("parties.manage_users", organisation),
        )
        for organisation in organisations
    ]


@dataclass(frozen=True)
class DatasheetRow:
    datasheet: Datasheet
    status: DatasheetStatus
    trade_name: str
    printable: bool
    may_propose_version: bool


@dataclass(frozen=True)
class FilePage:
    row: FileRow
    may_propose: bool
    decisions: list[Decision]
    datasheets: list[DatasheetRow]
    inspections: list[Inspection]
    application: Application | None
    sanctions: list[Sanction]
    proposals: list[DatasheetProposal]


def _datasheet_row(datasheet: Datasheet, today: date, may_propose: bool) -> DatasheetRow:
    state = datasheet.state_on(today)
    versions = list(datasheet.versions.all())  # prefetched, in version order
    in_force = next((v for v in versions if v.pk == state.version_id), None)
    shown = in_force or (versions[-1] if versions else None)
    takes_versions = Transition.ADD_VERSION in DATASHEET.open_from(state.status)
    return DatasheetRow(
        datasheet=datasheet,
        status=DatasheetStatus(state.status),
        trade_name=shown.trade_name if shown else "",
        printable=any(s.status.version_id for s in datasheet.timeline if s.start <= today),
        may_propose_version=may_propose and takes_versions,
    )


def file_page(user: AnyUser, certificate: Certificate, today: date) -> FilePage:
    """Everything the file page shows of `certificate`, in a fixed number of queries."""
    certificate = (
        visible.visible_certificates(user)
        .select_related("holder", "programme__scheme", "programme__subject", "production_unit")
        .prefetch_related(
            "status_periods",
            "sanctions",
            Prefetch(
                "decisions",
                # An annulled decision says so: its annulment is read in the same query.
                queryset=Decision.objects.select_related("annulment").order_by("effective", "id"),
            ),
            Prefetch(
                "datasheets",
                queryset=visible.visible_datasheets(user).prefetch_related(
                    "versions", "status_periods"
                ),
            ),
        )
        .get(pk=certificate.pk)
    )
    row = file_row(certificate, today)
    # Proposals are offered where the service takes them: from the trial period on.
    may_propose = row.status in PUBLISHABLE and user.has_perm(PROPOSE.name, certificate)
    inspections = (
        visible.visible_inspections(user)
        .filter(certificate=certificate, status__in=SENT_TO_HOLDER)
        .order_by("-visited_on", "-reference")
    )
    application = (
        visible.visible_applications(user)
        .filter(certificate=certificate)
        .prefetch_related("uploads__requirement")
        .first()
    )
    proposals = DatasheetProposal.objects.filter(certificate=certificate).select_related(
        "datasheet"
    )
    return FilePage(
        row=row,
        may_propose=may_propose,
        decisions=list(certificate.decisions.all()),
        datasheets=[_datasheet_row(d, today, may_propose) for d in certificate.datasheets.all()],
        inspections=list(inspections),
        application=application,
        sanctions=active_sanctions(certificate, today),
        proposals=list(proposals.order_by("-proposed_at", "-id")),
    )
