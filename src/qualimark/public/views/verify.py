"""The verify page (the home page) and the short verification links that QR codes carry."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from qualimark import clock
from qualimark.links import verification_path
from qualimark.public.forms import VerifyForm
from qualimark.verification.verify import verify


def verify_page(request: HttpRequest) -> HttpResponse:
    asked = "code" in request.GET or "on" in request.GET
    data = request.GET.copy()
    if not data.get("on"):
        # The answer is for today: the form says so rather than showing an empty date.
        data["on"] = clock.today().isoformat()
    form = VerifyForm(data if asked else None, initial={"on": clock.today()})
    context: dict[str, object] = {"form": form}
    if asked and form.is_valid():
        verdict = verify(
            form.cleaned_data["code"], on=form.cleaned_data["on"], as_of=form.cleaned_data["as_of"]
        )
        context.update(
            verdict=verdict,
            short_link=verification_path(form.cleaned_data["code"]),
            # The same question as of the code's last change: an answer that never changes.
            lasting_query=urlencode(
                {"code": verdict.query, "on": verdict.on.isoformat(), "as_of": verdict.sequence}
            ),
        )
    return render(request, "public/verify.html", context)


def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """/v/<code>: the verify page for `code`, in the language the visitor's browser asks for."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        target = reverse("public:verify")
    response = HttpResponseRedirect(f"{target}?{urlencode({'code': code})}")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response
