"""The page of a lot conformity document, found by its lot code."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.links import verification_url
from qualimark.lots import access
from qualimark.public.views.common import not_found
from qualimark.verification.verify import verify


def lot_detail(request: HttpRequest, code: str) -> HttpResponse:
    document = access.conformity_document(code)
    if document is None:
        # The verify page tells a mistyped code from an unknown one.
        return not_found(
            request,
            _("No lot conformity document has the code %(code)s.") % {"code": code},
            suggest_verify=code,
        )
    today = clock.today()
    verdict = verify(document.code, on=today)
    return render(
        request,
        "public/lot.html",
        {
            "lot": document,
            "lot_request": document.request,
            "today": today,
            "verdict": verdict,
            "verification_url": verification_url(document.code),
        },
    )
