"""Propose a new datasheet for a file, or a new version of a datasheet, for the CB to review."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.access.visible import certificate_for, datasheet_for
from qualimark.certification.models import Certificate
from qualimark.datasheets.lifecycle import PROPOSE
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.permissions import file_standing
from qualimark.datasheets.proposals import (
    propose_datasheet,
    propose_datasheet_version,
)
from qualimark.errors import DomainError
from qualimark.portal.forms import ProposalForm
from qualimark.portal.views.common import PortalRequest, answers_refusals, refuse_in
from qualimark.signin.decorators import portal_required


@portal_required
@answers_refusals
def propose_new(request: PortalRequest, number: str) -> HttpResponse:
    certificate = certificate_for(request.user, number)
    if request.method == "POST":
        return _propose_new(request, certificate)
    # The form is shown to whoever may propose; the service says why to others.
    PROPOSE.check(file_standing(request.user, certificate))
    return _page(request, ProposalForm(), certificate, None)


def _propose_new(request: PortalRequest, certificate: Certificate) -> HttpResponse:
    """Propose through the service, which refuses whoever may not."""
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            propose_datasheet(
                certificate,
                by=request.user,
                product_name=form.cleaned_data["product_name"],
                trade_name=form.cleaned_data["trade_name"],
                characteristics=form.cleaned_data["characteristics"],
            )
        except DomainError as error:
            refuse_in(form, error)
        else:
            messages.success(
                request,
                _("Your proposal is sent: the certification body reviews it before publishing."),
            )
            return redirect("portal:file", number=certificate.number)
    return _page(request, form, certificate, None)


@portal_required
@answers_refusals
def propose_version(request: PortalRequest, quick_code: str) -> HttpResponse:
    datasheet = datasheet_for(request.user, quick_code)
    if request.method == "POST":
        return _propose_version(request, datasheet)
    PROPOSE.check(file_standing(request.user, datasheet.certificate))
    form = ProposalForm(initial=_in_force(datasheet), new_datasheet=False)
    return _page(request, form, datasheet.certificate, datasheet)


def _propose_version(request: PortalRequest, datasheet: Datasheet) -> HttpResponse:
    """Propose the version through the service, which refuses whoever may not."""
    certificate = datasheet.certificate
    form = ProposalForm(request.POST, new_datasheet=False)
    if form.is_valid():
        try:
            propose_datasheet_version(
                datasheet,
                by=request.user,
                trade_name=form.cleaned_data["trade_name"],
                characteristics=form.cleaned_data["characteristics"],
            )
        except DomainError as error:
            refuse_in(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your proposal of a new version of datasheet %(code)s is sent: the "
                    "certification body reviews it before publishing."
                )
                % {"code": datasheet.quick_code},
            )
            return redirect("portal:file", number=certificate.number)
    return _page(request, form, certificate, datasheet)


def _in_force(datasheet: Datasheet) -> dict[str, Any]:
    """The version in force today, or the latest draft of a datasheet not yet published."""
    state = datasheet.state_on(clock.today())
    versions = datasheet.versions.order_by("number")
    version = versions.filter(pk=state.version_id).first() if state.version_id else None
    version = version or versions.last()
    if version is None:
        return {}
    characteristics = version.characteristics if isinstance(version.characteristics, list) else []
    return {
        "trade_name": version.trade_name,
        "characteristics": characteristics,
    }


def _page(
    request: PortalRequest,
    form: ProposalForm,
    certificate: Certificate,
    datasheet: Datasheet | None,
) -> HttpResponse:
    return render(
        request,
        "portal/propose.html",
        {"form": form, "certificate": certificate, "datasheet": datasheet},
        status=400 if form.is_bound and form.errors else 200,
    )
