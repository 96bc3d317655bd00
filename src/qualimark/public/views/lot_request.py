"""The public request for a lot inspection, and the page that confirms it was received."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from qualimark.errors import DomainError
from qualimark.public.forms import LotInspectionRequestForm

# The reference of the request just sent, kept in the session for the confirmation page: a
# reference in the address could be made up and shown on the body's own site.
SENT_KEY = "lot_request_sent"


def request_lot_inspection_page(request: HttpRequest) -> HttpResponse:
    form = LotInspectionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_from_a_robot():
            return _sent(request, reference="")
        if form.is_valid():
            try:
                lot_request = form.submit()
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return _sent(request, reference=lot_request.reference)
    return render(request, "public/lot_request.html", {"form": form})


def _sent(request: HttpRequest, *, reference: str) -> HttpResponse:
    request.session[SENT_KEY] = reference
    return redirect("public:lot-request-sent")


def lot_request_sent(request: HttpRequest) -> HttpResponse:
    if SENT_KEY not in request.session:
        return redirect("public:lot-request")
    return render(request, "public/lot_request_sent.html", {"reference": request.session[SENT_KEY]})
