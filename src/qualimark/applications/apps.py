from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "qualimark.applications"
    verbose_name = _("Online applications")

    def ready(self) -> None:
        from qualimark.applications import permissions  # noqa: F401  (registers them)
