"""Sign-in pages: login in one or two steps, logout, password reset, profile, start page."""

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from qualimark.access import second_factor
from qualimark.accounts.models import User
from qualimark.signin import flow
from qualimark.signin.forms import (
    EmailAuthenticationForm,
    ProfileForm,
    ResetPasswordForm,
    TokenForm,
)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "signin/login.html"

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        assert isinstance(user, User)
        next_url = self.get_redirect_url()
        if second_factor.uses_second_factor(user):
            flow.start_pending(self.request, user, next_url)
            if second_factor.confirmed_device(user) is None:
                return redirect("signin:second-factor-setup")
            return redirect("signin:second-factor")
        super().form_valid(form)
        return HttpResponseRedirect(next_url or flow.home_url())


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, gettext("You are signed out."))
        return response


def _who_gives_the_token(request: HttpRequest) -> flow.Pending | None:
    """The user at the second step: just past the password, or logged in but not verified."""
    step = flow.pending(request)
    if step is not None:
        return step
    user = request.user
    if isinstance(user, User) and not second_factor.is_verified(user):
        return flow.Pending(user, "", "")
    return None


def _finish(request: HttpRequest, step: flow.Pending, device: Any) -> HttpResponse:
    next_url = flow.safe_next(request, step.next_url or request.GET.get("next", ""))
    if request.user.pk != step.user.pk:  # not logged in yet (or as someone else before)
        flow.complete_login(request, step)
    flow.forget_pending(request)
    second_factor.mark_verified(request, device)
    return HttpResponseRedirect(next_url or flow.home_url())


def _token_refused(form: TokenForm, device: Any) -> None:
    message = second_factor.throttle_message(device) or gettext(
        "This code is not right. Enter the code your app shows now; if it keeps failing, "
        "check that the clock of your phone is right."
    )
    form.add_error("token", message)


@require_http_methods(["GET", "POST"])
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """Enter the code of the authenticator app."""
    step = _who_gives_the_token(request)
    if step is None:
        return redirect("signin:login")
    device = second_factor.confirmed_device(step.user)
    if device is None:
        return redirect(_with_next("signin:second-factor-setup", request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify_token(device, form.cleaned_data["token"]):
            return _finish(request, step, device)
        _token_refused(form, device)
    return render(request, "signin/second_factor.html", {"form": form})


@require_http_methods(["GET", "POST"])
def second_factor_setup_view(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code, confirm with a first code."""
    step = _who_gives_the_token(request)
    if step is None and isinstance(request.user, User):
        step = flow.Pending(request.user, "", "")  # verified users may add an app too
    if step is None:
        return redirect("signin:login")
    if second_factor.confirmed_device(step.user) is not None:
        if second_factor.is_verified(request.user):
            return redirect("signin:profile")
        return redirect(_with_next("signin:second-factor", request))
    device = second_factor.unconfirmed_device(step.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify_token(device, form.cleaned_data["token"]):
            second_factor.confirm_device(device)
            messages.success(request, gettext("Your authenticator app is set up."))
            return _finish(request, step, device)
        _token_refused(form, device)
    url = second_factor.config_url(device)
    context = {
        "form": form,
        "qr_svg": segno.make(url, error="m").svg_inline(scale=5, title=gettext("QR code")),
        "secret": second_factor.secret_text(device),
        "required": second_factor.needs_second_factor(step.user),
    }
    return render(request, "signin/second_factor_setup.html", context)


def _with_next(name: str, request: HttpRequest) -> str:
    next_url = flow.safe_next(request, request.GET.get("next", ""))
    return reverse(name) + (f"?{urlencode({'next': next_url})}" if next_url else "")


@login_required
def home(request: HttpRequest) -> HttpResponseBase:
    """Send each user to its own workplace."""
    user = request.user
    if second_factor.second_factor_pending(request):
        return redirect("signin:second-factor")
    if user.has_perm("portal.use"):
        return redirect(flow.reverse_or("portal:home", "signin:profile"))
    if user.has_perm("office.use"):
        return redirect(flow.reverse_or("backoffice:queue", "signin:profile"))
    return redirect("public:verify")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The user's language, password and authenticator app."""
    user = request.user
    assert isinstance(user, User)
    if second_factor.second_factor_pending(request):
        return redirect(_with_next("signin:second-factor", request))
    form = ProfileForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST" and form.is_valid():
        user.language = form.cleaned_data["language"]
        user.save(update_fields=["language"])
        with translation.override(user.language):
            messages.success(request, gettext("Your language is saved."))
            return redirect(reverse("signin:profile"))
    context = {
        "form": form,
        "has_device": second_factor.confirmed_device(user) is not None,
        "needs_second_factor": second_factor.needs_second_factor(user),
    }
    return render(request, "signin/profile.html", context)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The page of a logged-in user who may not open a page (403)."""
    return render(request, "signin/forbidden.html", status=403)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetPasswordForm
    template_name = "signin/password_reset_form.html"
    email_template_name = "signin/email/password_reset.txt"
    subject_template_name = "signin/email/password_reset_subject.txt"
    success_url = reverse_lazy("signin:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "signin/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "signin/password_reset_confirm.html"
    success_url = reverse_lazy("signin:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "signin/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "signin/password_change_form.html"
    success_url = reverse_lazy("signin:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, gettext("Your password is changed."))
        return response
