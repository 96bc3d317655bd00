from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "qualimark.sanctions"
    verbose_name = _("Sanctions")

    def ready(self) -> None:
        from qualimark.sanctions import permissions  # noqa: F401  (registers them)
