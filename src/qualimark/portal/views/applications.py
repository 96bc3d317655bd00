"""Apply online: start a draft, complete it (contacts, documents), submit it, follow it.

Every change of a draft is a POST to its own address that calls one service of
`applications.services`, which decides whether the user may make it; a refusal is shown on
the draft's page, on the form it is about (a draft no longer a draft: in a message).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qualimark import clock
from qualimark.access.visible import application_for
from qualimark.applications import services
from qualimark.applications.lifecycle import START, ApplicationNotDraft
from qualimark.applications.models import Application, ApplicationUpload, RequiredDocument
from qualimark.applications.permissions import may_edit
from qualimark.certification.lifecycle import Status
from qualimark.errors import DomainError, NotVisible
from qualimark.parties.models import Organisation
from qualimark.parties.roles import holder_organisations
from qualimark.portal.forms import (
    ApplicationForm,
    UploadForm,
    contact_formset,
    contacts_of,
)
from qualimark.portal.presenters import tone
from qualimark.portal.views.common import (
    PortalRequest,
    answers_refusals,
    refuse_in,
    refuse_in_messages,
)
from qualimark.signin.decorators import portal_required


def _applying_organisations(request: PortalRequest) -> QuerySet[Organisation]:
    """The user's organisations that the form offers (the service decides for the chosen one)."""
    organisations = holder_organisations(request.user).order_by("name")
    allowed = [o.pk for o in organisations if request.user.has_perm(START.name, o)]
    return organisations.filter(pk__in=allowed)


@portal_required
@answers_refusals
def application_new(request: PortalRequest) -> HttpResponse:
    organisations = _applying_organisations(request)
    if request.method == "POST":
        return _start(request, organisations)
    initial = {"organisation": request.GET.get("organisation") or None}
    form = ApplicationForm(initial=initial, organisations=organisations)
    return _new_page(request, form)


def _start(request: PortalRequest, organisations: QuerySet[Organisation]) -> HttpResponse:
    """Start the draft through its service, which refuses whoever may not apply."""
    form = ApplicationForm(request.POST, organisations=organisations)
    if form.is_valid():
        organisation = form.chosen_organisation()
        try:
            application = services.start_application(
                organisation,
                by=request.user,
                programme=form.cleaned_data["programme"],
                production_unit=form.cleaned_data["production_unit"],
                ptv_version=form.cleaned_data["ptv_version"],
                notes=form.cleaned_data["notes"],
            )
        except DomainError as error:
            refuse_in(form, error)
        else:
            messages.success(
                request,
                _(
                    "Draft application %(reference)s is saved. Add the contacts and the "
                    "documents, then submit it."
                )
                % {"reference": application.reference},
            )
            return redirect("portal:application", reference=application.reference)
    return _new_page(request, form, status=400)


def _new_page(request: PortalRequest, form: ApplicationForm, status: int = 200) -> HttpResponse:
    return render(request, "portal/application_new.html", {"form": form}, status=status)


@dataclass
class RequirementRow:
    """A document the programme asks for, what was uploaded for it, and its upload form."""

    requirement: RequiredDocument | None
    uploads: list[ApplicationUpload]
    form: UploadForm | None

    @property
    def key(self) -> str:
        """The id of the row's file field on the page."""
        return f"upload-{self.requirement.pk}" if self.requirement else "upload-other"


def _load(request: PortalRequest, reference: str) -> Application:
    """The application, if the user sees it (NotVisible otherwise), with what its page shows."""
    application = application_for(request.user, reference)
    return (
        Application.objects.select_related(
            "organisation",
            "programme__scheme",
            "programme__subject",
            "production_unit",
            "ptv_version__document",
            "certificate",
            "created_by",
            "submitted_by",
        )
        .prefetch_related("contacts", "uploads", "programme__required_documents")
        .get(pk=application.pk)
    )


def _requirement_rows(
    application: Application, editable: bool, bound: UploadForm | None
) -> list[RequirementRow]:
    bound_for = bound.data.get("requirement") or "" if bound is not None else None
    uploads = list(application.uploads.all())

    def form_for(key: str) -> UploadForm | None:
        if not editable:
            return None
        if bound is not None and bound_for == key:
            return bound
        return UploadForm(initial={"requirement": key or None}, application=application)

    rows = [
        RequirementRow(
            requirement,
            [u for u in uploads if u.requirement_id == requirement.pk],
            form_for(str(requirement.pk)),
        )
        for requirement in application.programme.required_documents.all()
    ]
    others = [u for u in uploads if u.requirement_id is None]
    if editable or others:
        rows.append(RequirementRow(None, others, form_for("")))
    return rows


def _detail_page(
    request: PortalRequest,
    application: Application,
    *,
    form: ApplicationForm | None = None,
    contacts: Any = None,
    upload: UploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    editable = may_edit(request.user, application)
    context: dict[str, Any] = {
        "application": application,
        "editable": editable,
        "rows": _requirement_rows(application, editable, upload),
        "contacts": list(application.contacts.all()),
    }
    if editable:
        organisations = Organisation.objects.filter(pk=application.organisation_id)
        context |= {
            "form": form
            or ApplicationForm(
                initial=ApplicationForm.initial_for(application), organisations=organisations
            ),
            "contact_formset": contacts or contact_formset(application),
            "missing": services.missing_for_submission(application),
        }
    if application.certificate is not None:
        file_status = application.certificate.status_on(clock.today())
        context |= {
            "file_status": Status(file_status).label if file_status else "",
            "file_tone": tone(file_status),
            "may_see_file": request.user.has_perm(
                "certification.view_file", application.certificate
            ),
        }
    return render(request, "portal/application.html", context, status=status)


@portal_required
@answers_refusals
def application_detail(request: PortalRequest, reference: str) -> HttpResponse:
    return _detail_page(request, _load(request, reference))


def _no_longer_a_draft(
    request: PortalRequest, application: Application, error: DomainError
) -> HttpResponse:
    """Back to the application's page, with the reason the change was refused."""
    refuse_in_messages(request, error)
    return redirect("portal:application", reference=application.reference)


@portal_required
@require_POST
@answers_refusals
def application_edit(request: PortalRequest, reference: str) -> HttpResponse:
    application = _load(request, reference)
    organisations = Organisation.objects.filter(pk=application.organisation_id)
    form = ApplicationForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.update_application(
                application,
                by=request.user,
                programme=form.cleaned_data["programme"],
                production_unit=form.cleaned_data["production_unit"],
                ptv_version=form.cleaned_data["ptv_version"],
                notes=form.cleaned_data["notes"],
            )
        except ApplicationNotDraft as error:
            return _no_longer_a_draft(request, application, error)
        except DomainError as error:
            refuse_in(form, error)
        else:
            messages.success(request, _("The application is saved."))
            return redirect("portal:application", reference=application.reference)
    return _detail_page(request, application, form=form, status=400)


@portal_required
@require_POST
@answers_refusals
def application_contacts(request: PortalRequest, reference: str) -> HttpResponse:
    application = _load(request, reference)
    formset = contact_formset(application, request.POST)
    if formset.is_valid():
        try:
            services.set_contacts(application, by=request.user, contacts=contacts_of(formset))
        except ApplicationNotDraft as error:
            return _no_longer_a_draft(request, application, error)
        except DomainError as error:
            refuse_in_messages(request, error)
            return _detail_page(request, application, contacts=formset, status=400)
        messages.success(request, _("The contacts are saved."))
        return redirect("portal:application", reference=application.reference)
    return _detail_page(request, application, contacts=formset, status=400)


@portal_required
@require_POST
@answers_refusals
def application_upload_add(request: PortalRequest, reference: str) -> HttpResponse:
    application = _load(request, reference)
    form = UploadForm(request.POST, request.FILES, application=application)
    if form.is_valid():
        try:
            upload = services.add_upload(
                application,
                by=request.user,
                requirement=form.cleaned_data["requirement"],
                upload=form.cleaned_data["file"],
            )
        except ApplicationNotDraft as error:
            return _no_longer_a_draft(request, application, error)
        except DomainError as error:
            refuse_in(form, error, "file")
        else:
            messages.success(request, _("%(name)s is uploaded.") % {"name": upload.original_name})
            return redirect("portal:application", reference=application.reference)
    return _detail_page(request, application, upload=form, status=400)


@portal_required
@require_POST
@answers_refusals
def application_upload_remove(
    request: PortalRequest, reference: str, upload_id: int
) -> HttpResponse:
    application = _load(request, reference)
    upload = application.uploads.filter(pk=upload_id).first()
    if upload is None:
        raise NotVisible
    try:
        services.remove_upload(upload, by=request.user)
    except DomainError as error:
        refuse_in_messages(request, error)
    else:
        messages.success(request, _("%(name)s is removed.") % {"name": upload.original_name})
    return redirect("portal:application", reference=application.reference)


@portal_required
@require_POST
@answers_refusals
def application_submit(request: PortalRequest, reference: str) -> HttpResponse:
    application = _load(request, reference)
    try:
        certificate = services.submit_application(application, by=request.user)
    except ApplicationNotDraft as error:
        return _no_longer_a_draft(request, application, error)
    except DomainError as error:
        refuse_in_messages(request, error)
        return _detail_page(request, application, status=400)
    messages.success(
        request,
        _(
            "Application %(reference)s is submitted: the certification body has received it "
            "as file %(number)s."
        )
        % {"reference": application.reference, "number": certificate.number},
    )
    return redirect("portal:application", reference=application.reference)


@portal_required
@require_POST
@answers_refusals
def application_discard(request: PortalRequest, reference: str) -> HttpResponse:
    application = _load(request, reference)
    try:
        services.discard_application(application, by=request.user)
    except DomainError as error:
        return _no_longer_a_draft(request, application, error)
    messages.success(
        request, _("Draft %(reference)s is discarded.") % {"reference": application.reference}
    )
    return redirect("portal:home")
