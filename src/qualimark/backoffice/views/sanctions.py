"""Sanctions: those of a file on its page, imposing one, ending one, and the list of them all.

A decision maker imposes, lifts, ends and revokes; each page ends in one service of
`sanctions.services`, which decides whether the person may. The list of sanctions is read
by the body's staff and its auditors, like the register of decisions.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qualimark import clock
from qualimark.access.visible import certificate_for
from qualimark.backoffice.views.common import acting_user, submitted, visible
from qualimark.backoffice.views.paging import paged
from qualimark.certification.models import Certificate
from qualimark.certification.permissions import READ_REGISTER, file_standing
from qualimark.parties import roles
from qualimark.parties.roles import Standing
from qualimark.sanctions.forms import (
    ENDING_ACTS,
    Ending,
    EndingForm,
    KindForm,
    SanctionForm,
    endings_of,
    open_kinds,
)
from qualimark.sanctions.models import Sanction, SanctionKind
from qualimark.sanctions.permissions import IMPOSE
from qualimark.sanctions.queries import in_force
from qualimark.signin.decorators import office_required

RECENT_DAYS = 90


@dataclass(frozen=True)
class SanctionRow:
    """A sanction of the file page, with the ends the reader may take on it today."""

    sanction: Sanction
    in_force: bool
    endings: list[Ending]


def file_section(
    certificate: Certificate, standing: Standing, status: str | None
) -> dict[str, Any]:
    """What the file page shows of its sanctions, and the buttons its reader may use."""
    today = clock.today()
    allowed = {ending for ending, act in ENDING_ACTS.items() if act.allows(standing)}
    rows = [
        SanctionRow(
            sanction,
            sanction.in_force_on(today),
            [ending for ending in endings_of(sanction, today) if ending in allowed],
        )
        for sanction in Sanction.objects.filter(certificate=certificate)
        .select_related("decided_by")
        .order_by("-effective", "-id")
    ]
    return {
        "sanctions": rows,
        "may_impose": bool(open_kinds(status)) and IMPOSE.allows(standing),
        # A suspension that is a sanction is lifted from the sanction, which records its end.
        "suspended_by_sanction": any(
            row.in_force and row.sanction.kind == SanctionKind.SUSPENSION for row in rows
        ),
    }


def _certificate(request: HttpRequest, number: str) -> Certificate:
    found = visible(certificate_for, request, number)
    return (
        Certificate.objects.select_related(
            "holder", "programme__scheme", "programme__subject", "production_unit"
        )
        .prefetch_related("status_periods")
        .get(pk=found.pk)
    )


def _sanctions_url(certificate: Certificate) -> str:
    return reverse("backoffice:file", args=(certificate.number,)) + "#sanctions-title"


@office_required
def impose_sanction(request: HttpRequest, number: str) -> HttpResponse:
    """Choose the kind of sanction, then its terms; the service imposes it."""
    certificate = _certificate(request, number)
    kinds = open_kinds(certificate.status_on(clock.today()))
    chosen = KindForm(request.GET if "kind" in request.GET else None, kinds=kinds)
    kind = SanctionKind(chosen.cleaned_data["kind"]) if chosen.is_valid() else None
    if request.method == "POST":
        return _impose(request, certificate, chosen, kind)
    # The form is shown to whoever may impose a sanction; the service says why to others.
    refusal = IMPOSE.refusal(file_standing(acting_user(request), certificate))
    if refusal is not None:
        raise refusal
    blank = SanctionForm(certificate=certificate, kind=kind) if kind is not None else None
    return _impose_page(request, certificate, chosen, kind, blank)


def _impose(
    request: HttpRequest, certificate: Certificate, chosen: KindForm, kind: SanctionKind | None
) -> HttpResponse:
    """Impose the sanction through its service, which refuses whoever may not impose it."""
    if kind is None:
        # No kind, or one the file cannot take (any more): the question is asked again.
        return _impose_page(request, certificate, chosen, None, None)
    form = SanctionForm(request.POST, certificate=certificate, kind=kind)
    if submitted(
        request,
        form,
        lambda by: form.impose(by=by),
        lambda sanction: (
            _("Sanction recorded on %(number)s: %(sanction)s from %(date)s.")
            % {
                "number": certificate.number,
                "sanction": sanction.get_kind_display(),
                "date": date_format(sanction.effective),
            }
        ),
    ):
        return HttpResponseRedirect(_sanctions_url(certificate))
    return _impose_page(request, certificate, chosen, kind, form)


def _impose_page(
    request: HttpRequest,
    certificate: Certificate,
    chosen: KindForm,
    kind: SanctionKind | None,
    form: SanctionForm | None,
) -> HttpResponse:
    return render(
        request,
        "backoffice/sanction_impose.html",
        {
            "certificate": certificate,
            "status": certificate.status_on(clock.today()),
            "kind_form": chosen,
            "kind": kind,
            "form": form,
        },
    )


def _ending(step: str) -> Ending:
    try:
        return Ending(step)
    except ValueError:
        raise Http404(_("No such step.")) from None


@office_required
def end_sanction(request: HttpRequest, number: str, sanction_id: int, step: str) -> HttpResponse:
    """Lift a suspension, end stricter oversight or revoke a sanction on appeal."""
    certificate = _certificate(request, number)
    sanction = Sanction.objects.filter(certificate=certificate, pk=sanction_id).first()
    if sanction is None:
        raise Http404(_("No such sanction."))
    ending = _ending(step)
    if request.method == "POST":
        return _end(request, certificate, sanction, ending)
    # The form is shown to whoever may take this end; the service says why to others.
    refusal = ENDING_ACTS[ending].refusal(file_standing(acting_user(request), certificate))
    if refusal is not None:
        raise refusal
    return _end_page(request, certificate, sanction, EndingForm(sanction=sanction, ending=ending))


def _end(
    request: HttpRequest, certificate: Certificate, sanction: Sanction, ending: Ending
) -> HttpResponse:
    """End, lift or revoke through the service, which refuses whoever may not."""
    form = EndingForm(request.POST, sanction=sanction, ending=ending)
    if submitted(
        request,
        form,
        lambda by: form.apply(by=by),
        lambda _ended: (
            _("Recorded on %(number)s: %(what)s.")
            % {"number": certificate.number, "what": ending.label}
        ),
    ):
        return HttpResponseRedirect(_sanctions_url(certificate))
    return _end_page(request, certificate, sanction, form)


def _end_page(
    request: HttpRequest, certificate: Certificate, sanction: Sanction, form: EndingForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/sanction_end.html",
        {
            "certificate": certificate,
            "sanction": sanction,
            "in_force": sanction.in_force_on(clock.today()),
            "ending": form.ending,
            "form": form,
        },
    )


class SanctionFilter(forms.Form):
    SHOW = (
        ("in_force", gettext_lazy("in force today")),
        ("recent", gettext_lazy("in force today or imposed or ended in the last 90 days")),
        ("all", gettext_lazy("all")),
    )

    show = forms.ChoiceField(label=gettext_lazy("show"), choices=SHOW, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("kind"),
        choices=[("", gettext_lazy("every kind")), *SanctionKind.choices],
        required=False,
    )


def _listed(show: str, kind: str) -> QuerySet[Sanction]:
    today = clock.today()
    sanctions = Sanction.objects.select_related("certificate__holder", "decided_by")
    if show == "recent":
        since = today - timedelta(days=RECENT_DAYS)
        sanctions = sanctions.filter(
            in_force(today) | Q(decided_at__date__gte=since) | Q(ended_on__gte=since)
        )
    elif show != "all":
        sanctions = sanctions.filter(in_force(today))
    if kind:
        sanctions = sanctions.filter(kind=kind)
    return sanctions.order_by("-effective", "-id")


@office_required
def sanctions_page(request: HttpRequest) -> HttpResponse:
    """The sanctions in force today (or recent, or all), by kind, newest first, by pages."""
    READ_REGISTER.check(roles.standing(acting_user(request), public=True))
    filters = SanctionFilter(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    show, kind = data.get("show") or "in_force", data.get("kind") or ""
    page = paged(request.GET, _listed(show, kind))
    today = clock.today()
    return render(
        request,
        "backoffice/sanctions.html",
        {
            "filters": filters,
            "paged": page,
            "rows": [(sanction, sanction.in_force_on(today)) for sanction in page.rows],
        },
    )
