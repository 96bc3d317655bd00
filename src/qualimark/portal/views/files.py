"""A file of the holder: everything about one certificate, and renouncing it."""

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.access.visible import certificate_for
from qualimark.certification.lifecycle import CERTIFIED_STATUSES, RENOUNCE
from qualimark.certification.models import Certificate
from qualimark.certification.permissions import file_standing
from qualimark.certification.services import renounce_certificate
from qualimark.documents.pdf import granted_on
from qualimark.errors import DomainError
from qualimark.portal.forms import RenounceForm
from qualimark.portal.queries import file_page
from qualimark.portal.views.common import PortalRequest, answers_refusals, refuse_in
from qualimark.signin.decorators import portal_required


@portal_required
@answers_refusals
def file_detail(request: PortalRequest, number: str) -> HttpResponse:
    certificate = certificate_for(request.user, number)
    today = clock.today()
    page = file_page(request.user, certificate, today)
    return render(
        request,
        "portal/file.html",
        {
            "certificate": page.row.certificate,
            "today": today,
            "page": page,
            "printable": _granted_by(page.row.certificate, today),
            "may_renounce": page.row.status in CERTIFIED_STATUSES
            and request.user.has_perm(RENOUNCE.name, certificate),
        },
    )


def _granted_by(certificate: Certificate, day: date) -> bool:
    """Whether there is a certificate to print (the PDF refuses a file not yet granted)."""
    granted = granted_on(certificate.timeline)
    return granted is not None and granted <= day


@portal_required
@answers_refusals
def renounce(request: PortalRequest, number: str) -> HttpResponse:
    certificate = certificate_for(request.user, number)
    if request.method == "POST":
        return _renounce(request, certificate)
    # The form is shown to whoever may renounce; the service says why to others.
    RENOUNCE.check(file_standing(request.user, certificate))
    form = RenounceForm(initial={"effective": clock.today()})
    return _renounce_page(request, form, certificate.number)


def _renounce(request: PortalRequest, certificate: Certificate) -> HttpResponse:
    """Renounce through the service, which refuses whoever may not."""
    form = RenounceForm(request.POST)
    if form.is_valid():
        try:
            renounce_certificate(
                certificate,
                by=request.user,
                reason=form.cleaned_data["reason"],
                effective=form.cleaned_data["effective"],
            )
        except DomainError as error:
            refuse_in(form, error)
        else:
            messages.success(
                request,
                _("Certificate %(number)s is renounced from %(date)s.")
                % {
                    "number": certificate.number,
                    "date": date_format(form.cleaned_data["effective"]),
                },
            )
            return redirect("portal:file", number=certificate.number)
    return _renounce_page(request, form, certificate.number, status=400)


def _renounce_page(
    request: PortalRequest, form: RenounceForm, number: str, status: int = 200
) -> HttpResponse:
    return render(request, "portal/renounce.html", {"form": form, "number": number}, status=status)
