"""Who calls the `/me/` part of the API: the user of the browser session, as on the pages.

Django's session and CSRF protection as the portal and the back-office use them: the
session cookie identifies the user, and a request that changes something (POST) must carry
the CSRF token (header `X-CSRFToken`), or another site could make a logged-in browser
decide. A staff member who must use a second factor needs a session that verified it, as
on the back-office pages (`access.second_factor`). Every refusal is a JSON error with a stable code.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from qualimark.access.second_factor import second_factor_pending
from qualimark.accounts.models import User
from qualimark.api.errors import ApiError
from qualimark.errors import DomainError, NotPermitted, NotVisible

NOT_AUTHENTICATED = "not_authenticated"
CSRF_FAILED = "csrf_failed"
SECOND_FACTOR_REQUIRED = "second_factor_required"
FORBIDDEN = "forbidden"


def refused(error: DomainError) -> ApiError:
    """A refusal of a service as a JSON error: 404 for what the caller may not see, 403 for
    a role that does not take the act, 409 for every other rule (impartiality, status)."""
    if isinstance(error, NotVisible):
        return ApiError(404, error.code, error.message)
    if isinstance(error, NotPermitted):
        return ApiError(403, error.code, error.message)
    return ApiError(409, error.code, error.message)


def forbidden(message: str | None = None) -> ApiError:
    return ApiError(403, FORBIDDEN, message or _("You may not do this."))


class SessionUser(APIKeyCookie):
    """The logged-in user of the session; anonymous callers get 401 `not_authenticated`."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        # Who first, then the token: an anonymous caller is told to log in, whatever it sent.
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
            raise ApiError(
                401, NOT_AUTHENTICATED, _("Log in first: this part of the API is for users.")
            )
        if check_csrf(request) is not None:
            raise ApiError(
                403,
                CSRF_FAILED,
                _(
                    "The CSRF token is missing or wrong: send the csrftoken cookie's value "
                    "in the X-CSRFToken header."
                ),
            )
        if second_factor_pending(request):
            raise ApiError(
                403,
                SECOND_FACTOR_REQUIRED,
                _("Confirm your login with your second factor on the sign-in page first."),
            )
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return self.__call__(request)


def session_user(request: HttpRequest) -> User:
    """The user `SessionUser` let in (ninja sets it as `request.auth`)."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)  # every operation of the routers is behind SessionUser
    return user
