"""The ties that a person of the body declares to holders (ISO/IEC 17065 4.2).

While a tie is in force its declarer takes none of the body's evaluations and decisions on
the holder's files: the services read the ties and refuse, saying why.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.backoffice.forms import DeclareTieForm, EndTieForm
from qualimark.backoffice.views.common import acting_user, submitted
from qualimark.parties.models import Tie
from qualimark.signin.decorators import office_required


@office_required
def ties_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _declare(request)
    return _page(request, DeclareTieForm())


def _declare(request: HttpRequest) -> HttpResponse:
    form = DeclareTieForm(request.POST)
    if submitted(
        request,
        form,
        lambda by: form.declare(by=by),
        lambda tie: _("Your tie to %(holder)s is recorded.") % {"holder": tie.organisation},
    ):
        return HttpResponseRedirect(reverse("backoffice:ties"))
    return _page(request, form)


def _page(
    request: HttpRequest, form: DeclareTieForm, end_form: EndTieForm | None = None
) -> HttpResponse:
    user = acting_user(request)
    today = clock.today()
    own = Tie.objects.filter(user=user).select_related("organisation").order_by("-valid_from")
    return render(
        request,
        "backoffice/ties.html",
        {
            "ties": [(tie, tie.valid_until is None or tie.valid_until > today) for tie in own],
            "form": form,
            "end_form": end_form or EndTieForm(),
        },
    )


@office_required
def end_tie(request: HttpRequest, tie_id: int) -> HttpResponse:
    tie = Tie.objects.filter(pk=tie_id, user=acting_user(request)).first()
    if tie is None or request.method != "POST":
        raise Http404(_("No such tie."))
    form = EndTieForm(request.POST)
    submitted(
        request,
        form,
        lambda by: form.end(tie, by=by),
        lambda ended: (
            _("Your tie to %(holder)s ends on %(date)s.")
            % {"holder": ended.organisation, "date": date_format(ended.valid_until)}
        ),
    )
    if form.errors:
        return _page(request, DeclareTieForm(), form)
    return HttpResponseRedirect(reverse("backoffice:ties"))
