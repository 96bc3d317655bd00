"""Guards of the portal and back-office views.

Anonymous users go to the login page (and come back with `?next=`); a logged-in user who has
not yet given the code of the second factor goes to that step; a logged-in user without the
right gets the 403 page, never a stack trace.
"""

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from qualimark.access.second_factor import second_factor_pending
from qualimark.signin.views import forbidden

P = ParamSpec("P")
R = TypeVar("R", bound=HttpRequest)
View = Callable[Concatenate[R, P], HttpResponseBase]


def _guarded(permission: str) -> Callable[[View[R, P]], View[R, P]]:
    def decorator(view: View[R, P]) -> View[R, P]:
        @wraps(view)
        def wrapped(request: R, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if second_factor_pending(request):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('signin:second-factor')}?{query}")
            if not request.user.has_perm(permission):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def portal_required(view: View[R, P]) -> View[R, P]:
    """A page of the holder portal: a logged-in, active holder user."""
    return _guarded("portal.use")(view)


def office_required(view: View[R, P]) -> View[R, P]:
    """A page of the back office: CB staff or an inspector, past the second factor if needed."""
    return _guarded("office.use")(view)
