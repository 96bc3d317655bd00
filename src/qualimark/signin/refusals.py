"""Refusals of the services, shown as pages: the views call a service and ask nothing first.

A service that refuses its actor raises `NotVisible` (the object does not exist for them:
404, the same answer as for an object that does not exist), `NotPermitted` or an
impartiality error (403, with the reason the service gave). Nothing was written: the
service runs in its own transaction. The JSON API answers the same refusals itself.
"""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from qualimark.errors import ImpartialityError, NotPermitted, NotVisible

# The page that shows a refusal in each part of the site (by URL namespace).
_TEMPLATES = {"backoffice": "backoffice/forbidden.html", "portal": "portal/forbidden.html"}


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotVisible):
            raise Http404(exception.message) from None
        if not isinstance(exception, NotPermitted | ImpartialityError):
            return None
        match = request.resolver_match
        template = _TEMPLATES.get(match.namespace if match else "", "signin/forbidden.html")
        return render(request, template, {"message": exception.message}, status=403)
