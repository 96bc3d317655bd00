"""The holders the body works for: find one, register one, add a production unit, and open
a file for an application that came on paper.

Holders usually register themselves and apply online (the portal); the file manager does
it for them when the application came by post. Each form ends in its service, which
decides who may.
"""

from django import forms
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.backoffice.forms import HolderForm, PaperApplicationForm, ProductionUnitForm
from qualimark.backoffice.views.common import acting_user, html5_dates, submitted
from qualimark.backoffice.views.paging import paged
from qualimark.certification.lifecycle import APPLY
from qualimark.certification.models import Certificate
from qualimark.parties import roles
from qualimark.parties.models import Organisation
from qualimark.parties.roles import Act, Standing
from qualimark.parties.services import ADD_PRODUCTION_UNIT, REGISTER_ORGANISATION
from qualimark.signin.decorators import office_required


def _check_reader(request: HttpRequest) -> None:
    """The register of holders is the body's: its staff and the auditor read it."""
    if not roles.is_cb_staff(acting_user(request)):
        raise Http404(_("No such page."))


def _holders(search: str) -> QuerySet[Organisation]:
    holders = Organisation.objects.filter(is_certification_body=False)
    if search:
        digits = "".join(ch for ch in search if ch.isdigit())
        found = (
            Q(name__icontains=search) | Q(trade_name__icontains=search) | Q(town__icontains=search)
        )
        if len(digits) in (9, 10):
            found |= Q(enterprise_number=digits.zfill(10))
        holders = holders.filter(found)
    return holders.annotate(files=Count("certificates")).order_by("name", "id")


@office_required
def holders_page(request: HttpRequest) -> HttpResponse:
    _check_reader(request)
    # What was typed, without the characters a database refuses in a text (NUL).
    search = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable()).strip()[:100]
    page = paged(request.GET, _holders(search))
    return render(
        request,
        "backoffice/holders.html",
        {
            "paged": page,
            "search": search,
            "may_register": REGISTER_ORGANISATION.allows(
                roles.standing(acting_user(request), public=True)
            ),
        },
    )


def _holder(request: HttpRequest, pk: int) -> Organisation:
    _check_reader(request)
    holder = Organisation.objects.filter(pk=pk, is_certification_body=False).first()
    if holder is None:
        raise Http404(_("No such holder."))
    return holder


def _holder_url(holder: Organisation) -> str:
    return reverse("backoffice:holder", args=(holder.pk,))


@office_required
def holder_page(request: HttpRequest, pk: int) -> HttpResponse:
    holder = _holder(request, pk)
    standing = roles.standing(acting_user(request), holder=holder)
    today = clock.today()
    files = (
        Certificate.objects.filter(holder=holder)
        .select_related("programme__scheme", "programme__subject", "production_unit")
        .prefetch_related("status_periods")
        .order_by("number")
    )
    return render(
        request,
        "backoffice/holder.html",
        {
            "holder": holder,
            "units": holder.production_units.order_by("name", "id"),
            "files": [(certificate, certificate.status_on(today)) for certificate in files],
            "may_add_unit": ADD_PRODUCTION_UNIT.allows(standing),
            "may_open_file": APPLY.allows(standing),
        },
    )


def _offered(act: Act, standing: Standing) -> None:
    """A form is shown to whoever may take its act; others are told why, as the service
    would tell them. (A form that is sent goes straight to its service, which decides.)"""
    refusal = act.refusal(standing)
    if refusal is not None:
        raise refusal


def _form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    title: str,
    submit: str,
    holder: Organisation | None = None,
) -> HttpResponse:
    return render(
        request,
        "backoffice/holder_form.html",
        {"form": form, "holder": holder, "title": title, "submit": submit},
    )


@office_required
def register_holder(request: HttpRequest) -> HttpResponse:
    _check_reader(request)
    if request.method == "POST":
        return _register_holder(request)
    _offered(REGISTER_ORGANISATION, roles.standing(acting_user(request), public=True))
    return _form_page(request, HolderForm(), _("Register a holder"), _("Register"))


def _register_holder(request: HttpRequest) -> HttpResponse:
    form = HolderForm(request.POST)
    if submitted(
        request,
        form,
        lambda by: form.register(by=by),
        lambda holder: _("%(holder)s is registered.") % {"holder": holder},
    ):
        return HttpResponseRedirect(_holder_url(form.registered))
    return _form_page(request, form, _("Register a holder"), _("Register"))


@office_required
def add_unit(request: HttpRequest, pk: int) -> HttpResponse:
    holder = _holder(request, pk)
    if request.method == "POST":
        return _add_unit(request, holder)
    _offered(ADD_PRODUCTION_UNIT, roles.standing(acting_user(request), holder=holder))
    return _unit_page(request, ProductionUnitForm(), holder)


def _add_unit(request: HttpRequest, holder: Organisation) -> HttpResponse:
    form = ProductionUnitForm(request.POST)
    if submitted(
        request,
        form,
        lambda by: form.add(holder, by=by),
        lambda unit: _("Production unit %(unit)s is added.") % {"unit": unit.name},
    ):
        return HttpResponseRedirect(_holder_url(holder))
    return _unit_page(request, form, holder)


def _unit_page(request: HttpRequest, form: forms.BaseForm, holder: Organisation) -> HttpResponse:
    return _form_page(
        request, form, _("Add a production unit"), _("Add the production unit"), holder
    )


@office_required
def open_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a file for an application that the holder sent on paper."""
    holder = _holder(request, pk)
    if request.method == "POST":
        return _open_file(request, holder)
    _offered(APPLY, roles.standing(acting_user(request), holder=holder))
    return _open_file_page(request, html5_dates(PaperApplicationForm(holder=holder)), holder)


def _open_file(request: HttpRequest, holder: Organisation) -> HttpResponse:
    form = html5_dates(PaperApplicationForm(request.POST, holder=holder))
    if submitted(
        request,
        form,
        lambda by: form.apply(holder, by=by),
        lambda certificate: (
            _("File %(number)s is opened: the application is received.")
            % {"number": certificate.number}
        ),
    ):
        return HttpResponseRedirect(reverse("backoffice:file", args=(form.opened.number,)))
    return _open_file_page(request, form, holder)


def _open_file_page(
    request: HttpRequest, form: forms.BaseForm, holder: Organisation
) -> HttpResponse:
    return _form_page(
        request, form, _("Open a file for an application on paper"), _("Open the file"), holder
    )
