"""What every public page shares: the friendly "not found" answer."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def not_found(request: HttpRequest, message: str, **context: Any) -> HttpResponse:
    """A 404 page that says what was not found, in the visitor's language."""
    return render(request, "public/not_found.html", {"message": message, **context}, status=404)
