"""An inspection report as the holder reads it, and the holder's answer to it.

The comment form stays on the page while the 5 working days run; after the deadline it
gives way to a notice. A comment sent too late (from a page left open) is refused by the
service with its own message, shown on the page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qualimark import clock
from qualimark.access.visible import inspection_for
from qualimark.errors import DomainError
from qualimark.oversight.models import Inspection
from qualimark.oversight.reports import comment_on_report
from qualimark.parties.roles import is_member_of
from qualimark.portal.forms import CommentForm
from qualimark.portal.presenters import comment_window
from qualimark.portal.views.common import PortalRequest, answers_refusals, refuse_in
from qualimark.signin.decorators import portal_required


def _load(request: PortalRequest, reference: str) -> Inspection:
    inspection = inspection_for(request.user, reference)
    return (
        Inspection.objects.select_related(
            "certificate__holder",
            "certificate__programme__scheme",
            "certificate__programme__subject",
            "certificate__production_unit",
            "body",
        )
        .prefetch_related("findings__requirement__document", "samples__result", "comments__by")
        .get(pk=inspection.pk)
    )


@portal_required
@answers_refusals
def inspection_detail(request: PortalRequest, reference: str) -> HttpResponse:
    inspection = _load(request, reference)
    return _page(request, inspection, CommentForm())


@portal_required
@require_POST
@answers_refusals
def comment(request: PortalRequest, reference: str) -> HttpResponse:
    inspection = _load(request, reference)
    # Commenting is for the holder's people while the report awaits comments. A member
    # who comes after the window closed gets the service's own refusal, not a bare 403.
    if not request.user.has_perm("oversight.comment_report", inspection) and not is_member_of(
        request.user, inspection.certificate.holder
    ):
        raise PermissionDenied(_("Only the holder's users may comment on its reports."))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_on_report(inspection, by=request.user, text=form.cleaned_data["text"])
        except DomainError as error:
            refuse_in(form, error)
        else:
            messages.success(request, _("Your comment has been sent to the certification body."))
            return redirect("portal:inspection", reference=inspection.reference)
    return _page(request, inspection, form, status=400)


def _page(
    request: PortalRequest, inspection: Inspection, form: CommentForm, status: int = 200
) -> HttpResponse:
    today = clock.today()
    window = comment_window(inspection, today)
    return render(
        request,
        "portal/inspection.html",
        {
            "inspection": inspection,
            "certificate": inspection.certificate,
            "today": today,
            "window": window,
            "may_comment": window.open
            and request.user.has_perm("oversight.comment_report", inspection),
            "form": form,
            "findings": list(inspection.findings.all()),
            "samples": list(inspection.samples.all()),
            "comments": list(inspection.comments.all()),
        },
        status=status,
    )
