"""What every back-office page shares: the acting user, refusals, forms that end in a service."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from qualimark.accounts.models import User
from qualimark.errors import DomainError, ImpartialityError, NotPermitted, NotVisible

T = TypeVar("T")


def acting_user(request: HttpRequest) -> User:
    """The person behind a request that `office_required` let through."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def visible(lookup: Callable[[User, str], T], request: HttpRequest, key: str) -> T:
    """The object `lookup` finds for the user; 404 when it does not exist or is not theirs."""
    try:
        return lookup(acting_user(request), key)
    except NotVisible as error:
        raise Http404(error.message) from None


def stored_download(file: FieldFile, name: str, content_type: str) -> FileResponse:
    """A stored upload as an attachment under its original name; 404 if it is gone."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The document is no longer stored.")) from None
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


def forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    """The answer to an act the user may not do: a page that says so, status 403."""
    return render(
        request,
        "backoffice/forbidden.html",
        {"message": message or _("You may not do this.")},
        status=403,
    )


F = TypeVar("F", bound=forms.BaseForm)


def html5_dates(form: F) -> F:
    """Let the browser offer its date picker for every date of `form` (ISO in and out)."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return form


def submitted(
    request: HttpRequest,
    form: forms.BaseForm,
    act: Callable[[User], Any],
    done: Callable[[Any], str],
) -> bool:
    """Run `act` (one service call) if `form` is valid; a refusal becomes the form's error.

    True when the act was done: the caller then redirects. Nothing is written when the
    service refuses: it runs in its own transaction. A refusal of the person (not theirs to
    see, not their role, not impartial) is not a form error: it goes on to the 404 or 403
    page (`signin.refusals`).
    """
    if not form.is_valid():
        return False
    try:
        result = act(acting_user(request))
    except (NotVisible, NotPermitted, ImpartialityError):
        raise
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    except ValidationError as error:  # the model's own checks, run by the service under its lock
        form.add_error(None, error.messages)
        return False
    messages.success(request, done(result))
    return True
