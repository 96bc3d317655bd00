"""The API's errors: always JSON `{"error": {"code": …, "message": …}}`, never an HTML page.

The `code` is the contract that software relies on; the message is for people, in the
language of the request. The codes and their HTTP statuses:

| code | status | when |
| --- | --- | --- |
| malformed_code | 400 | not a quick code, certificate number, lot code or enterprise number |
| mistyped_code | 404 | a quick code (with suggestions) or lot code whose check digit fails |
| not_found | 404 | nothing public has that code, or no such address |
| bad_date | 400 | a date that is not a real day written YYYY-MM-DD |
| bad_as_of | 400 | an `as_of` that is neither a sequence number nor a moment in ISO 8601 |
| too_many_codes | 400 | a bulk verification over the stated limit |
| invalid_input | 422 | any other parameter or body that does not fit the declared schema |
| method_not_allowed | 405 | a method the address does not answer |
| precondition_failed | 412 | an If-Match that no longer matches (see `caching.py`) |
| internal_error | 500 | a fault of ours; logged |
| (a domain error's own code) | 400 | a rule of the domain refused the request |

Under `/me/` (the logged-in user's files and inspections, `me/auth.py`):

| code | status | when |
| --- | --- | --- |
| not_authenticated | 401 | no logged-in session |
| csrf_failed | 403 | a POST without the session's CSRF token in X-CSRFToken |
| second_factor_required | 403 | the session has not passed the second factor the user must use |
| forbidden | 403 | the user's role may not take this decision |
| not_found | 404 | no such file or inspection, or one the user may not see (the same answer) |
| (a domain error's own code) | 409 | a rule refused the decision, e.g. separation_of_duties |
"""

import json
import logging
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from qualimark.errors import DomainError, NotPermitted, NotVisible

logger = logging.getLogger(__name__)

MALFORMED_CODE = "malformed_code"
MISTYPED_CODE = "mistyped_code"
NOT_FOUND = "not_found"
BAD_DATE = "bad_date"
BAD_AS_OF = "bad_as_of"
TOO_MANY_CODES = "too_many_codes"
INVALID_INPUT = "invalid_input"
METHOD_NOT_ALLOWED = "method_not_allowed"
INTERNAL_ERROR = "internal_error"

# Parameters and body fields that hold a date: a problem there is a bad date.
DATE_FIELDS = frozenset({"on"})


class ApiError(Exception):
    """A refusal of the API with its status, stable code and human message."""

    def __init__(
        self, status: int, code: str, message: str, *, suggestions: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.suggestions = suggestions


def not_found(message: str | None = None) -> ApiError:
    return ApiError(404, NOT_FOUND, message or _("Nothing public has this code."))


def error_body(code: str, message: str, suggestions: list[str] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if suggestions is not None:
        error["suggestions"] = suggestions
    return {"error": error}


def json_error(status: int, code: str, message: str) -> HttpResponse:
    """An error answer built outside ninja (unknown addresses, refused methods)."""
    return HttpResponse(
        json.dumps(error_body(code, message)),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def _field_name(error: dict[str, Any]) -> str:
    location = error.get("loc") or ()
    return str(location[-1]) if location else ""


def _describe(errors: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', '')}"
        for error in errors
    )


def bad_date_message() -> str:
    return _("A date is written YYYY-MM-DD and must be a real day, e.g. 2026-03-14.")


def install_error_handlers(api: NinjaAPI) -> None:
    """Make every error of `api` a JSON error with a stable code."""

    def answer(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return answer(request, exc.status, error_body(exc.code, exc.message, exc.suggestions))

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = list(exc.errors)
        if errors and all(_field_name(error) in DATE_FIELDS for error in errors):
            return answer(request, 400, error_body(BAD_DATE, bad_date_message()))
        message = _("The request does not fit the API: %(problems)s") % {
            "problems": _describe(errors)
        }
        return answer(request, 422, error_body(INVALID_INPUT, message))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 404:
            return answer(request, 404, error_body(NOT_FOUND, _("Not found.")))
        message = _("The request could not be read: %(problem)s") % {"problem": exc.message}
        return answer(request, 422, error_body(INVALID_INPUT, message))

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404, error_body(NOT_FOUND, _("Not found.")))

    @api.exception_handler(DomainError)
    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        # A service's refusal of its caller: what they may not see is not found (404); an
        # act their role does not take is forbidden (403).
        status = (
            404 if isinstance(exc, NotVisible) else 403 if isinstance(exc, NotPermitted) else 400
        )
        return answer(request, status, error_body(exc.code, exc.message))

    @api.exception_handler(Exception)
    def on_any_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API request %s failed", request.get_full_path(), exc_info=exc)
        message = _("Something went wrong on our side. It has been logged.")
        return answer(request, 500, error_body(INTERNAL_ERROR, message))


def unknown_address(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The answer for an address under the API that does not exist."""
    return json_error(404, NOT_FOUND, _("There is no such address in the API."))


View = Callable[..., HttpResponseBase]


def json_method_errors(view: View) -> View:
    """Wrap a ninja path view so that a refused method is answered in JSON too."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        allowed = response.get("Allow", "")
        refused = json_error(
            405,
            METHOD_NOT_ALLOWED,
            _("This address answers %(methods)s only.") % {"methods": allowed},
        )
        refused["Allow"] = allowed
        return refused

    wrapped.__dict__.update(view.__dict__)  # keeps csrf_exempt and ninja's markers
    return wrapped
