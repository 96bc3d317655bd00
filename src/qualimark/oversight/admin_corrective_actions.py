"""The page that closes a corrective action, in the oversight admin."""

from collections.abc import Sequence

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from qualimark.certification.admin import acting_user, change_url, render_action_form
from qualimark.errors import DomainError
from qualimark.oversight import forms
from qualimark.oversight.lifecycle import CLOSE_ACTION
from qualimark.oversight.models import CorrectiveAction
from qualimark.oversight.permissions import inspection_standing


def _name(model_admin: "admin.ModelAdmin[CorrectiveAction]") -> str:
    return f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_close"


def corrective_action_urls(
    model_admin: "admin.ModelAdmin[CorrectiveAction]",
) -> Sequence[URLPattern]:
    def close(request: HttpRequest, object_id: str) -> HttpResponse:
        return close_action_view(model_admin, request, object_id)

    view = model_admin.admin_site.admin_view(close)
    return [path("<path:object_id>/close/", view, name=_name(model_admin))]


def close_action_link(
    model_admin: "admin.ModelAdmin[CorrectiveAction]", request: HttpRequest, object_id: str
) -> str | None:
    action = model_admin.get_object(request, unquote(object_id))
    if action is None or not action.is_open:
        return None
    if not CLOSE_ACTION.allows(inspection_standing(acting_user(request), action.inspection)):
        return None
    return reverse(f"admin:{_name(model_admin)}", args=(object_id,))


def close_action_view(
    model_admin: "admin.ModelAdmin[CorrectiveAction]", request: HttpRequest, object_id: str
) -> HttpResponse:
    action = model_admin.get_object(request, unquote(object_id))
    if action is None:
        raise Http404
    if request.method != "POST":
        # The form is shown to whoever may close it; the service says why to others.
        refusal = CLOSE_ACTION.refusal(inspection_standing(acting_user(request), action.inspection))
        if refusal is not None:
            raise refusal
    form = forms.CloseActionForm(request.POST if request.method == "POST" else None, action=action)
    if form.is_bound and form.is_valid():
        try:
            form.submit(by=acting_user(request))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            model_admin.message_user(
                request, gettext("The corrective action is closed."), messages.SUCCESS
            )
            return HttpResponseRedirect(change_url(action))
    return render_action_form(
        model_admin,
        request,
        form=form,
        original=action,
        title=gettext("Close the corrective action"),
        submit_label=gettext("Close the action"),
        details=(
            (gettext("inspection"), action.inspection),
            (gettext("description"), action.description),
            (gettext("due on"), date_format(action.due_on)),
        ),
    )
