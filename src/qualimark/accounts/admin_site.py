"""The Django admin of Qualimark: the reference data (marks, subjects, reference documents
and their versions, inspection bodies, accounts), for administrators only, after their
second factor.

The body's staff do their work in the back-office; the admin shows the workflow records
read-only to the administrator, who may need to look at one as it is stored.

The admin's own login form checks the password only. A user who logs in in two steps is let
into the admin once this session passed the code (django-otp's OTPAdminSite does the same);
before that, the admin's login page sends them to the code step of the sign-in pages.
"""

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


class QualimarkAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        from qualimark.access.second_factor import second_factor_pending

        user = request.user
        return bool(user.is_active and user.is_superuser) and not second_factor_pending(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        from qualimark.access.second_factor import second_factor_pending

        if request.user.is_authenticated and second_factor_pending(request):
            next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            query = urlencode({"next": next_url})
            return HttpResponseRedirect(f"{reverse('signin:second-factor')}?{query}")
        return super().login(request, extra_context)


class QualimarkAdminConfig(AdminConfig):
    default_site = "qualimark.accounts.admin_site.QualimarkAdminSite"
