from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LotsConfig(AppConfig):
    name = "qualimark.lots"
    verbose_name = _("Lot inspections")

    def ready(self) -> None:
        from qualimark.lots import permissions  # noqa: F401  (registers them)
