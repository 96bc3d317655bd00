"""The demo's portal and back-office at work: one holder's users, its online applications
and datasheet proposal, and an inspector with a visit to make and a report to write.

Like `demo.oversight`, this is work in progress placed around the day the demo is built,
and every step goes through the services, on the clock of its own day: the invitations,
applications (with real PDF uploads) and proposal are journalled and their e-mails queued
as if people had made them. The holder chosen is one whose inspection report waits for its
comments, so that its users find every kind of work in the portal. The accounts made here
are the demo's logins (`demo.logins`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from random import Random
from typing import TypeVar

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.applications import services as applications
from qualimark.applications.models import Application, RequiredDocument
from qualimark.certification.lifecycle import FINAL, Status
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet, DatasheetStatus
from qualimark.datasheets.proposals import propose_datasheet
from qualimark.demo import places
from qualimark.demo.catalogue import SUBJECTS
from qualimark.demo.inspections import Bodies
from qualimark.demo.oversight import reference_day
from qualimark.demo.pdfs import one_page_pdf
from qualimark.demo.rows import BRUSSELS, Staff, slug
from qualimark.lots import services as lots
from qualimark.lots.models import QuantityUnit
from qualimark.oversight import planning, reports, services
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import FindingKind, Inspection, InspectionBody
from qualimark.parties.memberships import invite_user
from qualimark.parties.models import Organisation, Person, ProductionUnit, RoleKind
from qualimark.schemes.models import Kind, Programme
from qualimark.workdays import add_working_days, subtract_working_days

T = TypeVar("T")

FUNCTIONS = {"nl": "Kwaliteitsverantwoordelijke", "fr": "Responsable qualité"}


@dataclass(frozen=True)
class _Holder:
    organisation: Organisation
    certificate: Certificate  # certified, with datasheets, its report open for comments
    datasheet: Datasheet
    language: str


def write_portal(staff: Staff, seed: int, say: Callable[[str], None]) -> None:
    """Users for one holder, its applications and proposal, and an inspector's work."""
    chosen = _holder_with_open_report()
    if chosen is None:
        say(_("No holder with a report open for comments: the portal's demo cases skipped."))
        return
    rng = Random(f"qualimark-demo/portal/{seed}")
    day = reference_day()
    administrator, invited = _users(rng, staff, chosen, day)
    _applications(chosen, administrator, day)
    _proposal(chosen, invited, day)
    _first_comment(chosen, invited, day)
    _inspector_at_work(staff, chosen, day)
    say(
        _("Portal users, applications and a datasheet proposal written for %(holder)s.")
        % {"holder": chosen.organisation}
    )


def _at(day: date, hour: int, step: Callable[[], T], minute: int = 0) -> T:
    """Run a step on the clock of `day` at `hour`, Brussels time."""
    with clock.frozen_at(datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)):
        return step()


def _holder_with_open_report() -> _Holder | None:
    """A product holder whose report waits for its comments and whose file has datasheets."""
    day = reference_day()
    waiting = (
        Inspection.objects.filter(
            status=InspectionStatus.REPORT_SENT,
            comment_deadline__gte=day,
            comments__isnull=True,
            certificate__production_unit__isnull=False,
        )
        .select_related(
            "certificate__holder",
            "certificate__production_unit",
            "certificate__programme__subject",
        )
        .order_by("id")
    )
    for inspection in waiting:
        certificate = inspection.certificate
        sheets = Datasheet.objects.filter(certificate=certificate).prefetch_related(
            "status_periods", "versions"
        )
        published = [s for s in sheets if s.state_on(day).status == DatasheetStatus.PUBLISHED]
        if published:
            holder = certificate.holder
            return _Holder(holder, certificate, published[0], _language(holder))
    return None


def _language(holder: Organisation) -> str:
    town = next((t for t in places.TOWNS if t.postal_code == holder.postal_code), None)
    return town.language if town else "nl"


def _users(rng: Random, staff: Staff, chosen: _Holder, day: date) -> tuple[User, User]:
    """The administrator, appointed by the file manager a month ago, and the colleague
    they invited (who reads English)."""
    holder = chosen.organisation
    contact = Person.objects.filter(roles__organisation=holder).order_by("id").first()
    domain = contact.email.split("@")[-1] if contact else f"{slug(holder.name)}.example"
    taken = {str(contact)} if contact else set()
    people = []
    for language in (chosen.language, "en"):
        first, last = places.person_name(rng, chosen.language)
        while f"{first} {last}" in taken:
            first, last = places.person_name(rng, chosen.language)
        taken.add(f"{first} {last}")
        people.append((first, last, f"{slug(first)}.{slug(last)}@{domain}", language))
    appointed = subtract_working_days(day, 22)
    first, last, email, language = people[0]
    role = _at(
        appointed,
        9,
        lambda: invite_user(
            holder,
            by=staff.file_manager,
            email=email,
            first_name=first,
            last_name=last,
            language=language,
            kind=RoleKind.HOLDER_ADMINISTRATOR,
        ),
    )
    administrator = role.person.user
    assert administrator is not None  # the invitation made the account
    first, last, email, language = people[1]
    invited = _at(
        add_working_days(appointed, 1),
        10,
        lambda: invite_user(
            holder,
            by=administrator,
            email=email,
            first_name=first,
            last_name=last,
            language=language,
        ),
    ).person.user
    assert invited is not None
    return administrator, invited


def _open_programmes(chosen: _Holder, unit: ProductionUnit, day: date) -> list[Programme]:
    """Product programmes with a PTV in force that the unit holds no open file for, those
    of the holder's own sector first (an asphalt plant applies for another asphalt mix)."""
    files = Certificate.objects.filter(
        holder=chosen.organisation, production_unit=unit
    ).prefetch_related("status_periods")
    busy = {c.programme_id for c in files if c.status_on(day) not in FINAL}
    sectors = {spec.code: spec.sector for spec in SUBJECTS}
    own = sectors.get(chosen.certificate.programme.subject.code)
    candidates = (
        Programme.objects.filter(scheme__kind=Kind.PRODUCT, scheme__validity_years__isnull=True)
        .exclude(pk__in=busy)
        .select_related("scheme", "subject")
        .order_by("id")
    )
    with clock.frozen_at(datetime.combine(day, time(8), tzinfo=BRUSSELS)):
        open_ = [p for p in candidates if applications.ptv_versions(p)]
    return sorted(open_, key=lambda p: sectors.get(p.subject.code) != own)


def _applications(chosen: _Holder, administrator: User, day: date) -> None:
    """One application submitted yesterday (awaiting admissibility), one draft started today."""
    unit = chosen.certificate.production_unit
    assert unit is not None  # a product file
    programmes = _open_programmes(chosen, unit, day)
    if len(programmes) < 2:
        return
    submitted_on = subtract_working_days(day, 1)
    submitted = _at(
        submitted_on,
        14,
        lambda: _prepare(programmes[0], unit, administrator, chosen, everything=True),
    )
    _at(submitted_on, 16, lambda: applications.submit_application(submitted, by=administrator))
    _at(day, 9, lambda: _prepare(programmes[1], unit, administrator, chosen, everything=False))


def _prepare(
    programme: Programme, unit: ProductionUnit, by: User, chosen: _Holder, *, everything: bool
) -> Application:
    """A draft with its contact and the documents asked (a draft: the first one only)."""
    versions = applications.ptv_versions(programme)
    application = applications.start_application(
        chosen.organisation,
        by=by,
        programme=programme,
        production_unit=unit,
        ptv_version=versions[0] if versions else None,
    )
    applications.set_contacts(
        application,
        by=by,
        contacts=[
            applications.ContactDetails(
                name=str(by),
                function=FUNCTIONS.get(chosen.language, FUNCTIONS["nl"]),
                email=by.email,
                phone="+32 9 216 40 00",
            )
        ],
    )
    documents = list(programme.required_documents.order_by("position"))
    for document in documents if everything else documents[:1]:
        applications.add_upload(
            application, by=by, requirement=document, upload=_pdf(document, chosen)
        )
    return application


def _pdf(document: RequiredDocument, chosen: _Holder) -> SimpleUploadedFile:
    """A one-page PDF standing for the document the applicant would upload."""
    name = getattr(document, f"name_{chosen.language}") or document.name_nl
    return one_page_pdf(name, chosen.organisation.name)


def _first_comment(chosen: _Holder, invited: User, day: date) -> None:
    """The invited user sends this morning's photos of the marking; the window stays open
    for the administrator's own comment."""
    inspection = Inspection.objects.get(
        certificate=chosen.certificate,
        status=InspectionStatus.REPORT_SENT,
        comment_deadline__gte=day,
    )
    _at(
        day,
        8,
        lambda: reports.comment_on_report(
            inspection,
            by=invited,
            text="Foto's van de markering op de rollen, zoals gevraagd.",
            attachments=[one_page_pdf("Markering rollen", chosen.certificate.number)],
        ),
    )


def _proposal(chosen: _Holder, invited: User, day: date) -> None:
    """A new product in the range of a published datasheet, proposed this morning."""
    sheet = chosen.datasheet
    version = max(sheet.versions.all(), key=lambda v: v.number)
    _at(
        day,
        8,
        lambda: propose_datasheet(
            chosen.certificate,
            by=invited,
            product_name=f"{sheet.product_name} HD",
            trade_name=f"{version.trade_name} HD",
            characteristics=list(version.characteristics),
        ),
        minute=30,
    )


def _inspector_at_work(staff: Staff, chosen: _Holder, day: date) -> None:
    """The inspector of the chosen file: its next (unannounced) visit is planned, and
    yesterday's visit of another file waits for its report."""
    bodies = Bodies(list(InspectionBody.objects.order_by("id")))
    certificate = chosen.certificate
    body = bodies.for_programme(certificate.programme)
    if body is None:
        return
    inspector = bodies.inspector_for(body, certificate)
    yesterday = subtract_working_days(day, 1)
    _at(
        yesterday,
        11,
        lambda: planning.plan_inspection(
            certificate,
            by=staff.file_manager,
            body=body,
            inspector=inspector,
            planned_on=add_working_days(day, 4),
        ),
    )
    other = _other_file(body, chosen, day)
    if other is not None:
        _visit(staff, other, body, inspector, yesterday)
    _lot_to_inspect(staff, certificate, inspector, day)


def _lot_to_inspect(staff: Staff, certificate: Certificate, inspector: User, day: date) -> None:
    """A contractor's lot of the same product, to be inspected the day after tomorrow."""
    programme = certificate.programme
    yesterday = subtract_working_days(day, 1)
    request = _at(
        yesterday,
        9,
        lambda: lots.request_lot_inspection(
            by=staff.file_manager,
            scheme=programme.scheme,
            subject=programme.subject,
            product=f"{programme.subject}, partij voor de werf",
            quantity=Decimal("900"),
            unit=QuantityUnit.SQUARE_METRES,
            street="Havenlaan 10",
            postal_code="8380",
            town="Zeebrugge",
            requester_name="Aannemer Deprez",
            requester_email="werf@deprez.example",
            requested_on=yesterday,
        ),
    )
    _at(
        day,
        8,
        lambda: lots.plan_lot_inspection(
            request,
            by=staff.file_manager,
            inspector=inspector,
            planned_on=add_working_days(day, 2),
        ),
    )


def _other_file(body: InspectionBody, chosen: _Holder, day: date) -> Certificate | None:
    """A certified product file of another holder that the body inspects."""
    files = (
        Certificate.objects.filter(
            programme__in=body.programmes.all(), production_unit__isnull=False
        )
        .exclude(holder=chosen.organisation)
        .prefetch_related("status_periods")
        .order_by("id")
    )
    return next(
        (f for f in files.iterator(chunk_size=200) if f.status_on(day) == Status.CERTIFIED), None
    )


def _visit(
    staff: Staff, certificate: Certificate, body: InspectionBody, inspector: User, on: date
) -> None:
    inspection = _at(
        subtract_working_days(on, 3),
        9,
        lambda: planning.plan_inspection(
            certificate, by=staff.file_manager, body=body, inspector=inspector, planned_on=on
        ),
    )

    def visit() -> None:
        services.carry_out_inspection(
            inspection,
            by=inspector,
            visited_on=on,
            summary="Onaangekondigd bezoek: productie en registers van de zelfcontrole.",
        )
        services.add_finding(
            inspection,
            by=inspector,
            kind=FindingKind.REMARK,
            observation="Kalibratiecertificaat van de weegschaal vervalt over twee weken.",
        )
        services.add_attachment(
            inspection,
            by=inspector,
            file=one_page_pdf("Kalibratiecertificaat weegschaal", certificate.number),
            description="Kalibratiecertificaat van de weegschaal",
        )

    _at(on, 15, visit)
