"""Detail pages: a certificate, a datasheet, a holder, a product or execution type."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.documents.pdf import granted_on
from qualimark.links import verification_url
from qualimark.public import access
from qualimark.public.presenters import (
    certificate_timeline,
    datasheet_timeline,
    replacements_of,
    standing,
    tone,
)
from qualimark.public.views.common import not_found
from qualimark.schemes.models import Kind, Programme, Subject
from qualimark.verification.verify import verify


def certificate_detail(request: HttpRequest, number: str) -> HttpResponse:
    certificate = access.certificate(number)
    if certificate is None:
        return not_found(
            request,
            _("No certificate numbered %(number)s is in the public registry.") % {"number": number},
        )
    today = clock.today()
    status = certificate.status_on(today)
    datasheets = [
        (datasheet, standing(datasheet, status, today))
        for datasheet in certificate.datasheets.all()
        if datasheet.timeline  # only what was published is public
    ]
    return render(
        request,
        "public/certificate.html",
        {
            "certificate": certificate,
            "today": today,
            "status": status,
            "tone": tone(status),
            "in_trial": status == Status.TRIAL,
            "timeline": certificate_timeline(certificate),
            "versions": certificate.programme.versions_on(today),
            "datasheets": datasheets,
            "verification_url": verification_url(certificate.number),
            "printable": _granted_by(certificate, today),
        },
    )


def _granted_by(certificate: Certificate, day: date) -> bool:
    """Whether there is a certificate to print (the PDF refuses a file not yet granted)."""
    granted = granted_on(certificate.timeline)
    return granted is not None and granted <= day


def datasheet_detail(request: HttpRequest, quick_code: str) -> HttpResponse:
    datasheet = access.datasheet(quick_code)
    if datasheet is None:
        return not_found(
            request,
            _("No datasheet with quick code %(code)s is in the public registry.")
            % {"code": quick_code},
            suggest_verify=quick_code,
        )
    today = clock.today()
    certificate = datasheet.certificate
    state = standing(datasheet, certificate.status_on(today), today)
    versions = [
        version
        for version in datasheet.versions.all()
        if any(s.status.version_id == version.pk for s in datasheet.timeline)
    ]
    return render(
        request,
        "public/datasheet.html",
        {
            "datasheet": datasheet,
            "certificate": certificate,
            "certificate_public": access.is_public(certificate),
            "today": today,
            "standing": state,
            "verdict": verify(datasheet.quick_code, on=today),
            "current": state.version or (versions[-1] if versions else None),
            "versions": versions,
            "timeline": datasheet_timeline(datasheet, replacements_of(datasheet)),
            "formatted_code": quickcodes.format_code(datasheet.quick_code),
            "verification_url": verification_url(datasheet.quick_code),
        },
    )


def _with_status(certificates: list[Certificate]) -> list[tuple[Certificate, Status | None, str]]:
    today = clock.today()
    rows = []
    for certificate in certificates:
        status = certificate.status_on(today)
        rows.append((certificate, status, tone(status)))
    return rows


def holder_detail(request: HttpRequest, enterprise_number: str) -> HttpResponse:
    found = access.holder(enterprise_number)
    if found is None:
        return not_found(
            request,
            _("No certificate holder with enterprise number %(number)s is in the public registry.")
            % {"number": enterprise_number},
        )
    organisation, certificates = found
    units = sorted(
        {c.production_unit for c in certificates if c.production_unit is not None},
        key=lambda unit: (unit.town, unit.name),
    )
    return render(
        request,
        "public/holder.html",
        {"holder": organisation, "units": units, "certificates": _with_status(certificates)},
    )


def subject_list(request: HttpRequest) -> HttpResponse:
    subjects = sorted(Subject.objects.all(), key=lambda subject: subject.name.casefold())
    groups = [(label, [s for s in subjects if s.kind == kind]) for kind, label in Kind.choices]
    return render(request, "public/subjects.html", {"groups": groups})


def subject_detail(request: HttpRequest, code: str) -> HttpResponse:
    subject = Subject.objects.filter(code=code).first()
    if subject is None:
        return not_found(
            request, _("There is no product or execution type %(code)s.") % {"code": code}
        )
    programmes = (
        Programme.objects.filter(subject=subject)
        .select_related("scheme")
        .prefetch_related("documents__versions__files")
    )
    rows = _with_status(
        list(access.certificates().filter(programme__subject=subject).order_by("holder__name"))
    )
    return render(
        request,
        "public/subject.html",
        {
            "subject": subject,
            "today": clock.today(),
            "programmes": programmes,
            "certified": [r for r in rows if r[1] in (Status.CERTIFIED, Status.SUSPENDED)],
            "in_trial": [r for r in rows if r[1] == Status.TRIAL],
            "team": subject.team.all(),
            "prescriptions": subject.prescriptions.all(),
        },
    )
