from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "qualimark.access"
    verbose_name = _("Access rules")

    def ready(self) -> None:
        from qualimark.access import rules  # noqa: F401  (registers the permissions)
