"""An inspection report as the holder reads it, and the holder's answer to it.

The comment form stays on the page while the 5 working days run; after the deadline it
gives way to a notice. The service decides who may comment: a comment sent too late (from
a page left open) is refused with its own message, shown on the page; someone who may not
comment at all gets the refusal page.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qualimark import clock
from qualimark.access.visible import inspection_for
from qualimark.errors import DomainError, ImpartialityError, NotPermitted, NotVisible
from qualimark.oversight.lifecycle import COMMENT
from qualimark.oversight.models import CommentAttachment, Inspection
from qualimark.oversight.reports import comment_on_report
from qualimark.portal.forms import CommentForm
from qualimark.portal.presenters import comment_window
from qualimark.portal.views.common import (
    PortalRequest,
    answers_refusals,
    file_download,
    refuse_in,
)
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
        .prefetch_related(
            "findings__requirement__document",
            "samples__result",
            "comments__by",
            "comments__attachments",
        )
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
    form = CommentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            comment_on_report(
                inspection,
                by=request.user,
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
            )
        except (NotVisible, NotPermitted, ImpartialityError):
            raise  # not theirs to comment on: the refusal page (`answers_refusals`)
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
            "may_comment": request.user.has_perm(COMMENT.name, inspection),
            "form": form,
            "findings": list(inspection.findings.all()),
            "samples": list(inspection.samples.all()),
            "comments": list(inspection.comments.all()),
        },
        status=status,
    )


@portal_required
@answers_refusals
def comment_attachment(request: PortalRequest, reference: str, attachment_id: int) -> FileResponse:
    """A file sent with a comment, for whoever sees the inspection; never by a public URL."""
    inspection = inspection_for(request.user, reference)
    attachment = CommentAttachment.objects.filter(
        comment__inspection=inspection, pk=attachment_id
    ).first()
    if attachment is None:
        raise Http404(_("No such file."))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The document is no longer stored.")) from None
    return file_download(handle, attachment.original_name, attachment.content_type)
