from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "qualimark.complaints"
    verbose_name = _("Complaints and appeals")

    def ready(self) -> None:
        from qualimark.complaints import permissions  # noqa: F401  (registers them)
