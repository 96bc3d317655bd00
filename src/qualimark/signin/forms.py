"""Forms of the sign-in pages: e-mail and password, the token of the second factor, the profile."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from qualimark.accounts.models import User


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form, asking for the e-mail address.

    One message for every failure (unknown address, wrong password, closed account), so that
    the page never tells whether an address has an account.
    """

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not right. Check both and try again."
        ),
        "inactive": _("The e-mail address or the password is not right. Check both and try again."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "type": "email"})
        self.fields["password"].label = _("Password")

    def clean_username(self) -> str:
        # Accounts are stored with their address in lower case (UserManager.create_user).
        return str(self.cleaned_data.get("username", "")).strip().lower()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits the app shows now."),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "class": "token-input",
            }
        ),
    )

    def clean_token(self) -> str:
        token = "".join(str(self.cleaned_data["token"]).split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("Enter the 6 digits shown by your authenticator app."))
        return token


class ProfileForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        help_text=_("The language of the pages and of the e-mails you receive."),
        choices=settings.LANGUAGES,
    )


class ResetPasswordForm(PasswordResetForm):
    """Django's reset form, writing the e-mail in the user's language.

    An account made by an invitation has no password yet: its user may ask for the link again.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")

    def get_users(self, email: str) -> Iterator[User]:
        yield from User.objects.filter(email__iexact=email.strip(), is_active=True)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        context["public_url"] = settings.QUALIMARK_PUBLIC_URL
        context["cb_name"] = settings.QUALIMARK_CB_NAME
        with translation.override(user.language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )
