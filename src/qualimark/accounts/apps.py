from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "qualimark.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from qualimark.accounts.admin_site import guard_admin_site

        guard_admin_site()
