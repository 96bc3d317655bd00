"""An online application as the certification body reviews it, with its documents."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.access.visible import application_for
from qualimark.applications.models import Application, ApplicationStatus, ApplicationUpload
from qualimark.backoffice.views.common import acting_user, stored_download, visible
from qualimark.certification.lifecycle import LIFECYCLE, Transition
from qualimark.certification.permissions import file_standing
from qualimark.signin.decorators import office_required

# The decisions on admissibility, offered on the application itself.
ADMISSIBILITY = (Transition.ADMIT, Transition.REJECT)


def _application(request: HttpRequest, reference: str) -> Application:
    found = visible(application_for, request, reference)
    return (
        Application.objects.select_related(
            "organisation",
            "programme__scheme",
            "programme__subject",
            "production_unit",
            "ptv_version__document",
            "created_by",
            "submitted_by",
            "certificate",
        )
        .prefetch_related("contacts", "uploads__requirement", "uploads__uploaded_by")
        .get(pk=found.pk)
    )


@office_required
def application_page(request: HttpRequest, reference: str) -> HttpResponse:
    application = _application(request, reference)
    certificate = application.certificate
    status = certificate.status_on(clock.today()) if certificate is not None else None
    actions = []
    if certificate is not None and application.status == ApplicationStatus.SUBMITTED:
        open_now = LIFECYCLE.open_to(status, file_standing(acting_user(request), certificate))
        actions = [t for t in ADMISSIBILITY if t in open_now]
    return render(
        request,
        "backoffice/application.html",
        {
            "application": application,
            "certificate": certificate,
            "status": status,
            "actions": actions,
        },
    )


@office_required
def upload_download(request: HttpRequest, reference: str, upload_id: int) -> FileResponse:
    """A document of the application, for whoever may see the application; never by a public URL."""
    application = visible(application_for, request, reference)
    upload = ApplicationUpload.objects.filter(application=application, pk=upload_id).first()
    if upload is None:
        raise Http404(_("No such document."))
    return stored_download(upload.file, upload.original_name, upload.content_type)
