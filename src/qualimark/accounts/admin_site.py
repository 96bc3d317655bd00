"""The Django admin asks for the second factor too.

The admin's own login form checks the password only. A user who logs in in two steps is let
into the admin once this session passed the code (django-otp's OTPAdminSite does the same);
before that, the admin's login page sends them to the code step of the sign-in pages.
"""

from types import MethodType
from typing import Any

from django.contrib import admin
from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


def _has_permission(site: AdminSite, request: HttpRequest) -> bool:
    from qualimark.access.second_factor import second_factor_pending

    return AdminSite.has_permission(site, request) and not second_factor_pending(request)


def _login(site: AdminSite, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    from qualimark.access.second_factor import second_factor_pending

    if request.user.is_authenticated and second_factor_pending(request):
        next_url = request.GET.get("next") or reverse("admin:index", current_app=site.name)
        query = urlencode({"next": next_url})
        return HttpResponseRedirect(f"{reverse('signin:second-factor')}?{query}")
    return AdminSite.login(site, request, extra_context)


def guard_admin_site() -> None:
    # Replacing the default site (AdminConfig.default_site) would need a settings change; the
    # two methods are set on the one instance instead.
    setattr(admin.site, "has_permission", MethodType(_has_permission, admin.site))  # noqa: B010
    setattr(admin.site, "login", MethodType(_login, admin.site))  # noqa: B010
