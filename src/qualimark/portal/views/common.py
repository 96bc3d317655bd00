"""What every portal page shares: its refusals, its downloads and its form errors.

A portal page answers "not found" (404) both for what does not exist and for what the
user may not see, so that nobody learns that another holder's file exists; it answers
"forbidden" (403) for an action on something the user may see but not do.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.http import content_disposition_header

from qualimark.accounts.models import User
from qualimark.documents.pdf import DocumentNotAvailable
from qualimark.errors import DomainError, ImpartialityError, NotPermitted, NotVisible

P = ParamSpec("P")
R = TypeVar("R", bound=HttpRequest)
View = Callable[Concatenate[R, P], HttpResponseBase]


class PortalRequest(HttpRequest):
    """A request past `portal_required`: its user is logged in and acts for a holder."""

    user: User


def answers_refusals(view: View[R, P]) -> View[R, P]:
    """Turn "not visible" into the portal's 404 page and a refused action into its 403 page."""

    @wraps(view)
    def wrapped(request: R, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            return render(request, "portal/not_found.html", status=404)
        except (PermissionDenied, NotPermitted, ImpartialityError) as refusal:
            return render(request, "portal/forbidden.html", {"message": str(refusal)}, status=403)

    return wrapped


# The refusals of the person rather than of what they asked: answered by `answers_refusals`.
PERSONAL = (NotVisible, NotPermitted, ImpartialityError)


def refuse_in(form: forms.Form, error: DomainError, field: str | None = None) -> None:
    """Show a refusal of the domain on the form, as it was worded.

    A refusal of the person (not theirs to see, not their role, not impartial) is no error
    of the form: it goes on to the 404 or 403 page.
    """
    if isinstance(error, PERSONAL):
        raise error
    form.add_error(field, error.message)


def refuse_in_messages(request: HttpRequest, error: DomainError) -> None:
    """Show a refusal of the domain as a message on the next page (the person's: as above)."""
    if isinstance(error, PERSONAL):
        raise error
    messages.error(request, error.message)


def pdf_download(request: HttpRequest, build: Callable[[], bytes], filename: str) -> HttpResponse:
    """A PDF built on request; a document that does not exist yet answers 409 with the reason."""
    try:
        pdf = build()
    except DocumentNotAvailable as error:
        return render(
            request, "portal/document_problem.html", {"message": error.message}, status=409
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename) or ""
    return response


def file_download(handle: Any, filename: str, content_type: str) -> FileResponse:
    """A stored upload, always as an attachment under its original name (never shown inline)."""
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
