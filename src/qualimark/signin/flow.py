"""The two steps of a login with a second factor.

After the password, a user who logs in in two steps is not logged in yet: the session only
remembers who passed the password (for a few minutes), and where to go afterwards. The login
happens when the token is right.
"""

import time
from dataclasses import dataclass

from django.contrib.auth import login
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from qualimark.accounts.models import User

PENDING_KEY = "signin_pending"
PENDING_SECONDS = 300


@dataclass(frozen=True)
class Pending:
    user: User
    backend: str
    next_url: str


def start_pending(request: HttpRequest, user: User, next_url: str) -> None:
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "next": next_url,
        "at": time.time(),
    }


def pending(request: HttpRequest) -> Pending | None:
    """Who passed the password in this session and still has to give the token."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict) or time.time() - float(data.get("at", 0)) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=int(data.get("user", 0)), is_active=True).first()
    if user is None:
        return None
    return Pending(user, str(data.get("backend", "")), str(data.get("next", "")))


def forget_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def complete_login(request: HttpRequest, step: Pending) -> None:
    forget_pending(request)
    login(request, step.user, backend=step.backend or None)


def home_url() -> str:
    """The start page, in the language of the page the user signed in on.

    Signing in never switches languages: someone who reads the English pages goes on in
    English, whatever their profile says (the profile's language is for their e-mails).
    """
    return reverse("signin:home")


def safe_next(request: HttpRequest, url: str) -> str:
    """`url` if it stays on this site, else an empty string."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else ""


def reverse_or(name: str, fallback: str) -> str:
    """The address of a page of another app, or `fallback` while that app has no such page."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse(fallback)
