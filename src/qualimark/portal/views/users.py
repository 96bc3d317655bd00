"""The portal users of an organisation: everyone may see them, its administrators manage them."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qualimark.errors import DomainError, NotVisible
from qualimark.parties.memberships import invite_user, remove_user
from qualimark.parties.models import Organisation, Role, RoleKind
from qualimark.parties.roles import HOLDER_KINDS, holder_organisations
from qualimark.portal.forms import InviteForm
from qualimark.portal.views.common import (
    PortalRequest,
    answers_refusals,
    refuse_in,
    refuse_in_messages,
)
from qualimark.signin.decorators import portal_required


def _organisation(request: PortalRequest, pk: int) -> Organisation:
    """One of the user's own organisations; any other answers 404 like a missing one."""
    organisation = holder_organisations(request.user).filter(pk=pk).first()
    if organisation is None:
        raise NotVisible
    return organisation


def _page(
    request: PortalRequest, organisation: Organisation, form: InviteForm | None, status: int = 200
) -> HttpResponse:
    roles = (
        Role.objects.filter(organisation=organisation, kind__in=HOLDER_KINDS)
        .select_related("person__user")
        .order_by("person__last_name", "person__first_name", "kind")
    )
    may_manage = request.user.has_perm("parties.manage_users", organisation)
    return render(
        request,
        "portal/users.html",
        {
            "organisation": organisation,
            "roles": roles,
            "may_manage": may_manage,
            "form": (form or InviteForm()) if may_manage else None,
        },
        status=status,
    )


@portal_required
@answers_refusals
def user_list(request: PortalRequest, pk: int) -> HttpResponse:
    return _page(request, _organisation(request, pk), None)


@portal_required
@require_POST
@answers_refusals
def invite(request: PortalRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invite_user(
                organisation,
                by=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=data["language"],
                kind=RoleKind(data["kind"]),
            )
        except DomainError as error:
            refuse_in(form, error)
        else:
            messages.success(
                request,
                _("%(email)s is invited: an e-mail asks them to choose a password.")
                % {"email": data["email"]},
            )
            return redirect("portal:users", pk=organisation.pk)
    return _page(request, organisation, form, status=400)


@portal_required
@require_POST
@answers_refusals
def remove(request: PortalRequest, pk: int, role_id: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    role = (
        Role.objects.filter(organisation=organisation, kind__in=HOLDER_KINDS, pk=role_id)
        .select_related("person")
        .first()
    )
    if role is None:
        raise NotVisible
    try:
        remove_user(role, by=request.user)
    except DomainError as error:
        refuse_in_messages(request, error)
    else:
        messages.success(
            request,
            _("%(person)s no longer has access for %(organisation)s.")
            % {"person": role.person, "organisation": organisation},
        )
    return redirect("portal:users", pk=organisation.pk)
