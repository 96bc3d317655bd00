"""The portal's home: the user's organisations, their files and what awaits an answer."""

from django.http import HttpResponse
from django.shortcuts import render

from qualimark import clock
from qualimark.parties.roles import holder_organisations
from qualimark.portal.queries import home_sections
from qualimark.portal.views.common import PortalRequest, answers_refusals
from qualimark.signin.decorators import portal_required


@portal_required
@answers_refusals
def home(request: PortalRequest) -> HttpResponse:
    today = clock.today()
    organisations = list(holder_organisations(request.user).order_by("name"))
    return render(
        request,
        "portal/home.html",
        {"today": today, "sections": home_sections(request.user, organisations, today)},
    )
