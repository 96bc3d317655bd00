from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasheetsConfig(AppConfig):
    name = "qualimark.datasheets"
    verbose_name = _("Datasheets")

    def ready(self) -> None:
        from qualimark.datasheets import permissions  # noqa: F401  (registers them)
